"""Gazetteer names the entity stage adds where the tagger left them out (newsan.analysis.known_names)."""

from newsan.analysis.known_names import headed_names, known_name_mentions
from newsan.analysis.pipeline import Options, analyze_source
from newsan.arabic.tokenize import sentences_of
from newsan.lexicons import UserConfig, load_lexicons
from newsan.model import Mention, Source


def known(text: str, mentions: list[Mention] | None = None, config: UserConfig | None = None) -> list[tuple[str, str]]:
    found = known_name_mentions(sentences_of(text), mentions or [], load_lexicons(config)["gazetteer"])
    return [(m.text, m.type) for m in found]


def test_listed_names_are_found_with_a_glued_proclitic_and_in_latin_letters():
    text = "وقال لشبكة CNN إنه كتب على تويتر أن الحوثيين وصلوا بالسعودية ثم للسعودية."
    assert known(text) == [("CNN", "ORG"), ("تويتر", "ORG"), ("الحوثيين", "ORG"), ("بالسعودية", "LOC"),
                           ("للسعودية", "LOC")]


def test_the_longest_listed_name_wins():
    assert known("وأكدت جماعة الإخوان المسلمين ذلك.") == [("جماعة الإخوان المسلمين", "ORG")]


def _tagged(text: str, *names: tuple[str, str]) -> list[Mention]:
    return [Mention(w, text.index(w), text.index(w) + len(w), t) for w, t in names]


def test_a_listed_name_around_shorter_mentions_of_its_type_is_listed_too():
    text = "وزار سلطنة عمان ثم دول شمال إفريقيا وروسياً أيضا."
    tagged = _tagged(text, ("عمان", "LOC"), ("إفريقيا", "LOC"), ("روسيا", "LOC"))
    assert known(text, tagged) == [("سلطنة عمان", "LOC"), ("شمال إفريقيا", "LOC")]  # روسياً is the tagger's روسيا
    # not around a mention of another type, nor one as long as itself
    assert known(text, _tagged(text, ("عمان", "PER"), ("شمال إفريقيا", "LOC"), ("روسيا", "LOC"))) == []


def test_an_article_the_listing_lacks_or_has_must_be_written_so():
    # مالي is listed without the article (the country), العقبة with it (the city)
    assert known("وقدم المجلس دعما للقطاع المالي، وهي عقبة كبيرة.") == []


def test_a_proclitic_reading_leaves_a_word_of_four_letters_at_least():
    # not شل (Shell) in فشل, سرت (Sirte) in كسرت or أبل (Apple) in وابل; ليما is whole
    assert known("فشل المشروع في ليما، كسرت وابل من الرصاص زجاج بسوسة.") == [("ليما", "LOC"), ("بسوسة", "LOC")]


def test_names_that_are_common_words_are_left_to_the_tagger():
    assert known("وفتح النادي تحقيقا في القاعدة العسكرية قرب الساحل.") == []


def test_a_nisba_after_a_definite_noun_is_an_adjective():
    assert known("وقالت الأندية السعودية إن الأمر حسم.") == []
    assert known("وكرم الاتحاد وللأندية السعودية حصتها.") == []  # a glued و before the definite noun
    assert known("تدخل التحالف بقيادة السعودية في اليمن.") == [("السعودية", "LOC"), ("اليمن", "LOC")]
    assert known("وقال الرئيس السيسي إن ترمب اتصل.") == [("السيسي", "PER"), ("ترمب", "PER")]  # no adjectives
    # إلى and والي (a governor) begin like definite words and are none
    assert known("وسافر إلى السعودية بعد أن التقى والي المهدية.") == [("السعودية", "LOC"), ("المهدية", "LOC")]


def test_a_name_the_tagger_touched_or_a_first_name_before_a_person_is_left_alone():
    text = "قال الأزهر الشرايطي إن تويتر مهم."
    person = text.index("الشرايطي")
    tagged = [Mention("الشرايطي", person, person + len("الشرايطي"), "PER"),
              Mention("تويتر مهم", text.index("تويتر"), text.index("مهم") + 3, "MISC")]
    assert known(text, tagged) == []


def test_a_user_config_adds_names_and_common_words():
    config = UserConfig("x.yaml", "gazetteer:\n  ORG: [[منصة إكس]]\n  not_alone: [تويتر]\n")
    assert known("ونشر على تويتر وعلى منصة إكس.", config=config) == [("منصة إكس", "ORG")]


def test_the_article_lists_them_with_the_proclitic_taken_off():
    article = analyze_source(Source("x.txt", "ولدوا بالسعودية وكتبوا على تويتر."), Options())
    assert {(e.text, e.type) for e in article.entities} >= {("السعودية", "LOC"), ("تويتر", "ORG")}


