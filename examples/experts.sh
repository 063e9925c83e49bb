#!/usr/bin/env bash
# Every quoted expert across a folder of articles, with affiliation and how often quoted.
#   examples/experts.sh seeds/
# Needs jq. newsan streams one article per line (--format jsonl), so this works on archives too.
# Runs the newsan of this clone's .venv (make install), else the one on PATH.
set -euo pipefail
folder=${1:-seeds/}
repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ -x "$repo/.venv/bin/newsan" ]]; then
  newsan="$repo/.venv/bin/newsan"
elif command -v newsan >/dev/null; then
  newsan=newsan
else
  echo "experts.sh: newsan is not installed: run 'make install' in $repo (or put newsan on PATH)" >&2
  exit 2
fi
"$newsan" analyze "$folder" --format jsonl -q \
  | jq -r '.path as $p | .speakers[] | select(.role == "expert")
           | [.name, (.organization // "-"), (.quotes | length), $p] | @tsv' \
  | sort | column -t -s $'\t'
