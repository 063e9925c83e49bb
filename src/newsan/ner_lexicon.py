"""Trigger words for the NER features, written for this project.

A trigger is a common noun that tends to stand right before (or be the head of)
a name of some type: "الرئيس" before a person, "مدينة" before a place,
"شركة" starting an organization. The CRF learns how much to trust each class
from context; the lists only group words that behave alike, so a trigger seen
rarely in training borrows strength from its class.
"""

from __future__ import annotations

from functools import lru_cache

TRIGGERS: dict[str, str] = {
    # Titles and roles that precede a person's name.
    "PER_TITLE": """رئيس رئيسة الرئيس الملك ملك الملكة الأمير أمير الأميرة الشيخ شيخ السيد السيدة
        الدكتور الدكتورة د الجنرال العقيد اللواء العميد الفريق المشير الرائد النقيب المستشار المستشارة
        النائب السفير سفير الأمين أمين المتحدث الناطق البابا الإمام الامام آية المرشح المدرب مدرب اللاعب
        لاعب الفنان الفنانة الكاتب الكاتبة الشاعر الروائي المخرج المطرب المطربة المغني المغنية الممثل
        الممثلة القاضي المحامي الصحفي الصحافي المراسل الوزير وزير وزيرة الوزيرة زعيم الزعيم قائد القائد
        المدير مدير مديرة المحافظ محافظ الحاكم حاكم عمدة نائب المبعوث مبعوث المفوض
        السلطان سلطان الخليفة القس الحاخام الكاردينال الأستاذ الاستاذ البروفيسور المهندس الحاج الباحث الخبير المفكر الفيلسوف المؤرخ الموسيقار الملحن المؤلف الرسام الأديب""",
    # Words inside person names: kinship links and the first part of compound names.
    "PER_PART": """بن ابن بنت أبو أبي ابو ابي أم عبد عبدال ولد آل""",
    # Verbs of saying and reporting, usually next to a speaker's name.
    "SAY": """قال قالت أعلن أعلنت أكد أكدت أضاف أضافت صرح صرحت أوضح أوضحت أشار أشارت ذكر ذكرت
        اعتبر اعتبرت رأى رأت نفى نفت دعا دعت طالب طالبت أفاد أفادت يقول تقول""",
    # Nouns that precede or head a place name.
    "LOC_TRIG": """مدينة بلدة قرية عاصمة العاصمة محافظة ولاية منطقة إقليم مقاطعة جزيرة جزر نهر بحر
        محيط خليج جبل جبال شارع حي مخيم ميناء مطار دولة جمهورية مملكة إمارة سلطنة قارة صحراء وادي
        بحيرة قضاء ناحية مرفأ معبر ساحل ضاحية شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي""",
    # Nouns that start or head an organization name.
    "ORG_TRIG": """شركة وكالة حركة جامعة حزب منظمة مجلس وزارة اتحاد جمعية بنك مصرف صحيفة جريدة
        مجلة قناة تلفزيون تلفزة إذاعة هيئة لجنة مؤسسة جبهة جماعة نادي فريق منتخب محكمة مكتب معهد
        مركز صندوق البرلمان برلمان الكونغرس الكونجرس الأمم رابطة نقابة كتلة تحالف ائتلاف أكاديمية
        مجموعة مستشفى بورصة سوق مصنع مجمع مدرسة كلية المجلس الحكومة حكومة الجيش جيش شرطة الشرطة
        بلدية ديوان سلطة مفوضية الاتحاد""",
    # Heads of event, prize, currency and other miscellaneous names.
    "MISC_TRIG": """كأس بطولة دوري جائزة مهرجان معرض مؤتمر قمة حرب معاهدة اتفاقية اتفاق مونديال
        أولمبياد ألعاب دورة عملية ثورة انتفاضة عيد برنامج فيلم مسلسل كتاب رواية أغنية ألبوم
        مسرحية طراز استاد ملعب بعنوان عنوان""",
    # Currencies, which ANERcorp tags as MISC.
    "CURRENCY": """دولار دولارا دولارات يورو جنيه جنيها درهم درهما دينار دينارا ريال ريالا ليرة
        شيكل فرنك روبل روبية استرليني""",
    # Months and days: names of their own that are not entities.
    "TIME": """يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر
        نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين جانفي فيفري أفريل ماي
        جوان جويلية أوت السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة""",
}


# Words right before a verb (particles of negation, future, purpose) and right
# before a noun (prepositions), normalized (ا for أ/إ/آ, ي for ى) as the corpus
# counts in build_profiles see them: how often a word follows each set tells
# verbs (يتقمص, سيغيب) from the nouns and names they sit next to.
VERB_PARTICLES = frozenset("""لم لن قد سوف لا كي لكي حتي ان لقد وقد ولم ولن فقد وسوف ولا""".split())
PREPOSITIONS = frozenset("""في من علي الي عن مع بين حول خلال عند منذ لدي نحو ضد""".split())


@lru_cache(maxsize=1)
def trigger_map() -> dict[str, str]:
    """Proclitic-stripped normalized form -> trigger class (first class listed wins)."""
    from newsan.ner_model import normalize, strip_proclitics

    out: dict[str, str] = {}
    for cls, words in TRIGGERS.items():
        for word in words.split():
            key = strip_proclitics(normalize(word))[1]
            out.setdefault(key, cls)
    return out
