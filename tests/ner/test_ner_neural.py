"""The accurate NER backend: BiLSTM-CRF networks in numpy."""

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import train_with_cli
from newsan.cli import main as cli
from newsan.ner.builtin import load_builtin_tagger
from newsan.ner.labels import TAGS
from newsan.ner.neural import FEATURES, best_paths, load_neural_tagger, token_fields

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "data/ner/anercorp/camellab-recon/dev.conll"


@pytest.fixture(scope="module")
def tagger():
    return load_neural_tagger()


def _valid_bio(sentences):
    for s in sentences:
        for prev, cur in zip(["O"] + s, s, strict=False):
            if cur.startswith("I-") and prev[2:] != cur[2:]:
                return False
    return True


def test_loader_caches_one_instance(tagger):
    assert load_neural_tagger() is tagger
    assert tagger.res.clusters == load_builtin_tagger().res.clusters  # the resources the CRF uses


def test_tags_do_not_depend_on_the_cache(tagger, monkeypatch):
    from newsan.ner.neural import NEURAL_FILE, NeuralTagger
    from newsan.ner.resources import DATA_DIR

    doc = [["زار", "الرئيس", "جورج", "بوش", "بغداد"], ["وقالت", "وزارة", "الخارجية", "إن", "بوش", "وصل"]] * 3
    small = NeuralTagger(DATA_DIR / NEURAL_FILE, tagger.res)
    monkeypatch.setattr(small, "CACHE_MAX", 5)  # fewer than the distinct tokens: the uncached path
    assert small.tag(doc) == tagger.tag(doc)
    monkeypatch.setattr(NeuralTagger, "CACHE_MAX", 14)  # keeps its most used rows (2 to 5) in four calls of nine
    small = NeuralTagger(DATA_DIR / NEURAL_FILE, tagger.res)
    docs = [[["زار", "محمد", "بيروت", "و", "القاهرة"], ["قال", "الرئيس", "بوش", "."]],
            [["وقال", "الرئيس", "الأمريكي", "جورج", "بوش", "في", "واشنطن"]],
            [["شركة", "سامسونج", "في", "سيول"], ["زار", "محمد", "بيروت"]]] * 3
    for doc in docs:
        assert small.tag(doc) == tagger.tag(doc)
        assert len(small._cache) <= 14 and len(small._key_names) <= 14


@given(st.lists(st.sampled_from(["كلمة", "،", ".", "x", ""]), max_size=450))
def test_sentence_pieces_cover_the_sentence_in_short_runs(tokens):
    from newsan.ner.neural import MAX_RUN, sentence_pieces

    pieces = sentence_pieces(tokens)
    assert sum(pieces) == len(tokens)
    assert all(0 < n <= MAX_RUN for n in pieces) or pieces == [0]


def test_long_sentences_are_cut_after_punctuation(tagger):
    from newsan.ner.neural import MAX_RUN, sentence_pieces

    tokens = (["قال", "الرئيس", "جورج", "بوش", "في", "واشنطن", "،"] * 40)[:250]
    pieces = sentence_pieces(tokens)
    assert len(pieces) == 3 and all(tokens[sum(pieces[:i + 1]) - 1] == "،" for i in range(2))
    assert pieces[0] > MAX_RUN // 2
    tags = tagger.tag([tokens])[0]
    assert len(tags) == 250 and _valid_bio([tags])
    assert tags[2:4] == tags[247:249] == ["B-PER", "I-PER"]  # first and last run


