import io
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from newsan.analysis.pipeline import analyze_source
from newsan.model import Source
from newsan.output.schema import article_to_dict
from newsan.output.writers import make_writer

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads(resources.files("newsan").joinpath("data/newsan.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def articles(seed_text):
    second = "عنوان قصير\nقال وزير الخارجية سامح شكري إن \"الوضع صعب\".\n"
    return [article_to_dict(analyze_source(Source(p, t)), tokens=tokens)
            for p, t, tokens in [("seed.txt", seed_text, False), ("b.txt", second, True)]]


def _write(fmt, articles):
    stream = io.StringIO()
    writer = make_writer(fmt, stream)
    for article in articles:
        writer.write(article)
    writer.close()
    return stream.getvalue()


def test_json_document_matches_schema(articles):
    document = json.loads(_write("json", articles))
    jsonschema.validate(document, SCHEMA)
    assert document["schema"] == "newsan/1" and len(document["articles"]) == 2


def test_jsonl_one_article_per_line(articles):
    lines = _write("jsonl", articles).splitlines()
    assert len(lines) == 2
    for line in lines:
        article = json.loads(line)
        jsonschema.validate({"schema": "newsan/1", "articles": [article]}, SCHEMA)
        assert article["schema"] == "newsan/1"
    assert "واشنطن" in lines[0]  # ensure_ascii=False keeps Arabic readable


def test_yaml_matches_schema(articles):
    document = yaml.safe_load(_write("yaml", articles))
    jsonschema.validate(document, SCHEMA)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_empty_batch_is_a_valid_document(fmt):
    document = (json.loads if fmt == "json" else yaml.safe_load)(_write(fmt, []))
    jsonschema.validate(document, SCHEMA)
    assert document["articles"] == []


def test_rich_view_shows_the_analysis(articles):
    text = _write("rich", articles)
    assert "واشنطن" in text and "Named entities" in text and "Related headlines" in text


def test_examples_ship_the_same_schema():
    assert json.loads((REPO / "examples" / "newsan.schema.json").read_text("utf-8")) == SCHEMA


def test_example_output_matches_schema():
    jsonschema.validate(json.loads((REPO / "examples" / "seed.json").read_text("utf-8")), SCHEMA)
