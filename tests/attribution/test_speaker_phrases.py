"""Speaker phrases read from patterns seen across outlets (issue 18), one sentence each."""

from __future__ import annotations

import pytest

from newsan.arabic.tokenize import sentences_of
from newsan.attribution.extract import extract_speakers
from newsan.lexicons import load_lexicons
from newsan.model import Section


def speakers_of(text: str):
    sections = [Section("body", 0, len(text), text)]
    return extract_speakers(text, sections, sentences_of(text), [], load_lexicons())


def descriptors(text: str) -> list[str | None]:
    return [s.title or s.name for s in speakers_of(text)]


@pytest.mark.parametrize("text, descriptor", [
    ("وقال مصدر قريب من الملف إن الموقوفين نقلوا إلى المحكمة.", "مصدر قريب من الملف"),
    ("وأكدت مصادر قريبة من التحقيق أن السائق حاول الفرار.", "مصادر قريبة من التحقيق"),
    ("ويرى عدد من الاقتصاديين والمهتمين أن المشروع سيخفض الأسعار.", "عدد من الاقتصاديين والمهتمين"),
    ("ويقول كثير من اللبنانيين إنهم ينتظرون الحفل منذ أشهر.", "كثير من اللبنانيين"),
])
def test_a_quantifier_or_nearness_takes_its_min_complement(text, descriptor):
    assert descriptors(text) == [descriptor]


def test_min_without_a_partitive_word_ends_the_descriptor():
    assert descriptors("وقال مسؤول أمني من جهته إن الهجوم فشل.") == ["مسؤول أمني"]


@pytest.mark.parametrize("text, title, organization", [
    ('وقال رئيس مجلس إدارة "علي بابا" جاك ما إن الشركة تنمو.', 'رئيس مجلس إدارة "علي بابا"', "علي بابا"),
    ("وأكد مدير مركز «طيبة» خالد سالم أن المصطلح قديم.", "مدير مركز «طيبة»", "طيبة"),
    ('وقال تشارلز بولدن مدير وكالة "ناسا" إن المهمة نجحت.', 'مدير وكالة "ناسا"', "ناسا"),
])
def test_a_quoted_name_completes_a_title_and_is_its_body_s_name(text, title, organization):
    [speaker] = speakers_of(text)
    assert (speaker.title, speaker.organization) == (title, organization)


@pytest.mark.parametrize("text, title", [
    ("وقال المدرب جمال سليمان إن الفريق جاهز للمباراة.", "المدرب"),
    ("وقالت الصحافية سلمى حداد إنها تعرضت للتهديد.", "الصحافية"),
    ("وقال المغني حامد سالم إن الحفل ألغي.", "المغني"),
])
def test_sport_culture_and_press_titles(text, title):
    [speaker] = speakers_of(text)
    assert speaker.title == title and speaker.name is not None


def test_a_title_apposed_after_the_name_that_names_a_body_replaces_a_bare_one():
    text = "وقالت الدكتورة نهى بكر، أستاذ العلوم السياسية في الجامعة الأمريكية، إن العلاقة قوية."
    [speaker] = speakers_of(text)
    assert (speaker.name, speaker.title, speaker.organization) == (
        "نهى بكر", "أستاذ العلوم السياسية", "الجامعة الأمريكية")
    assert speaker.quotes[0].text == "العلاقة قوية"


@pytest.mark.parametrize("text, name", [
    ("وقالت المفوضية السامية للأمم المتحدة لشؤون اللاجئين إن العودة ليست آمنة.",
     "المفوضية السامية للأمم المتحدة لشؤون اللاجئين"),
    ("وقال المرصد السوري لحقوق الإنسان إن القصف استمر.", "المرصد السوري لحقوق الإنسان"),
])
def test_a_body_s_name_goes_on_through_an_idafa_joined_by_lam(text, name):
    assert [s.name for s in speakers_of(text)] == [name]


def test_an_outlet_joined_by_lam_is_the_audience():
    [speaker] = speakers_of("وقالت الوزارة الخارجية لصحيفة الشرق الأوسط إن الاجتماع تأجل.")
    assert "صحيفة" not in speaker.name


