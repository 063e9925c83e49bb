"""The report's tables from small hand-made newsan/1 articles: identities, shares, outlets, months, pairs."""

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from newsan.report import report_articles
from newsan.report.aggregate import PairCounter, article_month, article_outlet

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads(resources.files("newsan").joinpath("data/newsan-report.schema.json").read_text("utf-8"))


def speaker(name, quotes=1, role="official", gender="male", title=None, organization=None):
    return {"name": name, "title": title, "organization": organization, "role": role, "gender": gender,
            "mentions": [name] if name else [],
            "quotes": [{"text": f"قول {i}", "kind": "direct", "cue": "قال", "start": 10 * i, "end": 10 * i + 5}
                       for i in range(quotes)]}


def entity(text, kind="PER", mentions=()):
    spans = [{"text": m, "start": 0, "end": len(m)} for m in (text, *mentions)]
    return {"text": text, "type": kind, "count": len(spans), "mentions": spans}


def article(path, speakers=(), entities=(), **metadata):
    return {"schema": "newsan/1", "path": path, "speakers": list(speakers), "entities": list(entities),
            "metadata": metadata}


def row(rows, name):
    found = [r for r in rows if r.get("name", r.get("text")) == name]
    assert len(found) == 1, [r.get("name", r.get("text")) for r in rows]
    return found[0]


ARCHIVE = [
    article("bbc/1.txt", [speaker("فلاديمير بوتين", 2, title="الرئيس الروسي")],
            [entity("فلاديمير بوتين", mentions=["بوتين"]), entity("موسكو", "LOC")],
            outlet="BBC", date="Sun, 18 Feb 2018 19:49:50 GMT"),
    article("bbc/2.txt", [speaker("بوتين", 1), speaker("لافروف", 1)],
            [entity("بوتين"), entity("لافروف"), entity("موسكو", "LOC")],
            outlet="BBC", date="2018-03-02T10:00:00+01:00"),
    article("cnn/3.txt", [speaker("لبوتين", 1), speaker("سارة أحمد", 2, role="expert", gender="female",
                                                         title="الباحثة", organization="مركز الأهرام"),
                          speaker("وزارة الخارجية الروسية", 3, role="institution", gender=None),
                          speaker(None, 1, role="other", gender=None, title="مصادر")],
            [entity("سيرغي لافروف"), entity("موسكو", "LOC"), entity("وزارة الخارجية الروسية", "ORG")]),
]


@pytest.fixture(scope="module")
def report():
    return report_articles(ARCHIVE, top=None)


def test_one_person_across_articles_is_one_row(report):
    putin = row(report["speakers"], "فلاديمير بوتين")
    assert (putin["articles"], putin["quotes"]) == (3, 4)
    assert putin["variants"][0] == "فلاديمير بوتين" and {"بوتين", "لبوتين"} <= set(putin["variants"])
    # a name read too long, found to start with the article's person, counts for that person
    extended = report_articles([article("x.txt", [speaker("دونالد ترامب الانسحاب")], [entity("دونالد ترامب")])])
    assert [(r["name"], r["variants"], r["quotes"]) for r in extended["speakers"]] == [
        ("دونالد ترامب", ["دونالد ترامب"], 1)]
    assert putin["titles"] == ["الرئيس الروسي"] and putin["role"] == "official" and putin["gender"] == "male"
    assert [e["path"] for e in putin["examples"]] == ["bbc/1.txt", "bbc/1.txt", "bbc/2.txt"]
    assert putin["examples"][0] == {"path": "bbc/1.txt", "text": "قول 0", "start": 0, "end": 5}


def test_a_surname_joins_a_full_name_known_only_as_an_entity(report):
    lavrov = row(report["speakers"], "سيرغي لافروف")
    assert lavrov["variants"] == ["سيرغي لافروف", "لافروف"] and lavrov["articles"] == 1
    assert row(report["entities"], "سيرغي لافروف")["articles"] == 2


def test_roles_count_every_quote_and_genders_only_people(report):
    assert report["quotes"] == 11
    assert report["roles"] == {"expert": 2, "official": 5, "institution": 3, "media": 0, "other": 1}
    assert report["genders"] == {"female": 2, "male": 5, "unknown": 1}  # the body's 3 quotes are not people's


def test_organizations_speaking_and_by_their_people(report):
    ministry = row(report["organizations"], "وزارة الخارجية الروسية")
    assert (ministry["spoken"], ministry["by_members"], ministry["quotes"]) == (3, 0, 3)
    centre = row(report["organizations"], "مركز الأهرام")
    assert (centre["spoken"], centre["by_members"], centre["members"]) == (0, 2, ["سارة أحمد"])
    assert row(report["speakers"], "وزارة الخارجية الروسية")["kind"] == "organization"


