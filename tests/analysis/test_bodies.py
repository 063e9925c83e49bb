"""Organizations the entity stage reads from their structure (newsan.attribution.bodies)."""

from newsan.analysis.pipeline import analyze_source
from newsan.arabic.tokenize import sentences_of
from newsan.attribution.bodies import organization_bodies
from newsan.lexicons import load_lexicons
from newsan.model import Mention, Source


def bodies(text: str, mentions: list[Mention] | None = None) -> list[tuple[str, str]]:
    tagged = mentions or []
    found = sorted([*tagged, *organization_bodies(text, sentences_of(text), tagged, load_lexicons())],
                   key=lambda m: (m.start, -m.end))
    return [(m.text, m.type) for m in found]


def test_a_ministry_council_and_court_are_organizations():
    text = "وقالت وزارة الخارجية المصرية إن مجلس النواب الأمريكي والمحكمة العليا رفضا القرار."
    assert bodies(text) == [("وزارة الخارجية المصرية", "ORG"), ("مجلس النواب الأمريكي", "ORG"),
                            ("المحكمة العليا", "ORG")]


def test_common_nouns_ranks_and_portfolios_are_not():
    assert bodies("وقالت الشركة إن لجنة برلمانية ستنظر في الأمر.") == []
    assert bodies("وحل الفريق في المركز الثاني.") == []
    assert bodies("وقال وزير الخارجية الأمريكي إن المحادثات مستمرة.") == []


def test_a_website_or_network_is_a_body_only_by_the_name_after_it():
    assert bodies("ووصلت الشرطة إلى موقع الحادث بعد انقطاع شبكة الإنترنت.") == []
    assert bodies("بحسب موقع الاتحاد الأسترالي لكرة القدم.") == [("الاتحاد الأسترالي لكرة القدم", "ORG")]
    assert bodies('ونشر موقع "بازفيد" الخبر.') == [("بازفيد", "ORG")]


def test_a_government_described_by_adjectives_is_no_name_but_one_before_a_name_is():
    assert bodies("وقالت الحكومة الروسية إن السلطات المحلية والمعارضة السورية المسلحة اتفقت.") == []
    assert bodies("وقالت حكومة الوفاق الوطني إن الرجل أوقف.") == [("حكومة الوفاق الوطني", "ORG")]
    assert bodies("وأعلنت الوزارة البحرينية أن البنك المركزي البريطاني رفع الفائدة.") == []
    # a kind of body (a company for ...), not one
    assert bodies("وتعاقدت مع شركة للصناعات الكيميائية ومع الشركة الوطنية للبترول.") == [
        ("الشركة الوطنية للبترول", "ORG")]
    # the party, the army, the forces: their adjectives name as often as they describe
    assert bodies("وقال الحزب الليبرالي إن الجيش الروسي انسحب.") == [("الحزب الليبرالي", "ORG"),
                                                                  ("الجيش الروسي", "ORG")]


def test_an_adjective_of_the_body_s_kind_is_no_part_of_its_name():
    assert bodies("ونقلت وكالة الأنباء اليمنية الرسمية عن التلفزيون السوري الرسمي.") == [
        ("وكالة الأنباء اليمنية", "ORG"), ("التلفزيون السوري", "ORG")]
    # unless it is all that tells which agency
    assert bodies("ونقلت وكالة الأنباء الرسمية الخبر.") == [("وكالة الأنباء الرسمية", "ORG")]


def test_a_quoted_name_is_the_mention_and_tagged_names_inside_stay():
    text = 'وقالت وكالة "ناسا" إن صحيفة سبورت الإسبانية أخطأت.'
    sport = text.index("سبورت")
    tagged = [Mention("سبورت", sport, sport + len("سبورت"), "ORG")]
    assert bodies(text, tagged) == [("ناسا", "ORG"), ("صحيفة سبورت الإسبانية", "ORG"), ("سبورت", "ORG")]


def test_a_body_crossing_a_tagged_mention_is_left_out():
    text = "وقالت وزارة الخارجية المصرية إن الوفد وصل."
    start = text.index("المصرية")
    tagged = [Mention("المصرية إن", start, start + len("المصرية إن"), "LOC")]
    assert bodies(text, tagged) == [("المصرية إن", "LOC")]


def test_the_article_lists_the_bodies_among_its_entities():
    article = analyze_source(Source("x.txt", "وقالت وزارة الخارجية المصرية إن الوفد وصل إلى القاهرة."))
    assert ("وزارة الخارجية المصرية", "ORG") in {(e.text, e.type) for e in article.entities}


def test_a_tagged_name_with_a_stray_word_after_it_stands_but_a_nationality_makes_a_body():
    text = "وقال حزب الله اللبناني إن اتحاد جدة الرائع فاز."
    hezbollah, ittihad = text.index("حزب الله"), text.index("اتحاد جدة")
    tagged = [Mention("حزب الله", hezbollah, hezbollah + len("حزب الله"), "ORG"),
              Mention("اتحاد جدة", ittihad, ittihad + len("اتحاد جدة"), "ORG")]
    assert bodies(text, tagged) == [("حزب الله اللبناني", "ORG"), ("حزب الله", "ORG"), ("اتحاد جدة", "ORG")]


def test_a_national_team_is_an_organization():
    assert bodies("وفاز المنتخب التونسي على ضيفه.") == [("المنتخب التونسي", "ORG")]