def test_a_place_is_also_mentioned_with_the_noun_of_its_kind_but_not_a_capital():
    text = "وصلت القوات إلى محافظة لحج ثم بمدينة نانت في العاصمة دمشق."
    places = [Mention(w, text.index(w), text.index(w) + len(w), "LOC") for w in ("لحج", "نانت", "دمشق")]
    found = headed_names(sentences_of(text), places, load_lexicons()["gazetteer"])
    assert [(m.text, m.type) for m in found] == [("محافظة لحج", "LOC"), ("مدينة نانت", "LOC")]
    assert text[found[1].start:found[1].end] == "مدينة نانت"  # the glued ب stays out


def test_the_place_named_alone_and_with_its_noun_is_one_entity():
    article = analyze_source(Source("x.txt", "وصلت القوات إلى محافظة عدن صباحا. وقال مسؤول في عدن إن المعارك مستمرة."))
    places = [(e.text, sorted(m.text for m in e.mentions)) for e in article.entities if e.type == "LOC"]
    assert places == [("محافظة عدن", ["عدن", "عدن", "محافظة عدن"])]  # the nested name is a mention too


def test_a_body_is_also_mentioned_with_the_noun_of_its_kind_and_grouped_with_its_name():
    article = analyze_source(Source("x.txt", "ونشرت صحيفة نيويورك تايمز تقريرا. وقالت نيويورك تايمز إن الوثائق سرية."))
    bodies = [(e.text, sorted(m.text for m in e.mentions)) for e in article.entities if e.type == "ORG"]
    assert bodies == [("صحيفة نيويورك تايمز", ["صحيفة نيويورك تايمز", "نيويورك تايمز", "نيويورك تايمز"])]


def test_a_noun_of_a_place_s_body_before_a_place_names_that_body_beside_the_place():
    text = "وفاز منتخب مصر على ضيفه، وأعلنت بلدية سوسة إغلاق الطريق قرب مدينة نانت."
    places = [Mention(w, text.index(w), text.index(w) + len(w), "LOC") for w in ("مصر", "سوسة", "نانت")]
    found = headed_names(sentences_of(text), places, load_lexicons()["gazetteer"])
    assert [(m.text, m.type) for m in found] == [("منتخب مصر", "ORG"), ("بلدية سوسة", "ORG"), ("مدينة نانت", "LOC")]
    article = analyze_source(Source("x.txt", text))
    assert {("منتخب مصر", "ORG"), ("مصر", "LOC")} <= {(e.text, e.type) for e in article.entities}


def test_a_quoted_expert_s_affiliation_is_an_organization_of_the_article():
    from newsan.analysis.known_names import speaker_name_mentions
    from newsan.model import Speaker

    text = "وقالت صون يون الخبيرة بمركز ستيمسون للأبحاث إن الزيارة مهمة. ويرى مركز ستيمسون للأبحاث أن ذلك صحيح."
    expert = Speaker("صون يون", "الخبيرة", "مركز ستيمسون للأبحاث", "expert", [])
    found = speaker_name_mentions(sentences_of(text), [], [expert], load_lexicons()["gazetteer"])
    assert [(m.text, m.type) for m in found] == [("مركز ستيمسون للأبحاث", "ORG")] * 2  # the glued ب stays out
    assert text[found[0].start:found[0].end] == "مركز ستيمسون للأبحاث"
    article = analyze_source(Source("x.txt", text))
    assert ("مركز ستيمسون للأبحاث", "ORG") in {(e.text, e.type) for e in article.entities}


def test_an_affiliation_named_with_the_noun_of_a_place_is_a_place():
    from newsan.analysis.known_names import speaker_name_mentions
    from newsan.model import Speaker

    text = "وقال مدير أمن محافظة البيضاء إن الهجوم صد، وتقع محافظة البيضاء وسط البلاد."
    officer = Speaker("مدير أمن محافظة البيضاء", "مدير أمن", "محافظة البيضاء", "official", [])
    found = speaker_name_mentions(sentences_of(text), [], [officer], load_lexicons()["gazetteer"])
    assert [(m.text, m.type) for m in found] == [("محافظة البيضاء", "LOC")] * 2


def test_a_neighbourhood_or_camp_is_named_with_its_noun_but_the_countryside_is_another_place():
    text = "وقصفت القوات حي برزة ومخيم اليرموك وريف دمشق."
    places = [Mention(w, text.index(w), text.index(w) + len(w), "LOC") for w in ("برزة", "اليرموك", "دمشق")]
    found = headed_names(sentences_of(text), places, load_lexicons()["gazetteer"])
    assert [(m.text, m.type) for m in found] == [("حي برزة", "LOC"), ("مخيم اليرموك", "LOC")]