@pytest.mark.parametrize("text, name", [
    ("وقالت وكالة الفضاء والطيران الأمريكية إن المركبة بخير.", "وكالة الفضاء والطيران الأمريكية"),
    ("وأعلنت هيئة الحقيقة والكرامة، في بيان، أن الجلسة تأجلت.", "هيئة الحقيقة والكرامة"),
    ("وأفادت وزارة المرأة والأسرة والطفولة أن البرنامج بدأ.", "وزارة المرأة والأسرة والطفولة"),
])
def test_a_field_joined_by_waw_stays_in_a_body_s_name(text, name):
    assert [s.name for s in speakers_of(text)] == [name]


def test_two_bodies_joined_by_waw_are_two_speakers():
    names = [s.name for s in speakers_of("وقالت الحكومة السورية والمعارضة المسلحة إن الهدنة صامدة.")]
    assert "الحكومة السورية" in names


def test_the_parent_body_is_not_part_of_the_name():
    [speaker] = speakers_of("وقالت وكالة أعماق التابعة لتنظيم داعش إن الهجوم نفذه عنصران.")
    assert speaker.name == "وكالة أعماق"


def test_a_name_written_in_quotes_after_a_title_is_the_person_and_keeps_its_quotes():
    text = ('أكد مدير أيام قرطاج السينمائية "نجيب عياد" أنه قبل المهمة. '
            'وأشار "عياد" إلى أن المهرجان سيتغير.')
    [speaker] = speakers_of(text)
    assert (speaker.name, speaker.title) == ("نجيب عياد", "مدير أيام قرطاج السينمائية")
    assert len(speaker.quotes) == 2


@pytest.mark.parametrize("text", [
    'ويشير مؤشر "بلومبرغ" للمليارديرات إلى أن ثروته تضاعفت.',
    "وأظهر شريط فيديو نشر أمس أن المختطفين بخير.",
])
def test_a_common_noun_after_a_cue_is_no_speaker_name(text):
    assert all(s.name not in ("مؤشر", "شريط فيديو") for s in speakers_of(text))


def test_a_common_noun_before_a_name_still_heads_a_speaker():
    [speaker] = speakers_of("وأكدت مبادرة بيرل أن الشفافية مهمة.")
    assert speaker.name == "مبادرة بيرل"


def test_a_definite_head_speaks_for_the_body_named_before_and_the_object_stays_out():
    text = ("حذر صندوق النقد الدولي من مخاطر النهج الحالي. "
            "ودعا الصندوق الحكومة الجزائرية إلى \"مواصلة الإصلاحات\".")
    [speaker] = speakers_of(text)
    assert speaker.name == "صندوق النقد الدولي" and len(speaker.quotes) == 2


def test_a_state_before_its_cue_after_kana_speaks():
    text = "وكانت المملكة المتحدة قالت في وقت سابق إنها تملك الأدلة الكافية."
    assert [s.name for s in speakers_of(text)] == ["المملكة المتحدة"]


def test_a_subject_after_ghayr_anna_speaks_though_a_quote_came_before():
    text = "ويقول المهاجرون الأفارقة إنهم فروا من الحرب، غير أن إسرائيل تعتبر أن معظمهم مهاجرون."
    assert "إسرائيل" in [s.name for s in speakers_of(text)]


def test_people_pointed_at_by_haula_are_a_group_but_a_thing_pointed_at_is_not():
    text = "وقال الوزير سامي فريد إن العودة آمنة. ويقول هؤلاء المهاجرون إنهم فروا من الحرب."
    assert "هؤلاء المهاجرون" in [s.mentions[0] for s in speakers_of(text)]
    text = "وقال الوزير سامي فريد إن العودة آمنة. ويضمن هذا الاتفاق أن تعود الأسر."
    assert [s.name for s in speakers_of(text)] == ["سامي فريد"]


def test_a_head_before_a_second_head_and_its_complement():
    assert [s.name for s in speakers_of("وتتوقع هيئة قناة السويس أن يرتفع عدد السفن.")] == ["هيئة قناة السويس"]


def test_al_masdar_points_back_to_the_outlet_just_quoted():
    text = ('وقالت صحيفة "غارديان" البريطانية إن العلماء يخططون لإنشاء معهد. '
            "وذكر المصدر أن المعهد سيوظف المئات.")
    [speaker] = speakers_of(text)
    assert len(speaker.quotes) == 2


