"""The second half of a report: the tallies of `aggregate.Archive` merged into identities and tables.

`build_report` returns the `newsan-report/1` dict
(`examples/newsan-report.schema.json`); the JSON, Markdown and HTML views
all render that one dict, so what a table shows is decided here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from newsan.report.aggregate import UNKNOWN, Archive, EntityTally, OrganizationTally, Share, SpeakerTally
from newsan.report.identities import Form, display, resolve

REPORT_SCHEMA = "newsan-report/1"
ROLES = ("expert", "official", "institution", "media", "other")
GENDERS = ("female", "male", UNKNOWN)
VARIANTS = 10  # spellings listed per identity
TOPICS = 5  # an expert's topics listed
RARE_SPELLINGS_FROM = 10  # an identity seen this often lists only the spellings seen more than once

T = TypeVar("T")


class Identities:
    """Which form each form of a table belongs to, by entity type: people (with their surnames), bodies
    (the entity model's ORG and LOC, the bodies that speak and the affiliations), works."""

    def __init__(self, archive: Archive):
        people = {form for (kind, form) in archive.speakers if kind == "person"}
        people |= {form for (kind, form) in archive.entities if kind == "PER"}
        bodies = {form for (kind, form) in archive.speakers if kind == "organization"} | set(archive.organizations)
        bodies |= {form for (kind, form) in archive.entities if kind in ("ORG", "LOC")}
        works = {form for (kind, form) in archive.entities if kind == "MISC"}
        self._people = resolve(people, surnames=True)
        self._bodies = resolve(bodies, surnames=False)
        self._works = resolve(works, surnames=False)

    def of(self, kind: str, form: Form) -> Form:
        """The identity's form of a form; `kind` an entity type or a speaker's kind."""
        table = self._people if kind in ("PER", "person") else self._works if kind == "MISC" else self._bodies
        return table.get(form, form)


def build_report(archive: Archive, *, top: int | None = 100, edges: int | None = 100) -> dict[str, Any]:
    """The report dict of an archive; `top` rows per table (None: all), `edges` co-occurrence pairs."""
    identities = Identities(archive)
    entities = _merge(archive.entities, lambda key: (key[0], identities.of(*key)), _merge_entities)
    names: dict[tuple[str, Form], str] = {}

    def name(variants: Counter[str], form: Form) -> str:
        """How the archive writes an identity most often, preferring a full name (two words or more)
        to a surname and a name alone to one with a title: the identity's own form may be a rare,
        longer spelling that a frequent full name was merged into."""
        def rank(spelling: str) -> tuple[bool, bool, int, int, str]:
            words = archive.form(spelling)
            return (len(words) >= 2, len(words) == len(spelling.split()), variants[spelling], len(spelling),
                    spelling)

        return max(variants, key=rank) if variants else display(form)

    def entity_name(key: tuple[str, Form]) -> str:
        root = (key[0], identities.of(*key))
        if root not in names:
            tally = entities.get(root)
            names[root] = name(tally.variants, root[1]) if tally else display(root[1])
        return names[root]

    def speaker_row(key: tuple[str, Form]) -> dict[str, Any]:
        return _speaker_row(key, speakers[key], name, entity_name, entities.__contains__)

    # Rows are sorted on their numbers (then their forms, for a stable order), and only the rows
    # shown are named: naming compares every spelling of an identity, and most identities are
    # never shown.
    speakers = _merge(archive.speakers, lambda key: (key[0], identities.of(*key)), _merge_speakers)
    speaker_keys = sorted(speakers, key=lambda key: (-speakers[key].quotes, -speakers[key].articles, key))
    expert_keys = [key for key in speaker_keys if key[0] == "person" and _most(speakers[key].roles) == "expert"]
    bodies = _merge(archive.organizations, lambda form: identities.of("ORG", form), _merge_bodies)
    body_keys = sorted(bodies, key=lambda form: (-bodies[form].spoken - bodies[form].by_members,
                                                 -bodies[form].articles, form))
    entity_keys = sorted(entities, key=lambda key: (-entities[key].articles, -entities[key].mentions, key))
    experts = [{"name": row["name"], "organization": (row["organizations"] or [None])[0],
                "title": (row["titles"] or [None])[0], "articles": row["articles"], "quotes": row["quotes"],
                "topics": row["topics"]} for row in map(speaker_row, _first(expert_keys, top))]
    return {
        "schema": REPORT_SCHEMA,
        "articles": archive.total.articles,
        "quotes": archive.total.quotes,
        "undated": archive.undated,
        "roles": _shares(archive.total.roles, ROLES),
        "genders": _shares(archive.total.genders, GENDERS),
        # the first `top` people and the first `top` bodies: bodies speak often, and would crowd people out
        "speakers": [speaker_row(key) for key in _first([key for key in speaker_keys if key[0] == "person"], top)
                     + _first([key for key in speaker_keys if key[0] == "organization"], top)],
        "organizations": [_organization_row(name(bodies[form].variants, form), bodies[form])
                          for form in _first(body_keys, top)],
        "entities": [{"text": entity_name(key), "type": key[0],
                      "variants": _variants(entity_name(key), entities[key].variants),
                      "articles": entities[key].articles, "mentions": entities[key].mentions}
                     for key in _first(entity_keys, top)],
        "experts": experts,
        "by_outlet": [_share_row("outlet", name, share) for name, share in
                      sorted(archive.outlets.items(), key=lambda item: (-item[1].articles, item[0]))],
        "by_month": [_share_row("month", name, share) for name, share in sorted(archive.months.items())],
        "cooccurrence": _cooccurrence(archive, identities, entity_name, edges),
    }


def _merge(tallies: Mapping[T, Any], root: Callable[[T], T], combine: Callable[[Any, Any], None]) -> dict[T, Any]:
    """Tallies merged by identity: each form's tally combined into its identity's. The archive's
    tallies are not changed (one is copied before another is combined into it); the identity's own
    form comes first, so its examples come first."""
    merged: dict[T, Any] = {}
    copied: set[T] = set()
    for key in sorted(tallies, key=lambda key: root(key) != key):
        target = root(key)
        if target not in merged:
            merged[target] = tallies[key]
            continue
        if target not in copied:
            merged[target] = _copy(merged[target])
            copied.add(target)
        combine(merged[target], tallies[key])
    return merged


def _copy(tally: Any) -> Any:
    values = {name: (Counter(value) if isinstance(value, Counter) else list(value) if isinstance(value, list)
                     else value) for name in tally.__slots__ for value in [getattr(tally, name)]}
    return type(tally)(**values)


def _merge_entities(into: EntityTally, other: EntityTally) -> None:
    into.variants.update(other.variants)
    into.articles += other.articles
    into.mentions += other.mentions


def _merge_speakers(into: SpeakerTally, other: SpeakerTally) -> None:
    for name in ("variants", "titles", "organizations", "roles", "genders", "topics"):
        getattr(into, name).update(getattr(other, name))
    into.articles += other.articles
    into.quotes += other.quotes
    into.examples.extend(other.examples[:max(0, 3 - len(into.examples))])


def _merge_bodies(into: OrganizationTally, other: OrganizationTally) -> None:
    into.variants.update(other.variants)
    into.members.update(other.members)
    into.articles += other.articles
    into.spoken += other.spoken
    into.by_members += other.by_members


def _speaker_row(key: tuple[str, Form], tally: SpeakerTally, name: Callable[[Counter[str], Form], str],
                 entity_name: Callable[[tuple[str, Form]], str],
                 has_entity: Callable[[tuple[str, Form]], bool]) -> dict[str, Any]:
    kind, form = key
    own = entity_name(("PER", form)) if kind == "person" and has_entity(("PER", form)) else None
    genders = tally.genders.most_common()
    written = own or name(tally.variants, form)
    return {
        "name": written,
        "kind": kind,
        "variants": _variants(written, tally.variants),
        "titles": _top(tally.titles, VARIANTS),
        "organizations": _top(tally.organizations, VARIANTS),
        "role": _most(tally.roles) or "other",
        # the gender the text marks most often; none where it never does (never guessed from the name)
        "gender": genders[0][0] if kind == "person" and genders else None,
        "articles": tally.articles,
        "quotes": tally.quotes,
        "topics": list(dict.fromkeys(entity_name(topic) for topic, _ in tally.topics.most_common()))[:TOPICS],
        "examples": tally.examples[:3],
    }


def _organization_row(name: str, tally: OrganizationTally) -> dict[str, Any]:
    return {"name": name, "variants": _variants(name, tally.variants),
            "articles": tally.articles, "quotes": tally.spoken + tally.by_members, "spoken": tally.spoken,
            "by_members": tally.by_members, "members": _top(tally.members, 5)}


def _cooccurrence(archive: Archive, identities: Identities, entity_name: Callable[[tuple[str, Form]], str],
                  edges: int | None) -> list[dict[str, Any]]:
    merged: Counter[tuple[tuple[str, Form], tuple[str, Form]]] = Counter()
    for (a, b), (count, _) in archive.pairs.counts.items():
        first, second = sorted(((a[0], identities.of(*a)), (b[0], identities.of(*b))))
        if first != second:
            merged[first, second] += count
    rows = sorted(merged.items(), key=lambda item: (-item[1], entity_name(item[0][0]), entity_name(item[0][1])))
    return [{"a": entity_name(a), "a_type": a[0], "b": entity_name(b), "b_type": b[0], "articles": count}
            for (a, b), count in _first(rows, edges)]


def _share_row(label: str, name: str, share: Share) -> dict[str, Any]:
    return {label: name, "articles": share.articles, "quotes": share.quotes,
            "roles": _shares(share.roles, ROLES), "genders": _shares(share.genders, GENDERS)}


def _shares(counts: Counter[str], order: Iterable[str]) -> dict[str, int]:
    return {name: counts.get(name, 0) for name in order}


def _most(counts: Counter[str]) -> str | None:
    """The most common item, ties broken by the longer then the first in order: deterministic."""
    return min(counts, key=lambda item: (-counts[item], -len(item), item)) if counts else None


def _top(counts: Counter[str], size: int) -> list[str]:
    return [item for item in sorted(counts, key=lambda item: (-counts[item], -len(item), item))][:size]


def _variants(name: str, counts: Counter[str]) -> list[str]:
    """The spellings of an identity, the one that names it first, then the others by frequency; of an
    identity seen often, only the spellings seen more than once (a misread name is seen once)."""
    others = [item for item in _top(counts, VARIANTS + 1) if item != name]
    if sum(counts.values()) >= RARE_SPELLINGS_FROM:
        others = [item for item in others if counts[item] > 1]
    return [name] + others[:VARIANTS - 1]


def _first(rows: list[T], size: int | None) -> list[T]:
    return rows if size is None else rows[:size]
