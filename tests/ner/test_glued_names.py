"""split_glued_names: spans a tagger ran past a name's end (issue 21, item 1), cut by what the document
names elsewhere; the seed article's cases and the ones the rule must leave alone."""

from newsan.arabic.clitics import split_proclitics
from newsan.ner.document import DocumentRules, future_verbs, split_glued_names
from newsan.ner.forms import normalize
from newsan.ner.resources import DATA_DIR, load_resources


def _keys(sents):
    return [[split_proclitics(normalize(t))[1] for t in s] for s in sents]


# the seed article names both people in full, then each alone
_INTRO = ([["الرئيسين", "فلاديمير", "بوتين", "وكيم", "جونغ", "أون"], ["وقال", "بوتين", "إن", "كيم"]],
          [["O", "B-PER", "I-PER", "B-PER", "I-PER", "I-PER"], ["O", "B-PER", "O", "B-PER"]])


def _split(sents, tags, **words):
    return split_glued_names(_keys([*_INTRO[0], *sents]), [*_INTRO[1], *tags], **words)[2:]


def test_two_names_glued_are_cut_where_each_is_named_elsewhere():
    out = _split([["جاءت", "قمة", "بوتين", "كيم", "في"]], [["O", "O", "B-PER", "I-PER", "O"]])
    assert out == [["O", "O", "B-PER", "B-PER", "O"]]


def test_a_word_after_a_surname_that_no_span_holds_elsewhere_is_no_name():
    out = _split([["إن", "بوتين", "يائس", "وهو"]], [["O", "B-PER", "I-PER", "O"]])
    assert out == [["O", "B-PER", "O", "O"]]


def test_a_person_glued_to_an_organization_is_cut_at_the_first_name():
    sents = [["بمعهد", "بروكينغز", "ستيف", "بايفر", "للجزيرة"], ["ويؤكد", "بايفر", "أن"]]
    tags = [["O", "B-ORG", "I-ORG", "I-ORG", "B-ORG"], ["O", "B-PER", "O"]]
    out = _split(sents, tags, first_names=frozenset({"ستيف"}))
    assert out[0] == ["O", "B-ORG", "B-PER", "I-PER", "B-ORG"]
    # without a first name the person is only its known surname
    assert _split(sents, tags)[0] == ["O", "B-ORG", "I-ORG", "B-PER", "B-ORG"]


def test_a_word_before_a_first_name_in_a_persons_span_is_left_out():
    sents = [["بمعهد", "بروكينغز", "ستيف", "بايفر", "للجزيرة"], ["ويؤكد", "بايفر", "أن"]]
    tags = [["O", "B-PER", "I-PER", "I-PER", "B-ORG"], ["O", "B-PER", "O"]]
    out = _split(sents, tags, first_names=frozenset({"ستيف"}))
    assert out[0] == ["O", "O", "B-PER", "I-PER", "B-ORG"]
    # a word of a person's name opening the span stays (محمد حسني مبارك)
    brookings = frozenset(_keys([["بروكينغز"]])[0])
    assert _split(sents, tags, first_names=frozenset({"ستيف"}), person_words=brookings)[0] == tags[0]


def test_a_future_verb_ends_a_persons_name():
    verbs = future_verbs({"يعقد": "a0f5v2n0", "يزور": "a0f5v2n0", "يد": "a3f8v0n2"})
    assert verbs == {"يعقد", "يزور"}
    sents = [["ستيفان", "دي", "مستورا", "سيعقدان", "اجتماعا"], ["ستيفان", "دي", "مستورا", "وسيزور"]]
    tags = [["B-PER", "I-PER", "I-PER", "I-PER", "O"], ["B-PER", "I-PER", "I-PER", "I-PER"]]
    assert split_glued_names(_keys(sents), tags, verbs=verbs) == [
        ["B-PER", "I-PER", "I-PER", "O", "O"], ["B-PER", "I-PER", "I-PER", "O"]]


def test_names_are_left_whole():
    sents = [["كيم", "جونغ", "أون", "وفلاديمير", "بوتين"],  # كيم ends the glued span below, but starts a name
             ["قمة", "بوتين", "كيم", "وبوتين"],
             ["دونالد", "ترامب", "وجو", "بايدن"],
             ["ستيفنز", "سيمون"],  # س-words that are no verb
             ["عند", "كيم", "جونغ", "أون"]]
    tags = [["B-PER", "I-PER", "I-PER", "B-PER", "I-PER"], ["O", "B-PER", "I-PER", "B-PER"],
            ["B-PER", "I-PER", "B-PER", "I-PER"], ["B-PER", "I-PER"], ["O", "B-PER", "I-PER", "I-PER"]]
    out = split_glued_names(_keys(sents), tags, verbs=frozenset({"يعقد"}))
    assert out[0] == tags[0] and out[2:] == tags[2:]
    assert out[1] == ["O", "B-PER", "B-PER", "B-PER"]


def test_arabic_first_names_that_end_other_names_are_no_surnames():
    # سعيد ends أحمد سعيد but never stands alone: سعيد أحمد is one name, not two
    sents = [["قال", "أحمد", "سعيد"], ["وقال", "سعيد", "أحمد", "إن"]]
    tags = [["O", "B-PER", "I-PER"], ["O", "B-PER", "I-PER", "O"]]
    assert split_glued_names(_keys(sents), tags) == tags


def test_names_named_far_away_do_not_count():
    far = [["x"]] * 60
    sents = [*_INTRO[0], *far, ["إن", "بوتين", "يائس"]]
    tags = [*_INTRO[1], *[["O"]] * 60, ["O", "B-PER", "I-PER"]]
    assert split_glued_names(_keys(sents), tags)[-1] == ["O", "B-PER", "I-PER"]


def test_the_shipped_rules_read_verbs_and_first_names_from_the_model_directory():
    rules = DocumentRules.from_resources(load_resources(DATA_DIR))
    assert "يعقد" in rules.verbs and "ستيف" in rules.first_names
