import pickle

import pytest

from newsan.errors import ConfigError
from newsan.lexicons import LEXICON_NAMES, load_lexicons, read_config


def test_builtin_lexicons_load_once():
    assert load_lexicons() is load_lexicons()
    assert set(load_lexicons()) == set(LEXICON_NAMES)


@pytest.mark.parametrize("content, message", [
    ("markers: [1, 2", "not valid YAML"),
    ("- a\n- b\n", "must be a mapping"),
    ("nonsense:\n  x: [1]\n", "unknown lexicon 'nonsense'"),
    ("markers:\n  boilerplate: 'not a list'\n", "'boilerplate' must be a list"),
])
def test_bad_configs_name_the_file_and_problem(tmp_path, content, message):
    config = tmp_path / "bad.yaml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_lexicons(str(config))
    assert str(config) in str(error.value) and message in str(error.value)


def test_missing_config(tmp_path):
    with pytest.raises(ConfigError, match="cannot read config"):
        load_lexicons(str(tmp_path / "absent.yaml"))


def test_folded_lexicons_are_reused_and_bounded():
    from newsan import lexicons

    calls = []

    def build(lexicon):
        calls.append(1)
        return sorted(lexicon)

    kept = {"b": 1, "a": 2}
    assert lexicons.compiled(kept, build) == ["a", "b"]
    assert lexicons.compiled(kept, build) == ["a", "b"] and len(calls) == 1  # folded once per object
    for n in range(3 * lexicons._COMPILED_MAX):  # a caller handing over a fresh mapping each time
        lexicons.compiled({str(n): n}, build)
    assert len(lexicons._COMPILED) <= lexicons._COMPILED_MAX


def test_the_quote_readers_views_fold_once_and_follow_a_config(tmp_path):
    """The attribution lexicon views are folded once per loaded lexicons, and a config's additions
    to a list that was Python before (cues: kana_forms) reach them."""
    from newsan.attribution.words import lexicon_views

    config = tmp_path / "newsan.yaml"
    config.write_text("cues:\n  kana_forms: [ظل]\n", encoding="utf-8")
    builtin = lexicon_views(load_lexicons())
    assert lexicon_views(load_lexicons()) is builtin
    cues, _ = lexicon_views(load_lexicons(str(config)))
    assert cues.kana_forms == builtin[0].kana_forms | {"ظل"}


def test_a_config_read_once_is_cached_by_its_text_and_names_its_file(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text("markers:\n  boilerplate: [\"حمل تطبيق الصحيفة\"]\n", encoding="utf-8")
    shipped = pickle.loads(pickle.dumps(read_config(str(path))))  # as a cluster worker receives it
    path.unlink()  # the worker cannot see the file
    lexicons = load_lexicons(shipped)
    assert "حمل تطبيق الصحيفة" in lexicons["markers"]["boilerplate"]
    assert load_lexicons(pickle.loads(pickle.dumps(shipped))) is lexicons  # loaded once per process
    with pytest.raises(ConfigError, match="extra.yaml: cannot read config"):
        read_config(str(path))