@pytest.mark.parametrize("text, title", [
    ("وأفاد 61% من الجهات المانحة بأن الشفافية مهمة.", "الجهات المانحة"),
    ("ويرى 85 في المئة من المشاركين أن الأداء جيد.", "المشاركين"),
    ("وأشارت نسبة 80% من ممثلي الجهات المانحة إلى أن التمويل تراجع.", "ممثلي الجهات المانحة"),
])
def test_a_share_of_a_surveyed_group_speaks(text, title):
    [speaker] = speakers_of(text)
    assert speaker.title == title and speaker.quotes


def test_two_shares_of_one_group_are_one_speaker():
    text = ("وأفاد 90% من ممثلي الجهات المانحة بأن جهاتهم تقيّم برامجها. "
            "وأشارت نسبة 80% من ممثلي الجهات المانحة إلى أن مجلس الإدارة مهم.")
    [speaker] = speakers_of(text)
    assert len(speaker.quotes) == 2


def test_a_noun_like_a_nisba_before_a_named_place_continues_the_title():
    text = "وكان وزير مالية الدنمارك كلاوس فريدريكسن قد قال إنه سيتيح الوثائق."
    [speaker] = speakers_of(text)
    assert speaker.title == "وزير مالية الدنمارك"


def test_lada_attaches_a_body_to_a_title_and_the_subject_before_the_cue_is_found():
    text = 'غير أن فواز جورج خبير الشرق الأوسط لدى معهد لندن للاقتصاد رأى أن "مصر بحاجة إلى آلاف المشاريع".'
    [speaker] = speakers_of(text)
    assert (speaker.name, speaker.organization) == ("فواز جورج", "معهد لندن للاقتصاد")


@pytest.mark.parametrize("text, organization", [
    ("وأوضح المتحدث الرسمي لإمارة منطقة جازان خالد سالم أن العمل يسير.", "إمارة منطقة جازان"),
    ("وأكدت إمارة منطقة مكة أن الجولة ناجحة.", None),
])
def test_a_head_and_a_noun_naming_a_place_are_one_body(text, organization):
    [speaker] = speakers_of(text)
    assert speaker.organization == organization
    assert "منطقة" in (speaker.organization or speaker.name)


@pytest.mark.parametrize("text, name", [
    ("وقالت السلطات الإماراتية إن التحقيق مستمر.", "السلطات الإماراتية"),
    ("وتقول سلطات الهجرة الإسرائيلية إن المهاجرين سيرحلون.", "سلطات الهجرة الإسرائيلية"),
])
def test_authorities_are_a_named_body_without_a_title(text, name):
    [speaker] = speakers_of(text)
    assert (speaker.name, speaker.title) == (name, None)


def test_a_coordinated_field_stays_in_a_body_attached_by_ba():
    text = "وقال سعيد اللاوندي، الخبير بمركز الأهرام للدراسات السياسية والاستراتيجية، إن الحوار شكلي."
    [speaker] = speakers_of(text)
    assert speaker.organization == "مركز الأهرام للدراسات السياسية والاستراتيجية"


@pytest.mark.parametrize("text, mention, title, gender", [
    ("ذكر تاجر في صنعاء فضل عدم الكشف عن هويته أنه اشترى 200 قطعة سلاح.",
     "تاجر في صنعاء فضل عدم الكشف عن هويته", "تاجر في صنعاء", "male"),
    ('ونقلت قناة "دوزد" عن صحافية لم تكشف هويتها أن النائب تحرش بها.',
     "صحافية لم تكشف هويتها", "صحافية", "female"),
    ("وقال دبلوماسي، طلب عدم الكشف عن هويته، إنها رزمة العقوبات الأشمل.",
     "دبلوماسي، طلب عدم الكشف عن هويته", "دبلوماسي", "male"),
])
def test_any_descriptor_before_an_anonymity_clause_is_an_unnamed_source(text, mention, title, gender):
    [speaker] = speakers_of(text)
    assert (speaker.name, speaker.mentions, speaker.title, speaker.gender) == (None, [mention], title, gender)