@pytest.mark.parametrize("loader", ["ner.builtin:load_builtin_tagger", "ner.neural:load_neural_tagger"])
def test_tagging_needs_no_training_libraries(loader):
    """Tagging runs on numpy alone: torch, scipy, scikit-learn and camel-tools load only to train."""
    import subprocess
    import sys

    module, function = loader.split(":")
    code = (f"import sys\nfrom newsan.{module} import {function}\n"
            f"{function}().tag([['زار', 'الرئيس', 'جورج', 'بوش', 'بغداد']])\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'scipy', 'sklearn', 'camel_tools'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


def test_token_fields_give_every_feature():
    from newsan.ner.resources import Resources

    w, rest, row, values = token_fields("وبالمدينة", Resources(), {"مدينه": 7})
    assert (w, rest, row) == ("وبالمدينه", "مدينه", 7)
    assert len(values) == len(FEATURES)
    assert values[FEATURES.index("pro")] == "وبال" and values[FEATURES.index("pm")] == "r"


def test_a_word_encodes_alike_alone_and_among_others(tagger):
    """The inputs of a word do not depend on the others of its batch, even one whose form is empty
    (a lone diacritic), which reads as one unknown character."""
    batch = ["\u064b", "بيروت", "Washington"]

    def encoded(tokens):
        out = [np.empty((len(tokens), 8 * m.hidden), np.float32) for m in tagger.members]
        return out, tagger._encode(tokens, out)

    together, keys = encoded(batch)
    assert len(keys) == len(batch) and keys[0] == ""
    for i, token in enumerate(batch):
        alone, _ = encoded([token])
        assert np.allclose(together[0][i], alone[0][0], atol=1e-4)


def test_lexicon_names_reach_the_networks_within_a_sentence(tagger):
    from newsan.ner.forms import word_forms
    from newsan.ner.neural import LEX_MARKS, lexicon_ids

    rests = [word_forms(t)[2] for t in ["قال", "مجلس", "الأمن", "في", "الأمم", "المتحدة", "مجلس"]]
    rests.append(word_forms("الأمن")[2])  # the first word of the next sentence
    ids = lexicon_ids(tagger.res.lexicon, rests, [7, 1]).tolist()
    b_org, i_org = LEX_MARKS["lxB=ORG"], LEX_MARKS["lxI=ORG"]
    assert ids == [0, b_org, i_org, 0, b_org, i_org, 0, 0]  # no name across the sentence boundary
    # each network reads the mark: the scores of the same words differ with and without it
    doc = [["قال", "مجلس", "الأمن", "أمس"]]
    marked = tagger.token_scores(doc, [1])[0]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tagger.res.lexicon, "sizes", {})
        unmarked = tagger.token_scores(doc, [1])[0]
    assert not np.allclose(marked[1:3], unmarked[1:3])


def test_best_paths_follow_bio_and_the_scores():
    rng = np.random.default_rng(0)
    lens = np.array([6, 4, 1])
    em = rng.normal(size=(6, 3, len(TAGS))).astype(np.float32)
    trans = np.zeros((len(TAGS), len(TAGS)), np.float32)
    start = np.zeros(len(TAGS), np.float32)
    start[[i for i, t in enumerate(TAGS) if t.startswith("I-")]] = -1e4
    for a, ta in enumerate(TAGS):
        for b, tb in enumerate(TAGS):
            if tb.startswith("I-") and ta[2:] != tb[2:]:
                trans[a, b] = -1e4
    paths = best_paths(em, lens, trans, start, np.zeros(len(TAGS), np.float32))
    tags = [[TAGS[k] for k in paths[:n, j]] for j, n in enumerate(lens)]
    assert _valid_bio(tags)
    # a sentence of one token takes its best allowed tag
    allowed = [k for k, t in enumerate(TAGS) if not t.startswith("I-")]
    assert paths[0, 2] == max(allowed, key=lambda k: em[0, 2, k])


