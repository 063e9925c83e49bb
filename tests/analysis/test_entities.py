import json
import os
import subprocess
import sys

import pytest

from newsan.analysis.entities import group_entities, mentions_from_tags, name_openers, name_stops, same_names
from newsan.arabic.clitics import without_proclitic_before_article
from newsan.arabic.tokenize import sentences_of
from newsan.errors import BackendUnavailable
from newsan.lexicons import load_lexicons
from newsan.model import Entity, Mention
from newsan.ner.labels import to_newsan_tag
from newsan.ner.registry import get_tagger
from newsan.ner.rules import RulesTagger


def tagged(text, tags):
    (sentence,) = sentences_of(text)
    assert len(sentence.tokens) == len(tags)
    return mentions_from_tags([sentence], [tags])


def test_bio_to_mentions_with_offsets():
    text = "زار فلاديمير بوتين بيونغ يانغ"
    mentions = tagged(text, ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"])
    assert [(m.text, m.type) for m in mentions] == [("فلاديمير بوتين", "PER"), ("بيونغ يانغ", "LOC")]
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_stray_inside_tag_opens_a_mention_like_conlleval():
    mentions = tagged("زار بوتين موسكو", ["O", "I-PER", "B-LOC"])
    assert [m.text for m in mentions] == ["بوتين", "موسكو"]


def test_quotes_are_trimmed_from_mentions():
    text = 'حلف «الناتو» قوي'
    mentions = tagged(text, ["O", "B-ORG", "I-ORG", "I-ORG", "O"])
    assert [m.text for m in mentions] == ["الناتو"] and text[mentions[0].start:mentions[0].end] == "الناتو"


def test_a_person_ends_before_a_function_word_the_tagger_took_in():
    text = "وأوضح عماد أحمد بالقول إن الاتفاق لم يحسم"
    (sentence,) = sentences_of(text)
    tags = ["O", "B-PER", "I-PER", "I-PER", "O", "O", "O", "O"]
    stops = name_stops(load_lexicons()["cues"])
    assert [m.text for m in mentions_from_tags([sentence], [tags], stops)] == ["عماد أحمد"]
    assert [m.text for m in mentions_from_tags([sentence], [tags])] == ["عماد أحمد بالقول"]
    # only people, and never down to nothing
    assert [m.text for m in mentions_from_tags([sentence], [["O", "B-ORG", "I-ORG", "I-ORG"] + ["O"] * 4], stops)] \
        == ["عماد أحمد بالقول"]
    lone = ["O"] * 3 + ["B-PER"] + ["O"] * 4
    assert [m.text for m in mentions_from_tags([sentence], [lone], stops)] == ["بالقول"]
    (sentence,) = sentences_of("التقى محمد علي على هامش القمة")  # the name علي, the preposition على
    tags = ["O", "B-PER", "I-PER", "I-PER", "O", "O"]
    assert [m.text for m in mentions_from_tags([sentence], [tags], stops)] == ["محمد علي"]


def test_a_person_starts_after_a_function_word_the_tagger_took_in_unless_it_opens_names():
    cues = load_lexicons()["cues"]
    stops, openers = name_stops(cues), name_openers(cues)
    (sentence,) = sentences_of("وفاز على جعفر بناهي ثم غنت أم كلثوم")
    tags = ["O", "B-PER", "I-PER", "I-PER", "O", "O", "B-PER", "I-PER"]
    assert [m.text for m in mentions_from_tags([sentence], [tags], stops, openers)] == ["جعفر بناهي", "أم كلثوم"]


def test_the_pipeline_trims_people_and_the_speaker_follows(monkeypatch):
    """The analysis passes the cue lexicon's function words, so the speaker is the trimmed name."""
    import newsan
    from newsan.analysis import pipeline

    text = "وأوضح عماد أحمد بالقول إن الاتفاق لم يحسم."
    monkeypatch.setattr(pipeline, "tag_documents", lambda tagger, documents: [
        [["O", "B-PER", "I-PER", "I-PER"] + ["O"] * (len(s) - 4) for s in document] for document in documents])
    article = newsan.analyze_text(text, ner="rules")
    assert [e["text"] for e in article["entities"]] == ["عماد أحمد"]
    assert article["speakers"][0]["name"] == "عماد أحمد"


def test_labels_are_canonical():
    assert to_newsan_tag("B-PERS") == "B-PER"
    assert to_newsan_tag("I-LOC") == "I-LOC"
    assert to_newsan_tag("X-FOO") == "O" and to_newsan_tag("B-DATE") == "O"


def test_proclitics():
    assert without_proclitic_before_article("والصين") == "الصين"
    assert without_proclitic_before_article("للأمم") == "الأمم"
    assert without_proclitic_before_article("بوتين") == "بوتين"


def _m(text, start, entity_type="PER"):
    return Mention(text, start, start + len(text), entity_type)


def test_grouping_joins_surname_and_clitic_forms():
    entities = group_entities([_m("فلاديمير بوتين", 0), _m("بوتين", 40), _m("لبوتين", 80), _m("ترامب", 120),
                               _m("بلجيكا", 160, "LOC")])
    putin = entities[0]
    assert putin.text == "فلاديمير بوتين" and putin.count == 3
    assert [m.text for m in putin.mentions] == ["فلاديمير بوتين", "بوتين", "بوتين"]
    assert putin.mentions[2].start == 81  # the clitic ل is not part of the mention
    assert {e.text for e in entities} == {"فلاديمير بوتين", "ترامب", "بلجيكا"}  # ب of بلجيكا stays


def test_definite_forms_lose_their_conjunction():
    (entity,) = group_entities([_m("الصين", 0, "LOC"), _m("والصين", 10, "LOC")])
    assert entity.count == 2 and entity.mentions[1].text == "الصين"


def test_lam_lam_is_read_from_the_names_around():
    """للبنان is ل + لبنان; للأمم المتحدة is ل + الأمم المتحدة, shown without the ل."""
    entities = group_entities([_m("لبنان", 0, "LOC"), _m("للبنان", 20, "LOC"), _m("للأمم المتحدة", 40, "ORG"),
                               _m("الأمم المتحدة", 80, "ORG"), _m("للبروليتاريا", 120, "MISC")])
    texts = {e.text: e.count for e in entities}
    assert texts == {"لبنان": 2, "الأمم المتحدة": 2, "للبروليتاريا": 1}  # no evidence either way: as written
    lebanon = next(e for e in entities if e.text == "لبنان")
    # offsets still index the text
    assert [(m.text, m.start) for m in lebanon.mentions] == [("لبنان", 0), ("لبنان", 21)]
    [un] = group_entities([_m("للأمم المتحدة", 0, "ORG")], {"الامم المتحده": "ORG"})
    assert un.text == "الأمم المتحدة"  # a gazetteer name counts as evidence


def test_ambiguous_surname_is_not_merged():
    entities = group_entities([_m("أحمد علي", 0), _m("محمد علي", 20), _m("علي", 40)])
    assert len(entities) == 3


def test_a_person_named_by_the_first_word_of_one_name_is_that_person():
    entities = group_entities([_m("كيم جونغ أون", 0), _m("كيم", 40), _m("هيلاري كلينتون", 80), _m("هيلاري", 120),
                               _m("بشار", 160), _m("بشار الأسد", 200), _m("بشار الجعفري", 240)])
    assert {e.text: e.count for e in entities} == {"كيم جونغ أون": 2, "هيلاري كلينتون": 2, "بشار": 1,
                                                   "بشار الأسد": 1, "بشار الجعفري": 1}  # two Bashars: ambiguous


def test_a_surname_is_read_as_a_surname_before_a_first_word():
    """علي ends محمد علي: it is not taken for the علي who starts علي حسن."""
    entities = group_entities([_m("محمد علي", 0), _m("علي حسن", 20), _m("علي", 40)])
    assert {e.text: e.count for e in entities} == {"محمد علي": 2, "علي حسن": 1}


def test_a_first_word_met_alone_is_not_given_to_two_names_joined_in_one_span():
    entities = group_entities([_m("إيسكو وكاسيميرو", 0), _m("إيسكو", 40), _m("غريب لبي بي سي", 80), _m("غريب", 120)])
    assert {e.text: e.count for e in entities} == {"إيسكو وكاسيميرو": 1, "إيسكو": 1, "غريب لبي بي سي": 1, "غريب": 1}


def test_rules_tagger_gazetteer_and_triggers():
    tagger = RulesTagger(load_lexicons()["gazetteer"])
    (tags,) = tagger.tag([["وصل", "الرئيس", "جو", "بايدن", "إلى", "كوريا", "الشمالية", "ووزارة", "الخارجية"]])
    assert tags == ["O", "O", "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]


def test_rules_tagger_keeps_one_tag_per_token():
    tagger = RulesTagger(load_lexicons()["gazetteer"])
    sentences = [[], ["\u200f"], ["😀", "واشنطن", ""]]
    assert [len(t) for t in tagger.tag(sentences)] == [0, 1, 3]


def test_unknown_backend():
    with pytest.raises(BackendUnavailable, match="unknown NER backend"):
        get_tagger("bert")


def test_auto_is_the_ensemble_and_falls_back_to_what_is_installed(tmp_path, monkeypatch):
    from newsan.ner import cache as ner_cache
    from newsan.ner.builtin import BuiltinTagger
    from newsan.ner.ensemble import EnsembleTagger

    assert isinstance(get_tagger.__wrapped__("auto"), EnsembleTagger)
    # an installation without the networks' file, then without any model file
    for name in os.listdir(ner_cache.DATA_DIR):
        if name != "neural.npz":
            os.symlink(ner_cache.DATA_DIR / name, tmp_path / name)
    monkeypatch.setattr(ner_cache, "DATA_DIR", tmp_path)
    assert isinstance(get_tagger.__wrapped__("auto"), BuiltinTagger)
    with pytest.raises(BackendUnavailable, match="use the builtin backend"):
        get_tagger.__wrapped__("ensemble")
    for name in ("ner.crfsuite", "ner-doc.crfsuite"):
        (tmp_path / name).unlink()
    assert isinstance(get_tagger.__wrapped__("auto"), RulesTagger)
    with pytest.raises(BackendUnavailable, match="use the rules backend"):
        get_tagger.__wrapped__("builtin")


def test_camel_backend_without_data_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    with pytest.raises(BackendUnavailable, match="camel_data -i ner-arabert"):
        get_tagger.__wrapped__("camel")


CAMEL_PROBE = r"""
import json, sys
from transformers import BertConfig, BertForTokenClassification, BertTokenizer
import torch
model_dir = sys.argv[1]
labels = ['B-LOC', 'B-ORG', 'B-PERS', 'B-MISC', 'I-LOC', 'I-ORG', 'I-PERS', 'I-MISC', 'O']
vocab = (['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] + list('ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةى')
         + ['##' + c for c in 'ابتنيو'])
with open(f'{model_dir}/vocab.txt', 'w', encoding='utf-8') as f:
    f.write('\n'.join(vocab))
torch.manual_seed(0)
config = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                    intermediate_size=32, max_position_embeddings=300, num_labels=len(labels),
                    id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})
BertForTokenClassification(config).save_pretrained(model_dir)
BertTokenizer(f'{model_dir}/vocab.txt').save_pretrained(model_dir)
from newsan.ner.registry import get_tagger
tagger = get_tagger('camel', model_dir)
sentences = [['زار', 'بوتين', '\u200f', 'موسكو'], ['\u200f'], ['واشنطن'] * 300]
print(json.dumps(tagger.tag(sentences)))
"""


def test_camel_backend_loads_a_local_model_offline(tmp_path):
    """The real NERecognizer, a tiny random BERT, and no network: checks the wiring, not accuracy."""
    pytest.importorskip("transformers")
    data_dir = tmp_path / "camel_data"
    data_dir.mkdir()
    (data_dir / "catalogue.json").write_text(json.dumps({"version": "1.6", "packages": {}, "components": {}}))
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    env = {**os.environ, "CAMELTOOLS_DATA": str(data_dir), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    result = subprocess.run([sys.executable, "-c", CAMEL_PROBE, str(model_dir)], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    tags = json.loads(result.stdout.strip().splitlines()[-1])
    assert [len(t) for t in tags] == [4, 1, 300]  # the U+200F tokens keep their place
    assert tags[0][2] == "O" and tags[1] == ["O"]
    allowed = {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PER", "LOC", "ORG", "MISC")}
    assert {tag for sentence in tags for tag in sentence} <= allowed


def test_gazetteer_facts_fix_type_and_clitic():
    known = {"بيونج يانج": "LOC", "افريقيا": "LOC"}
    entities = group_entities([_m("بيونج يانج", 0, "PER"), _m("وإفريقيا", 20, "LOC")], known)
    assert {(e.text, e.type) for e in entities} == {("بيونج يانج", "LOC"), ("إفريقيا", "LOC")}


def test_rules_tagger_place_after_a_place_word():
    tagger = RulesTagger(load_lexicons()["gazetteer"])
    (tags,) = tagger.tag([["وصل", "إلى", "مدينة", "فلاديفوستوك", "أمس"]])
    assert tags == ["O", "O", "O", "B-LOC", "O"]


def test_foreign_names_written_with_fal_or_kal_keep_their_first_letter():
    """فالنسيا, كالينينغراد, كاليفورنيا begin with ف/ك + ال but are names: no letter is lost, offsets stay."""
    mentions = [Mention("فالنسيا", 4, 11, "ORG"), Mention("كالينينغراد", 33, 44, "LOC"),
                Mention("كاليفورنيا", 46, 56, "LOC")]
    entities = group_entities(mentions)
    assert sorted((e.mentions[0].start, e.text) for e in entities) == [
        (4, "فالنسيا"), (33, "كالينينغراد"), (46, "كاليفورنيا")]


def test_fa_and_ka_go_from_a_name_known_without_them():
    entities = group_entities([Mention("فالإمارات", 0, 9, "LOC"), Mention("كاليمن", 20, 26, "LOC")],
                              {"الامارات": "LOC", "اليمن": "LOC"})
    assert sorted((e.text, e.mentions[0].start) for e in entities) == [("الإمارات", 1), ("اليمن", 21)]


def test_wa_and_bi_go_from_any_definite_name():
    entities = group_entities([Mention("والصين", 0, 6, "LOC"), Mention("بالقاهرة", 10, 18, "LOC")])
    assert sorted(e.text for e in entities) == ["الصين", "القاهرة"]


def test_a_first_word_known_alone_takes_no_fa_or_ka_off_a_longer_name():
    """كلاوس هيورت فريدريكسن lost its ك because لاوس (Laos) is in the gazetteer."""
    entities = group_entities([Mention("كلاوس هيورت فريدريكسن", 0, 21, "PER")], {"لاوس": "LOC"})
    assert [(e.text, e.mentions[0].start) for e in entities] == [("كلاوس هيورت فريدريكسن", 0)]


def test_a_hashtag_is_grouped_with_the_name_it_writes_and_shown_as_words():
    entities = group_entities([_m("منظمة_التجارة_العالمية", 0, "ORG"), _m("منظمة التجارة العالمية", 40, "ORG"),
                               _m("دونالد #ترمب", 80)])
    assert {e.text: e.count for e in entities} == {"منظمة التجارة العالمية": 2, "دونالد ترمب": 1}
    assert entities[0].mentions[0].text == "منظمة_التجارة_العالمية"  # a mention is the text as written


def test_a_surname_starting_with_waw_is_the_person_not_a_conjunct():
    entities = group_entities([_m("ماثيو والين", 0), _m("والين", 40, "ORG"), _m("والصين", 80, "LOC")])
    assert {(e.text, e.type, e.count) for e in entities} == {("ماثيو والين", "PER", 2), ("الصين", "LOC", 1)}


def test_a_listed_name_starting_with_waw_keeps_it():
    """والت ديزني is listed: its و is no conjunction, while والصين still loses one."""
    entities = group_entities([_m("والت ديزني", 0, "PER"), _m("والت ديزني", 40, "ORG"), _m("والصين", 80, "LOC")],
                              {"والت ديزني": "ORG", "الصين": "LOC"})
    assert {(e.text, e.type, e.count) for e in entities} == {("والت ديزني", "ORG", 2), ("الصين", "LOC", 1)}


def test_a_span_joining_two_names_with_waw_is_two_mentions():
    entities = group_entities([_m("صلاح ودي بروين", 0), _m("دي بروين", 40), _m("محمد صلاح", 60),
                               _m("سيرينا وليامس", 80), _m("غافن ويليامسون", 100), _m("ويليامسون", 120)])
    assert {(e.text, e.count) for e in entities} == {("محمد صلاح", 2), ("دي بروين", 2), ("سيرينا وليامس", 1),
                                                     ("غافن ويليامسون", 2)}
    bruyne = next(e for e in entities if e.text == "دي بروين")
    assert [(m.text, m.start, m.end) for m in bruyne.mentions] == [("دي بروين", 6, 14), ("دي بروين", 40, 48)]


def test_a_name_inside_a_longer_mention_of_it_is_one_occurrence():
    """محافظة لحج and the لحج inside it are two mentions of one occurrence; لحج alone later is another."""
    entity = Entity("محافظة لحج", "LOC", [_m("محافظة لحج", 0, "LOC"), Mention("لحج", 7, 10, "LOC"),
                                          Mention("لحج", 40, 43, "LOC")])
    assert entity.count == 2 and len(entity.mentions) == 3


def test_names_of_one_place_or_body_are_one_entity():
    same = same_names(load_lexicons()["gazetteer"])
    entities = group_entities([_m("الناتو", 0, "ORG"), _m("حلف شمال الأطلسي", 20, "ORG"), _m("أميركا", 50, "LOC"),
                               _m("الولايات المتحدة", 60, "LOC"), _m("للولايات المتحدة", 90, "LOC"),
                               _m("عمان", 120, "LOC")], same_as=same)
    assert {(e.text, e.type, e.count) for e in entities} == {
        ("حلف شمال الأطلسي", "ORG", 2), ("الولايات المتحدة", "LOC", 3), ("عمان", "LOC", 1)}
