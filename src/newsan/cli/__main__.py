"""`python -m newsan.cli`: the `newsan` command."""

from newsan.cli import main

main()
