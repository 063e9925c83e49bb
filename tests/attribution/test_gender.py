"""Speaker gender from agreement: cue verbs and participles, feminine titles; none for bodies or without evidence."""

import pytest

from newsan.attribution.gender import cue_gender, speaker_gender, title_gender
from newsan.attribution.words import lexicon_views
from newsan.lexicons import load_lexicons


@pytest.fixture(scope="module")
def views():
    return lexicon_views(load_lexicons())


@pytest.mark.parametrize("cue, gender", [
    ("قال", "male"), ("قالت", "female"), ("وقالت", "female"), ("يقول", "male"), ("تقول", "female"),
    ("نفى", "male"), ("نفت", "female"), ("لفت", "male"), ("لفتت", "female"), ("يتوقع", "male"),
    ("تتوقع", "female"), ("توقع", "male"), ("مضيفا", "male"), ("مضيفة", "female"), ("قالوا", None),
    ("يقولون", None), ("بحسب", None), (":", None),
    ("ونقلت", None),  # "ونقلت سانا عن مصدر عسكري": a relay verb agrees with the relayer, not the source
])
def test_the_cue_agrees_with_the_speaker(views, cue, gender):
    cues, _ = views
    assert cue_gender(cue, cues) == gender


@pytest.mark.parametrize("title, gender", [
    ("وزيرة الخارجية", "female"), ("الوزيرة", "female"), ("المتحدثة باسم الوزارة", "female"),
    ("الخبيرة الاقتصادية", "female"), ("وزير الخارجية", "male"), ("المتحدث", "male"), (None, None),
    ("صديق العائلة", None),
])
def test_a_feminine_title_is_the_feminine_of_a_title_head(views, title, gender):
    _, words = views
    assert title_gender(title, words) == gender


def test_most_cues_decide_the_title_breaks_a_tie_bodies_have_none(views):
    cues, words = views
    assert speaker_gender("person", ["قالت", "وأضافت", "قال"], None, cues, words) == "female"
    assert speaker_gender("person", ["قالت", "قال"], "الوزير", cues, words) == "male"
    assert speaker_gender("office", ["بحسب"], "المتحدثة", cues, words) == "female"
    assert speaker_gender("person", ["بحسب"], None, cues, words) is None  # the text does not tell
    assert speaker_gender("institution", ["قالت"], None, cues, words) is None
    assert speaker_gender("group", ["قالوا"], "مصادر", cues, words) is None
    # an anonymous source that is one person has the gender its cues agree with
    assert speaker_gender("group", ["وقال"], "أحد المختطفين المفترضين", cues, words) == "male"
    assert speaker_gender("group", ["قالت"], "مصدر أمني", cues, words) == "female"


def test_the_analysis_gives_each_speaker_a_gender():
    from newsan import analyze_text

    article = analyze_text("القاهرة- قالت وزيرة الخارجية هند صبري إن \"العلاقات قوية\". وقال الخبير سامي عادل إن "
                           "الوضع صعب. وأكدت الوزارة أن الأمر محسوم.", ner="rules")
    assert [(s["name"], s["gender"]) for s in article["speakers"]] == [
        ("هند صبري", "female"), ("سامي عادل", "male"), ("الوزارة", None)]