def test_experts_directory(report):
    assert report["experts"] == [{"name": "سارة أحمد", "organization": "مركز الأهرام", "title": "الباحثة",
                                  "articles": 1, "quotes": 2,
                                  "topics": ["سيرغي لافروف", "موسكو", "وزارة الخارجية الروسية"]}]


def test_by_outlet_and_by_month(report):
    assert [(r["outlet"], r["articles"], r["quotes"]) for r in report["by_outlet"]] == [("BBC", 2, 4), ("cnn", 1, 7)]
    assert [(r["month"], r["articles"]) for r in report["by_month"]] == [("2018-02", 1), ("2018-03", 1)]
    assert report["undated"] == 1


def test_cooccurrence_counts_articles_of_merged_identities(report):
    pairs = {frozenset((p["a"], p["b"])): p["articles"] for p in report["cooccurrence"]}
    assert pairs[frozenset(("فلاديمير بوتين", "موسكو"))] == 2  # بوتين of the second article is the same person
    assert pairs[frozenset(("سيرغي لافروف", "موسكو"))] == 2


def test_the_report_matches_its_schema_and_the_shipped_copy(report):
    jsonschema.validate(report, SCHEMA)
    jsonschema.validate(report_articles([]), SCHEMA)
    assert json.loads((REPO / "examples" / "newsan-report.schema.json").read_text("utf-8")) == SCHEMA


def test_top_cuts_every_table():
    small = report_articles(ARCHIVE, top=1)
    assert all(len(small[key]) <= 1 for key in ("organizations", "entities", "experts", "cooccurrence"))
    # the first person and the first body: a body quoted more often does not push people out
    assert [(row["name"], row["kind"]) for row in small["speakers"]] == [
        ("فلاديمير بوتين", "person"), ("وزارة الخارجية الروسية", "organization")]


@pytest.mark.parametrize("metadata, month", [
    ({"date": "Sun, 18 Feb 2018 19:49:50 GMT"}, "2018-02"),
    ({"date": "Mon, 31 Dec 2018 23:30:00 -0500"}, "2018-12"),  # as written, not moved to UTC
    ({"date": "2017-01-20T21:43:00+01:00"}, "2017-01"),
    ({"date": "2016/12/10"}, "2016-12"),
    ({"date": "yesterday"}, None),
    ({}, None),
])
def test_article_month(metadata, month):
    assert article_month(metadata) == month


def test_article_outlet_is_the_archive_source_else_the_folder():
    assert article_outlet("x/bbc.sgml.gz#BB-1", {"outlet": "BBC"}) == "BBC"
    assert article_outlet("data/skynews/a.sgml.gz#D1", {}) == "skynews"
    assert article_outlet("a.txt", {}) == "."


def test_pair_counter_keeps_frequent_pairs_in_bounded_memory():
    counter = PairCounter(width=10)
    for i in range(1000):
        counter.add_article([("a", "b"), (f"rare{i}", "z")])
    assert counter.counts[("a", "b")][0] == 1000
    assert len(counter.counts) <= 12  # the rare pairs of the last bucket at most, not 1000


def test_a_row_is_named_by_its_frequent_full_name_not_a_rare_longer_form():
    # a misread longer name (كشاهد: ك glued to a word before the name) is the only longer form ending with
    # يوسف الشاهد, so the two are one identity; the row takes the spelling the archive uses most
    articles = [article(f"t/{n}.txt", [speaker("يوسف الشاهد")], [entity("يوسف الشاهد", mentions=["الشاهد"])])
                for n in range(3)]
    articles.append(article("t/9.txt", [], [entity("كشاهد يوسف الشاهد")]))
    result = report_articles(articles)
    assert [(r["name"], r["articles"]) for r in result["speakers"]] == [("يوسف الشاهد", 3)]
    assert [(r["text"], r["articles"]) for r in result["entities"]] == [("يوسف الشاهد", 4)]


def test_odd_values_in_a_file_read_back_are_skipped_not_fatal():
    odd = {"path": "odd.txt", "metadata": {"date": 20180101, "outlet": ""},
           "entities": [{"text": 5, "type": "PER"}, {"text": "موسكو", "type": "LOC", "count": "many",
                                                      "mentions": [None, {"text": 3}, {"text": ["x"]},
                                                                   {"text": "بموسكو"}]}],
           "speakers": [{"name": ["x"], "gender": [], "role": None, "quotes": [{}]},
                        {"name": "سارة أحمد", "title": 7, "organization": {}, "quotes": [{"text": "قول"}]}]}
    result = report_articles([odd])
    assert result["articles"] == 1 and result["quotes"] == 2
    assert result["entities"][0]["mentions"] == 1 and set(result["entities"][0]["variants"]) == {"موسكو", "بموسكو"}
    assert result["speakers"][0]["examples"] == [{"path": "odd.txt", "text": "قول", "start": 0, "end": 0}]
