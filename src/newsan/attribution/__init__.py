"""Who is quoted in an article, as what, saying what.

`extract.extract_speakers` is the entry point. It reads each sentence for
attribution events (`events`: the cues; `content`: what they report;
`subjects`: who, when not right after the cue; `sentence`: what they share),
reads speaker phrases with `phrases` (made of `names`, `organizations` and
`titles` over the `tokens` view) and merges them into speakers in `book`.
`quotation` finds the quotation-mark spans; `words` folds the `cues` and
`titles` lexicons these modules match against.
"""