def test_cli_backends(tmp_path):
    conll = tmp_path / "in.conll"
    conll.write_text("زار\nالرئيس\nجورج\nبوش\nبغداد\n\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["ner", "--conll", str(conll), "--ner", "neural"])
    assert res.exit_code == 0, res.output
    assert [line.split("\t")[1] for line in res.output.splitlines() if line][2:] == ["B-PER", "I-PER", "B-LOC"]


# Pinned a point or so under what the shipped model reaches (see data/ner/README.md).
FLOOR = {"micro": 78.0, "PER": 78.0, "LOC": 87.5, "ORG": 71.0, "MISC": 67.0}


def test_dev_f1_floor():
    if not DEV.exists():
        pytest.skip("../shared/data not present (user machine)")
    res = CliRunner().invoke(cli, ["eval", "ner", "--gold", str(DEV), "--ner", "neural", "--format", "json"])
    assert res.exit_code == 0, res.output
    import json

    scores = json.loads(res.output)
    for typ, floor in FLOOR.items():
        assert scores[typ]["f1"] >= floor, (typ, scores[typ]["f1"])


# The floor of the default model (--ner auto is the ensemble: the CRF's and the networks' scores summed),
# likewise; its dev figures meet issue 3's targets (80 micro, every type above 65).
ENSEMBLE_FLOOR = {"micro": 79.5, "PER": 81.0, "LOC": 87.0, "ORG": 73.0, "MISC": 67.5}


def test_ensemble_dev_f1_floor_and_the_gain_over_either_tagger():
    if not DEV.exists():
        pytest.skip("../shared/data not present (user machine)")
    from newsan.ner.registry import get_tagger
    from newsan.training.crf import score_file

    scores = {backend: score_file(str(DEV), get_tagger(backend)) for backend in ("builtin", "neural", "ensemble")}
    for typ, floor in ENSEMBLE_FLOOR.items():
        assert scores["ensemble"][typ].f1 >= floor, (typ, scores["ensemble"][typ].f1)
    assert scores["ensemble"]["micro"].f1 > max(scores["builtin"]["micro"].f1, scores["neural"]["micro"].f1) + 1


def test_ensemble_sums_the_scores_of_both_taggers(tagger, monkeypatch):
    """With the CRF's scores zeroed the ensemble is the networks' decision (before the DocumentRules),
    and with large CRF scores for one tag, that tag wins wherever the BIO rules allow it."""
    from newsan.ner.document import DocumentRules
    from newsan.ner.ensemble import load_ensemble_tagger

    ensemble = load_ensemble_tagger()
    doc = [["وقال", "الرئيس", "الأمريكي", "جورج", "بوش", "في", "واشنطن"], ["زار", "بغداد"]]
    crf_scores = ensemble.crf.token_scores
    monkeypatch.setattr(DocumentRules, "apply", lambda self, keys, tags, counts: [tags])
    monkeypatch.setattr(ensemble.crf, "token_scores",
                        lambda s, c: tuple(np.zeros_like(x) if i < 2 else x for i, x in enumerate(crf_scores(s, c))))
    assert ensemble.tag(doc) == tagger.tag(doc)

    def loud_org(s, c):
        scores, trans, keys = crf_scores(s, c)
        scores = np.zeros_like(scores)
        scores[:, TAGS.index("I-ORG")] = 1e3
        return scores, np.zeros_like(trans), keys

    monkeypatch.setattr(ensemble.crf, "token_scores", loud_org)
    assert ensemble.tag(doc) == [["B-ORG"] + ["I-ORG"] * 6, ["B-ORG", "I-ORG"]]


def test_train_cli_builds_a_working_model(tmp_path, tiny_ner_train, monkeypatch):
    import newsan.training.neural as training

    monkeypatch.setattr(training, "EPOCHS", 4)
    out = tmp_path / "model"
    train_with_cli("neural", tiny_ner_train, out)
    assert {p.name for p in out.iterdir()} == {"neural.npz", "clusters.tsv", "profiles.tsv", "gazetteer.tsv"}
    tags = load_neural_tagger(out).tag([["زار", "محمد", "علي", "مدينة", "بيروت"]])[0]
    assert len(tags) == 5 and _valid_bio([tags])


@pytest.mark.parametrize("model", ["ner", "neural"])
def test_train_clis_name_a_missing_file(tmp_path, model):
    res = CliRunner().invoke(cli, ["train", model, "--train", str(tmp_path / "nope.conll"),
                                   "--out", str(tmp_path / "model")])
    assert res.exit_code == 1 and "nope.conll" in res.output


def test_ner_commands_offer_every_backend_but_auto_and_default_to_its_model():
    from newsan.cli.options import DEFAULT_TAGGER, TAGGERS
    from newsan.ner.registry import AUTO_MODELS, BACKENDS

    assert TAGGERS == tuple(b for b in BACKENDS if b != "auto")
    assert DEFAULT_TAGGER == AUTO_MODELS[0]  # newsan ner and eval ner default to what analyze runs
