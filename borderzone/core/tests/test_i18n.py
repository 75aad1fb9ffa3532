"""Content in Vietnamese with optional English and Chinese versions: one helper picks the version."""

from types import SimpleNamespace

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from borderzone.core.forms import OtherLanguagesForm
from borderzone.core.i18n import as_written, content_language, localized, pick_language, translated_names


@pytest.mark.parametrize(
    ("code", "expected"),
    [("vi", "vi"), ("en", "en"), ("en-us", "en"), ("zh-hans", "zh-hans"), ("zh_Hans", "zh-hans"), ("zh", "zh-hans")],
)
def test_content_language_names_the_three_languages(code, expected):
    assert content_language(code) == expected


def test_pick_language_follows_the_active_language_and_falls_back_to_vietnamese():
    with translation.override("en"):
        assert pick_language("Luật Đầu tư", "Law on Investment", "投资法") == "Law on Investment"
        assert pick_language("Luật Đầu tư", "", "投资法") == "Luật Đầu tư"
    with translation.override("zh-hans"):
        assert pick_language("Luật Đầu tư", "Law on Investment", "投资法") == "投资法"
        # An untranslated Chinese version shows the Vietnamese text, not the English one.
        assert pick_language("Luật Đầu tư", "Law on Investment", "") == "Luật Đầu tư"
    assert pick_language("Luật Đầu tư", "Law on Investment", "投资法") == "Luật Đầu tư"
    assert pick_language("Luật Đầu tư", "Law on Investment", "投资法", lang="en") == "Law on Investment"


def test_localized_reads_the_field_and_its_versions():
    obj = SimpleNamespace(fee="Không thu phí", fee_en="No fee", fee_zh="")
    assert localized(obj, "fee", "en") == "No fee"
    assert localized(obj, "fee", "zh-hans") == "Không thu phí"
    assert translated_names("title", "fee") == ("title_en", "title_zh", "fee_en", "fee_zh")


class _Form(OtherLanguagesForm):
    translated = ("title",)
    title = forms.CharField(label="Title", max_length=20, help_text="The title.")
    code = forms.CharField(label="Code")


def test_other_language_fields_are_optional_copies_shown_in_a_collapsible_group():
    form = _Form({"title": "Tiêu đề", "code": "A", "title_zh": "标题"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title_en"] == "" and form.cleaned_data["title_zh"] == "标题"
    assert form.fields["title_en"].max_length == 20 and not form.fields["title_en"].required
    html = render_to_string("includes/form.html", {"form": form})
    assert html.index('name="code"') < html.index("<details")
    assert html.index("<details") < html.index('name="title_en"') < html.index('name="title_zh"')
    assert '<details class="other-languages" open>' in html  # a version is filled in: shown open
    empty = render_to_string("includes/form.html", {"form": _Form()})
    assert '<details class="other-languages">' in empty


def test_too_long_a_version_is_refused_like_the_vietnamese_text():
    form = _Form({"title": "Tiêu đề", "code": "A", "title_en": "x" * 21})
    assert not form.is_valid() and "title_en" in form.errors
    html = render_to_string("includes/form.html", {"form": form})
    assert '<details class="other-languages" open>' in html


def test_text_written_in_vietnamese_is_marked_so_for_other_readers_only():
    text = "Nhà đầu tư nộp báo cáo <quý III>"
    with translation.override("vi"):
        assert as_written(text) == "Nhà đầu tư nộp báo cáo &lt;quý III&gt;"
    with translation.override("en"):
        assert as_written(text) == (
            '<span lang="vi">Nhà đầu tư nộp báo cáo &lt;quý III&gt;</span> <span class="tag">in Vietnamese</span>'
        )
        assert as_written("Dòng 1\nDòng 2", multiline=True) == (
            '<div lang="vi"><p>Dòng 1<br>Dòng 2</p></div> <span class="tag">in Vietnamese</span>'
        )
        assert as_written("") == ""
    with translation.override("zh-hans"):
        assert as_written("Biên bản").endswith('<span class="tag">越南文</span>')
