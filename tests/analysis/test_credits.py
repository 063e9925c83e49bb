"""The archive's AUTHOR and SRC fields fill the dateline and source a page leaves empty."""

import pytest

from newsan.analysis.credits import is_credit_line, page_credits
from newsan.analysis.pipeline import _known_types
from newsan.lexicons import load_lexicons


@pytest.fixture(scope="module")
def markers():
    return load_lexicons()["markers"]


@pytest.mark.parametrize("author, outlet, expected", [
    ("أبوظبي - سكاي نيوز عربية", "skynews", ("أبوظبي", "سكاي نيوز عربية")),
    ("لندن - رويترز", "alarabia", ("لندن", "رويترز")),
    ("دبي ـ العربية.نت", "alarabia", ("دبي", "العربية.نت")),
    ("القاهرة - أحمد الريدي", "alarabia", ("القاهرة", "alarabia")),   # a byline is no source
    ("العربية.نت - إسلام سيف", "alarabia", (None, "العربية.نت")),       # an outlet is no place
    ("فرانس 24", "france24", (None, "فرانس 24")),
    ("طاهر هاني", "france24", (None, "france24")),
    ("", "BBC", (None, "BBC")),
])
def test_the_archive_fills_what_the_page_leaves_empty(markers, author, outlet, expected):
    metadata = {"author": author, "outlet": outlet}
    assert page_credits(None, None, metadata, markers, _known_types(None)) == expected


def test_the_page_own_dateline_and_source_come_first(markers):
    metadata = {"author": "أبوظبي - سكاي نيوز عربية", "outlet": "skynews"}
    assert page_credits("دمشق", "وكالات", metadata, markers, _known_types(None)) == ("دمشق", "وكالات")


def test_an_sgml_document_gets_its_dateline_and_source_from_author(tmp_path):
    from newsan import analyze_path

    archive = tmp_path / "a.sgml"
    archive.write_text("<DOC>\n<DOCNO>SK-1</DOCNO>\n<SRC>skynews</SRC>\n<AUTHOR>أبوظبي - سكاي نيوز عربية</AUTHOR>\n"
                       "<TEXT>\nقال المبعوث الأممي إن المحادثات ستستأنف.\n</TEXT>\n</DOC>\n", encoding="utf-8")
    [article] = analyze_path(archive, ner="rules")
    assert (article["dateline"], article["source"]) == ("أبوظبي", "سكاي نيوز عربية")


@pytest.mark.parametrize("line, credit", [("فرانس 24/ أ ف ب", True), ("رويترز", True), ("(أ ف ب)", False),
                                          ("وقال الرئيس إن فرانس 24 كاذبة", False)])
def test_a_credit_line_names_only_outlets(markers, line, credit):
    assert is_credit_line(line, markers) is credit
