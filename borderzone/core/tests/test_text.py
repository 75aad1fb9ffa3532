import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderzone.core.text import name_key, search_key, strip_accents


@pytest.mark.parametrize(
    "text",
    [
        "tra linh",
        "TRÀ LĨNH",
        "Trà Lĩnh",
        "Cửa khẩu quốc tế Trà Lĩnh",
        "cua khau quoc te tra linh",
        "Khu cửa khẩu Trà Lĩnh",
        " trà  lĩnh ",
    ],
)
def test_name_key_ignores_accents_case_and_gate_words(text):
    assert name_key(text) == "tra linh"


def test_d_with_stroke_matches_d():
    assert search_key("Đồng Đăng") == "dong dang"
    assert strip_accents("đường") == "duong"


def test_tone_mark_placement_does_not_matter():
    # "Hoà" (old style) and "Hòa" (new style) are the same name.
    assert name_key("Quảng Hoà") == name_key("Quảng Hòa")


def test_decomposed_and_composed_unicode_match():
    import unicodedata

    composed = "Lý Vạn"
    assert name_key(unicodedata.normalize("NFD", composed)) == name_key(composed) == "ly van"


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ",
        max_size=40,
    )
)
def test_name_key_is_the_same_for_upper_case_and_unaccented_spellings(text):
    assert name_key(text.upper()) == name_key(text) == name_key(strip_accents(text))
