"""Golden checks on the seed page through the library entry point."""

import pytest

from newsan.analysis.pipeline import Options, analyze_source
from newsan.model import Source
from newsan.output.schema import article_to_dict


@pytest.fixture(scope="module")
def seed(seed_text):
    return article_to_dict(analyze_source(Source("seeds/seed.txt", seed_text, title="عنوان")), tokens=True)


def _spans(article):
    for entity in article["entities"]:
        yield from entity["mentions"]
    for speaker in article["speakers"]:
        yield from speaker["quotes"]
    for related in article["related_articles"]:
        yield from _spans(related)


def test_page_parts(seed):
    assert seed["title"] == "عنوان"
    assert seed["dateline"] == "واشنطن" and seed["source"] == "الجزيرة"
    assert seed["keywords"] == ["حريات", "كوريا الشمالية"]
    assert len(seed["related_headlines"]) == 10
    (related,) = seed["related_articles"]
    assert related["title"] == "روسيا تستأنف حركة قطارات الركاب مع كوريا الشمالية"
    assert "path" not in related


def test_every_offset_checks_out(seed, seed_text):
    spans = list(_spans(seed))
    assert spans
    for span in spans:
        assert seed_text[span["start"]:span["end"]] == span["text"]
    for sentence in seed["sentences"]:
        assert seed_text[sentence["start"]:sentence["end"]] == sentence["text"]
        for token in sentence["tokens"]:
            assert seed_text[token["start"]:token["end"]] == token["text"]


def test_related_article_text_stays_out_of_the_main_article(seed, seed_text):
    related_start = seed_text.index("إقرأ أيضاً")
    assert all(s["end"] <= related_start for s in seed["sentences"])
    main_entities = {e["text"] for e in seed["entities"]}
    assert "فلاديفوستوك" not in main_entities


def test_summary(seed):
    summary = seed["summary"]
    assert summary["lead"].startswith("تخضع أول زيارة")  # dateline removed
    assert len(summary["key_sentences"]) == 3
    assert summary["dateline"] == "واشنطن" and summary["headline"] == "عنوان"
    assert summary["words"] == seed["stats"]["words"] > 500


def test_empty_and_furniture_only_pages_do_not_fail():
    for text in ["", "   \n", "المصدر: الجزيرة", "مقالات مشابهة\n• عنوان", "إقرأ أيضاً:\n"]:
        article = analyze_source(Source("x", text), Options(ner="rules"))
        assert article.summary.lead is None and article.speakers == [] and article.entities == []
