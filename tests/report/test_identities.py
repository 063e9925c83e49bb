"""Names across articles: spellings folded, a title or a glued proclitic dropped, a surname given to the
one full name that owns it."""

import pytest

from newsan.report.identities import display, name_form, resolve, title_words

TITLES = title_words()


def form(name):
    return name_form(name, TITLES)


@pytest.mark.parametrize("one, other", [
    ("أحمد أبو الغيط", "احمد ابو الغيط"),      # hamza on alef
    ("مصطفى مدبولي", "مصطفي مدبولي"),          # alef maksura
    ("فاطمة الزهراء", "فاطمه الزهراء"),        # ta marbuta
    ("علی لاريجانی", "علي لاريجاني"),           # Persian yeh
    ("کريم", "كريم"),                           # Persian kaf
    ("«بوتين»", "بوتين"),                       # quotation marks round a name
    ("بُوتِين", "بوتين"),                         # diacritics
])
def test_spellings_fold_to_one_form(one, other):
    assert form(one) == form(other)


@pytest.mark.parametrize("name, expected", [
    ("الرئيس الروسي فلاديمير بوتين", "فلاديمير بوتين"),
    ("وزير الخارجية الأمريكي ريكس تيلرسون", "ريكس تيلرسون"),
    ("المتحدث باسم الجيش الإسرائيلي أفيخاي أدرعي", "افيخاي ادرعي"),
    ("الأمين العام للأمم المتحدة أنطونيو غوتيريش", "انطونيو غوتيريش"),
    ("الشيخ محمد بن زايد", "محمد بن زايد"),
    ("الرئيس الأسد", "الاسد"),                  # a definite surname after the title is the name
    ("الرئيس الروسي", "الرءيس الروسي"),         # a title with no name stays what it is
    ("وزارة الخارجية", "وزاره الخارجيه"),       # a body is no title
])
def test_a_title_in_front_is_dropped(name, expected):
    assert display(form(name)) == expected


def _merged(names, surnames=True):
    forms = [form(name) for name in names]
    roots = resolve(forms, surnames=surnames)
    return {display(f): display(roots.get(f, f)) for f in forms}


def test_a_glued_proclitic_and_a_bare_surname_join_the_full_name():
    merged = _merged(["فلاديمير بوتين", "بوتين", "لبوتين", "وبوتين"])
    assert set(merged.values()) == {"فلاديمير بوتين"}


def test_a_surname_two_full_names_end_with_stays_apart():
    merged = _merged(["دونالد ترامب", "إيفانكا ترامب", "ترامب"])
    assert merged["ترامب"] == "ترامب"
    assert merged["دونالد ترامب"] == "دونالد ترامب" and merged["ايفانكا ترامب"] == "ايفانكا ترامب"


def test_a_longer_tail_joins_the_one_name_it_ends():
    merged = _merged(["مولود تشاوش أوغلو", "تشاوش أوغلو", "أوغلو"])
    assert set(merged.values()) == {"مولود تشاوش اوغلو"}


def test_bodies_do_not_merge_by_their_last_word():
    merged = _merged(["وزارة الخارجية", "الخارجية"], surnames=False)
    assert merged["الخارجيه"] == "الخارجيه"


def test_a_proclitic_stays_on_a_name_the_archive_does_not_know_without_it():
    # بولتون keeps its ب: no بولتون-less form (ولتون) is in the archive
    assert _merged(["بولتون", "جون بولتون"]) == {"بولتون": "جون بولتون", "جون بولتون": "جون بولتون"}
