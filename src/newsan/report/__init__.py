"""`newsan report`: who gets a voice across an archive, aggregated from newsan/1 articles.

`aggregate.Archive` reads articles one at a time into per-form tallies;
`tables.build_report` merges the forms into identities (`identities`) and
returns the `newsan-report/1` dict, which `formats.render` writes as an HTML
page (`page`, `charts`), JSON or Markdown (`markdown`). `inputs` reads
newsan's own JSON and JSON Lines back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def report_articles(articles: Iterable[dict[str, Any]], *, top: int | None = 100,
                    config: str | None = None) -> dict[str, Any]:
    """The report dict (schema newsan-report/1) of newsan/1 article dicts (`newsan.analyze_path`'s,
    or lines of `newsan analyze -f jsonl`), read once, one at a time; `top` rows per table (None: all);
    `config` a lexicon config whose titles extend the ones dropped before names."""
    from newsan.report.aggregate import Archive
    from newsan.report.identities import title_words
    from newsan.report.tables import build_report

    archive = Archive(title_words(config))
    for article in articles:
        archive.add(article)
    return build_report(archive, top=top, edges=top)
