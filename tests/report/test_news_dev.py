"""Identities merged across real articles of news-dev in which one person appears in several.

Netanyahu is quoted in 43 (as نتنياهو) and in 44 (as بنيامين نتنياهو);
Trump is named in 04, 41, 47 and 55, as دونالد ترامب or ترامب alone. The
counts asked for are those of the analysis the report reads, so a change in
what the pipeline finds does not fail the merging tests.
"""

import pytest

from newsan.api import analyze_path
from newsan.report import report_articles

ARTICLES = ("04", "41", "43", "44", "47", "55")


@pytest.fixture(scope="module")
def analyzed(shared_data):
    return list(analyze_path([str(shared_data / "news-dev" / f"{name}.txt") for name in ARTICLES]))


@pytest.fixture(scope="module")
def report(analyzed):
    return report_articles(analyzed, top=None)


def rows(table, name):
    return [row for row in table if row.get("name", row.get("text")) == name]


def test_one_speaker_quoted_under_two_names_in_two_articles(report):
    [netanyahu] = rows(report["speakers"], "بنيامين نتنياهو")
    assert netanyahu["articles"] == 2 and netanyahu["kind"] == "person" and netanyahu["gender"] == "male"
    assert set(netanyahu["variants"]) >= {"بنيامين نتنياهو", "نتنياهو"}
    assert {example["path"][-6:] for example in netanyahu["examples"]} == {"43.txt", "44.txt"}
    assert not rows(report["speakers"], "نتنياهو")


def test_one_person_named_in_several_articles_full_name_or_surname(report, analyzed):
    naming = {article["path"][-6:] for article in analyzed for entity in article["entities"]
              if entity["type"] == "PER" and entity["text"] in ("دونالد ترامب", "ترامب")}
    assert {"04.txt", "41.txt", "55.txt"} <= naming  # the full name in 04 and 55, the surname alone in 41
    [trump] = [row for row in rows(report["entities"], "دونالد ترامب") if row["type"] == "PER"]
    assert trump["articles"] == len(naming) and "ترامب" in trump["variants"]
    assert not [row for row in rows(report["entities"], "ترامب") if row["type"] == "PER"]
