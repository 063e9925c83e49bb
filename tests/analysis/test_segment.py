from newsan.analysis.segment import segment, split_keywords
from newsan.lexicons import load_lexicons

MARKERS = load_lexicons()["markers"]


def kinds(layout):
    return [s.kind for s in layout.sections]


def test_seed_page_parts(seed_text):
    layout = segment(seed_text, MARKERS)
    assert layout.dateline == "واشنطن"
    assert layout.source == "الجزيرة"
    assert layout.keywords == ["حريات", "كوريا الشمالية"]
    assert len(layout.related_headlines) == 10
    assert layout.related_headlines[0] == "صحيفة أمريكية: بوتين يرسل تحذيرات حادة إلى الغرب"
    assert [s.text for s in layout.spans("subhead")] == ["قلق أميركي وترقب", "عزلة دولية", "واشنطن ومعضلة عقوباتها"]
    assert [s.text for s in layout.spans("boilerplate")] == ["تابع أحدث الأخبار عبر تطبيق"]
    (related,) = layout.related
    assert related.title.text == "روسيا تستأنف حركة قطارات الركاب مع كوريا الشمالية"
    assert len(related.body) == 10 and related.body[0].text.startswith("ذكرت وكالة إنترفاكس")
    for section in layout.sections:
        assert seed_text[section.start:section.end] == section.text


def test_headline_first_line_and_title_hint():
    text = "الوزير يزور القاهرة\nقال الوزير إن الزيارة مهمة.\n"
    assert segment(text, MARKERS).title == "الوزير يزور القاهرة"
    assert kinds(segment(text, MARKERS))[:2] == ["headline", "body"]
    hinted = segment("قال الوزير إن الزيارة مهمة.\nوأضاف أنها ناجحة.", MARKERS, title_hint="عنوان من الفهرس")
    assert hinted.title == "عنوان من الفهرس" and "headline" not in kinds(hinted)


def test_dateline_with_country_and_agency():
    layout = segment("العنوان هنا\nواشنطن، الولايات المتحدة (CNN) -- قال الوزير إن كذا.", MARKERS)
    assert layout.dateline == "واشنطن"
    layout = segment("القاهرة (رويترز) - أعلنت الحكومة أمس خطة جديدة.\nفقرة ثانية.", MARKERS)
    assert layout.dateline == "القاهرة"


def test_sentence_opening_is_not_a_dateline():
    layout = segment("قال الوزير - في تصريح - إن الخطة جاهزة.\nفقرة ثانية.", MARKERS)
    assert layout.dateline is None


def test_inline_furniture_is_cut_from_the_paragraph():
    text = "العنوان\nقال الوزير إن الخطة جاهزة. رابط الخبر بصحيفة ما: العنوان\n"
    layout = segment(text, MARKERS)
    assert [s.text for s in layout.spans("body")] == ["قال الوزير إن الخطة جاهزة."]
    assert layout.spans("boilerplate")[0].text.startswith("رابط الخبر")


def test_read_also_link_is_a_related_headline_not_an_article():
    layout = segment("العنوان\nنص الخبر هنا.\nاقرأ أيضا: روسيا تطرد دبلوماسيين\nفقرة أخرى من الخبر.", MARKERS)
    assert layout.related == [] and layout.related_headlines == ["روسيا تطرد دبلوماسيين"]
    assert kinds(layout)[-1] == "body"


def test_byline_is_boilerplate():
    layout = segment("العنوان\n عين اليوم – متابعات\nنص الخبر هنا.", MARKERS)
    assert kinds(layout) == ["headline", "boilerplate", "body"]


def test_keyword_lists():
    assert split_keywords("حريات کوریا الشمالیة") == ["حريات", "كوريا الشمالية"]
    assert split_keywords("سوريا، روسيا، الأمم المتحدة") == ["سوريا", "روسيا", "الأمم المتحدة"]


def test_user_markers_extend_the_lexicon(tmp_path):
    config = tmp_path / "newsan.yaml"
    config.write_text("markers:\n  boilerplate: ['حمل تطبيق الصحيفة الآن']\n", encoding="utf-8")
    markers = load_lexicons(str(config))["markers"]
    layout = segment("العنوان\nنص الخبر هنا.\nحمل تطبيق الصحيفة الآن مجانا", markers)
    assert kinds(layout)[-1] == "boilerplate"
    assert "تابع أحدث الأخبار عبر تطبيق" in markers["boilerplate"]  # built-ins stay


def test_user_config_extends_the_words_that_are_no_dateline_place(tmp_path):
    """not_place_openers came out of the code into markers.yaml: a config extends it."""
    config = tmp_path / "newsan.yaml"
    config.write_text("markers:\n  not_place_openers: [أفاد]\n", encoding="utf-8")
    page = "العنوان\nأفاد مصدر - إن الاتفاق قريب."
    assert segment(page, MARKERS).dateline == "أفاد مصدر"
    layout = segment(page, load_lexicons(str(config))["markers"])
    assert layout.dateline is None and kinds(layout) == ["headline", "body"]


