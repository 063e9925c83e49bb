"""Where an article comes from when its page does not say: the archive's AUTHOR and SRC fields.

TREC-style archives keep a credit apart from the text: AUTHOR holds "place -
credit" (أبوظبي - سكاي نيوز عربية, لندن - رويترز, القاهرة - أحمد الريدي), an
outlet alone (فرانس 24) or a byline, and SRC the outlet that published the
page. The page's own dateline and source line come first; these fill what it
leaves empty. A credit is a source only when it names an outlet or agency
(`markers.yaml` credit_names), never a byline; a place is a dateline only when
the gazetteer knows it as one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsan.arabic.normalize import match_form, squeeze
from newsan.lexicons import compiled

# "place - credit", with a hyphen, a dash or a tatweel standing for one (دبي ـ العربية.نت)
_PLACE_AND_CREDIT = re.compile(r"^(?P<place>[^-–—ـ]+?)\s*[-–—ـ]\s*(?P<credit>\S.*)$")
_MAX_CREDIT_WORDS = 8


def page_credits(dateline: str | None, source: str | None, metadata: Mapping[str, str],
                 markers: Mapping[str, Any], known_types: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(dateline, source): the page's own, else what the archive's fields tell."""
    author = metadata.get("author", "").strip()
    parts = _PLACE_AND_CREDIT.match(author)  # before squeeze, which would drop a tatweel standing for the dash
    place, credit = (squeeze(parts["place"]), squeeze(parts["credit"])) if parts else (None, None)
    author = squeeze(author)
    if dateline is None and place and known_types.get(" ".join(match_form(place).split())) == "LOC":
        dateline = place
    if source is None:
        source = next((part for part in (credit, place, author) if part and names_outlet(part, markers)),
                      metadata.get("outlet"))
    return dateline, source


def names_outlet(credit: str, markers: Mapping[str, Any]) -> bool:
    """The credit starts with an outlet's or agency's name (سكاي نيوز عربية, رويترز, أ ف ب)."""
    folded = match_form(credit).strip()
    return any(folded == name or folded.startswith((name + " ", name + ".", name + "/"))
               for name in compiled(markers, _credit_names))


def is_credit_line(text: str, markers: Mapping[str, Any]) -> bool:
    """A short line of outlets and agencies only, as pages close an article with: فرانس 24/ أ ف ب."""
    if not 0 < len(text.split()) <= _MAX_CREDIT_WORDS:  # most paragraphs: a body paragraph is longer
        return False
    return all(names_outlet(part, markers) for part in re.split(r"[/،,|]", text) if part.strip())


def _credit_names(markers: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(match_form(name).strip() for name in markers.get("credit_names", []))
