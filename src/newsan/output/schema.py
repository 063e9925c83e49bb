"""The data model as the versioned output schema (`newsan/1`, see `examples/newsan.schema.json`).

`article_to_dict` is the single mapping from an analyzed Article to plain
dicts, lists and strings; every output format (JSON, JSON Lines, YAML, the
terminal view) and the library API serialize what it returns, so the schema
is decided here and nowhere else.
"""

from __future__ import annotations

from typing import Any

from newsan.model import Article, Entity, Sentence, Speaker


def article_to_dict(article: Article, *, tokens: bool = False, embedded: bool = False) -> dict[str, Any]:
    """The schema view of an article; `embedded` for related articles (no path)."""
    data: dict[str, Any] = {}
    words = article.word_count
    if not embedded:
        data["path"] = article.path
    data.update({
        "title": article.title,
        "dateline": article.dateline,
        "source": article.source,
        "encoding": article.encoding,
        "stats": {"words": words, "sentences": len(article.sentences)},
        "entities": [_entity(e) for e in article.entities],
        "speakers": [_speaker(s) for s in article.speakers],
        "related_articles": [article_to_dict(r, tokens=tokens, embedded=True) for r in article.related_articles],
        "related_headlines": list(article.related_headlines),
        "keywords": list(article.keywords),
        "summary": {
            "headline": article.title,
            "dateline": article.dateline,
            "source": article.source,
            "lead": article.summary.lead,
            "key_sentences": list(article.summary.key_sentences),
            "top_entities": {k: list(v) for k, v in article.summary.top_entities.items()},
            "quoted": [dict(q) for q in article.summary.quoted],
            "words": words,
            "sentences": len(article.sentences),
        },
        "sections": [{"kind": s.kind, "start": s.start, "end": s.end} for s in article.sections],
    })
    if not embedded:
        data["metadata"] = dict(article.metadata)
        data["warnings"] = list(article.warnings)
    if tokens:
        data["sentences"] = [_sentence(s) for s in article.sentences]
    return data


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "text": entity.text,
        "type": entity.type,
        "count": entity.count,
        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in entity.mentions],
    }


def _speaker(speaker: Speaker) -> dict[str, Any]:
    return {
        "name": speaker.name,
        "title": speaker.title,
        "organization": speaker.organization,
        "role": speaker.role,
        "gender": speaker.gender,
        "mentions": list(speaker.mentions),
        "quotes": [{"text": q.text, "kind": q.kind, "cue": q.cue, "start": q.start, "end": q.end}
                   for q in speaker.quotes],
    }


def _sentence(sentence: Sentence) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "tokens": [{"text": t.text, "start": t.start, "end": t.end, "norm": t.norm} for t in sentence.tokens],
    }