def test_a_cnn_dateline_runs_over_country_and_agency_and_the_lead_starts_after_it():
    from newsan import analyze_text

    article = analyze_text("دبي، الإمارات العربية المتحدة (CNN)— قال وزير الخارجية إن الوضع صعب.\n"
                           "وأضاف أن الحل قريب.", ner="rules")
    assert article["dateline"] == "دبي" and article["source"] == "CNN"
    assert article["summary"]["lead"].startswith("قال وزير الخارجية")


def test_an_agency_credit_alone_opens_the_text_and_is_no_part_of_the_lead():
    from newsan import analyze_text

    article = analyze_text("(CNN)-- سقطت طائرة مروحية في النهر الشرقي لمدينة نيويورك.\nوكان على متنها 6 أشخاص.",
                           ner="rules")
    assert article["source"] == "CNN" and article["summary"]["lead"].startswith("سقطت طائرة")


def test_a_closing_line_of_agencies_is_the_source_not_a_subhead():
    from newsan.lexicons import load_lexicons

    text = "واشنطن- قال الرئيس إن الأمر محسوم.\nوأضاف أن الوضع صعب.\nفرانس 24/ أ ف ب\n"
    layout = segment(text, load_lexicons()["markers"])
    assert [s.kind for s in layout.sections][-1] == "source" and layout.source == "فرانس 24/ أ ف ب"


def test_related_headlines_are_written_as_the_page_writes_them():
    """Like a related article's title, a related headline keeps its shadda and diacritics (issue 21, item 11)."""
    page = "الخبر\nنص الخبر هنا طويل بما يكفي.\nمقالات مشابهة\n• الأمم المتّحدة تُحذّر\u200f من الجوع\n"
    assert segment(page, MARKERS).related_headlines == ["الأمم المتّحدة تُحذّر من الجوع"]


_BODY = ("دبي، الإمارات العربية المتحدة (CNN)-- ردت الجزائرية أسماء على تقارير إعلامية نقلت عنها تصريحات، "
         "نافية ذلك نفيا قاطعا في مقابلة تلفزيونية.\n"
         "وقالت في المقابلة إن الصحفي الذي كتب التقرير لم يتصل بها قبل النشر ولم يتحقق من أي معلومة وردت فيه.\n"
         "وأضافت أنها ستلجأ إلى القضاء إذا لم تنشر الصحيفة تصحيحا واضحا في الأيام المقبلة.\n")
_LEADS = ("قال محمد آل جابر، سفير المملكة العربية السعودية في اليمن، إن جماعة الحوثي لا يرفضون السلام، "
          "لافتا إلى اشتراطهم إخراج الجرحى.\n"
          "أعلنت السلطات البحرينية، السبت، اعتقال 14 شخصا تمكنوا من دخول البلاد عبر جوازات سفر مزورة "
          "وبأسماء وهمية.\n"
          "قال أنور قرقاش، وزير الدولة للشؤون الخارجية، إن تجنيب إدلب مواجهة دموية يمثل أولوية لبلاده "
          "وللمجتمع الدولي، لافتا إلى الدور العربي المتقلص في سوريا وضرورة مراجعته\n")


def test_leads_of_other_articles_closing_a_page_are_related_articles():
    layout = segment(_BODY + _LEADS, MARKERS)
    assert kinds(layout)[-3:] == ["related_body"] * 3 and len(layout.related) == 3
    assert kinds(layout).count("body") == 3


def test_a_lead_opening_with_the_preposition_fi_is_a_lead_but_a_connective_goes_on():
    on_this_day = ("في 12 سبتمبر/أيلول من عام 1943 نفذت ألمانيا عملية كوماندوس ونجحت بخطف الزعيم الإيطالي "
                   "بينيتو موسوليني وأعلنته الزعيم الأوحد لإيطاليا من مدينة ميونخ.\n")
    layout = segment(_BODY + on_this_day + _LEADS, MARKERS)
    assert kinds(layout)[-4:] == ["related_body"] * 4  # في (in) is no ف (so)
    whereas = on_this_day.replace("في 12", "في حين نفذت في 12")
    assert kinds(segment(_BODY + whereas + _LEADS, MARKERS))[-4:] == ["body"] + ["related_body"] * 3


def test_paragraphs_going_on_with_the_article_stay_body():
    continued = _LEADS.replace("قال محمد", "وقال محمد").replace("أعلنت", "كما أعلنت")
    assert "related_body" not in kinds(segment(_BODY + continued, MARKERS))
    assert "related_body" not in kinds(segment(_BODY + "\n".join(_LEADS.split("\n")[:2]) + "\n", MARKERS))