def test_two_unnamed_sources_of_one_kind_stay_apart():
    text = ("ونقلت القناة عن صحافية لم تكشف هويتها أن النائب تحرش بها. "
            "وقالت صحافية أخرى لم تشأ كشف هويتها إن النائب حاول تقبيلها.")
    assert [s.mentions for s in speakers_of(text)] == [
        ["صحافية لم تكشف هويتها"], ["صحافية أخرى لم تشأ كشف هويتها"]]


def test_a_noun_before_a_clause_that_hides_nothing_is_no_source():
    assert speakers_of("وقال طالب لم يحضر الامتحان إن الأسئلة صعبة.") == []


def test_revealing_an_identity_is_no_report():
    [speaker] = speakers_of("وقالت صحافية أخرى لم تشأ كشف هويتها إن النائب حاول تقبيلها.")
    assert [q.cue for q in speaker.quotes] == ["وقالت"]


@pytest.mark.parametrize("text, name", [
    ("وروى حمزة الورفلي أن جنودا أطلقوا النار على المحتجين.", "حمزة الورفلي"),
    ("وقال لي أحمد سالم إنه حريص على مقارنة الأسعار.", "أحمد سالم"),
    ("وتقول لنا سارة صفوت إن الصالون افتتح قبل عامين.", "سارة صفوت"),
])
def test_a_narrating_cue_and_an_addressee_pronoun_before_the_subject(text, name):
    assert [s.name for s in speakers_of(text)] == [name]


def test_narrating_without_a_report_is_no_cue():
    assert speakers_of("ويروي الفيلم معاناة مرضى القصور الكلوي.") == []


@pytest.mark.parametrize("text", [
    "كما أرجع سبب تأخر المقاومة في تنفيذ الهجوم على قاعدة العند العسكرية بمحافظة لحج والسيطرة عليها إلى عدم "
    "تحرير مدينة الحوطة عاصمة محافظة لحج.",
    "وأكد نبأ تعيينه في بنك جولدمان ساكس بعد أسبوع من استقالته.",
])
def test_no_subject_is_looked_for_past_the_verb_s_object(text):
    from newsan import analyze_text

    assert analyze_text(text)["speakers"] == []  # the entity model finds محافظة لحج, بنك جولدمان ساكس


@pytest.mark.parametrize("text, name", [
    ("وقال المدون الرياضي البريطاني مارك درير إن الأمر محرج للغاية.", "مارك درير"),
    ("وقال مخرج الفيلم عمار زغاد، إن الفيلم من نوع الخيال.", "عمار زغاد"),
    ('وقال المهاجم السابق للمنتخب الإنجليزي، غاري لينيكر: "أستطيع أن أفكر في ذلك".', "غاري لينيكر"),
])
def test_a_title_the_lexicon_lacks_before_a_name(text, name):
    from newsan import analyze_text

    assert [s["name"] for s in analyze_text(text)["speakers"]] == [name]  # the entity model finds the name


def test_a_name_in_the_genitive_of_an_indefinite_head_does_not_speak():
    from newsan import analyze_text

    speakers = analyze_text("وقالت الأربعاء زوجة نتنياهو إن الحملة ظالمة.")["speakers"]
    assert all(s["name"] != "نتنياهو" for s in speakers)


def test_a_dateline_is_no_subject():
    from newsan import analyze_text

    article = analyze_text("دبي، الإمارات العربية المتحدة (CNN)-- هاجم البرلماني المصري مصطفى بكري الرئيس التونسي "
                           "السابق، منصف المرزوقي، الأربعاء، قائلا إنه \"ارتهن نفسه\".")
    assert "الإمارات العربية المتحدة" not in [s["name"] for s in article["speakers"]]


@pytest.mark.parametrize("text, name", [
    ("وقال فرنسي حضر الحفل يدعى إيفان وانتقل مؤخرا إلى لبنان: «عشقته».", "إيفان"),
    ("وقال مستثمر آخر يدعى جيمس مكريشي إنه في حال عدم إجراء تغييرات فإن فيسبوك يخاطر.", "جيمس مكريشي"),
])
def test_one_described_then_named_by_a_naming_verb(text, name):
    from newsan import analyze_text

    assert [s["name"] for s in analyze_text(text)["speakers"]] == [name]
