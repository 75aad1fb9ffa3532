"""Forms of the portal's pages: the article editor and its workflow, images, categories, comments."""

from __future__ import annotations

from typing import Any

from captcha.fields import CaptchaField
from django import forms
from django.utils.translation import gettext_lazy as _

from borderzone.core.captcha import CaptchaWidget, FocusFirstError
from borderzone.core.forms import DateTimeField, set_queryset
from borderzone.core.uploads import UploadField
from borderzone.portal.models import Article, Category
from borderzone.zones.models import EconomicZone


class ArticleForm(forms.Form):
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=EconomicZone.objects.none())
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all())
    title = forms.CharField(label=_("Title"), max_length=300)
    lead = forms.CharField(label=_("Lead"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    body = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paragraphs, headings, lists, tables and links are kept; anything else is removed."),
    )
    author_name = forms.CharField(label=_("Author (byline)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    lead_en = forms.CharField(label=_("Lead (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    body_en = forms.CharField(label=_("Body (English)"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    lead_zh = forms.CharField(label=_("Lead (Chinese)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    body_zh = forms.CharField(label=_("Body (Chinese)"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    related = forms.ModelMultipleChoiceField(
        label=_("Related articles"), queryset=Article.objects.none(), required=False
    )

    def __init__(self, *args: Any, zones: Any, instance: Article | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "zone", zones)
        related = Article.objects.filter(zone__in=zones).order_by("-publish_at", "-id")
        if instance is not None:
            related = related.exclude(pk=instance.pk)
            del self.fields["zone"]
        set_queryset(self, "related", related)


class ScheduleForm(forms.Form):
    publish_at = DateTimeField(label=_("Publish at"), required=False)
    expire_at = DateTimeField(label=_("Withdraw at"), required=False)


class ImageForm(forms.Form):
    image = UploadField(label=_("Image file"), help_text=_("JPEG, PNG, WebP or GIF, up to 8 MB."))
    alt = forms.CharField(
        label=_("Alternative text"), max_length=300, help_text=_("What the image shows, for screen readers.")
    )
    alt_en = forms.CharField(label=_("Alternative text (English)"), max_length=300, required=False)
    alt_zh = forms.CharField(label=_("Alternative text (Chinese)"), max_length=300, required=False)
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    name_en = forms.CharField(label=_("English name"), max_length=120, required=False)
    name_zh = forms.CharField(label=_("Chinese name"), max_length=120, required=False)
    ratings_enabled = forms.BooleanField(label=_("Readers may rate articles"), required=False, initial=True)
    comments_enabled = forms.BooleanField(label=_("Readers may comment"), required=False, initial=True)
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, initial=100)


class CommentForm(FocusFirstError, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=100, widget=forms.TextInput(attrs={"autofocus": True}))
    email = forms.EmailField(
        label=_("E-mail (optional)"), required=False, help_text=_("Never shown; only the board may use it to answer.")
    )
    body = forms.CharField(label=_("Comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))
    captcha = CaptchaField(
        label=_("Letters in the picture"),
        error_messages={"invalid": _("The letters do not match the picture.")},
        widget=CaptchaWidget(),
        help_text=_("Letters and digits, upper or lower case. Another picture or listening: the buttons beside it."),
    )


class CommentFlagForm(FocusFirstError, forms.Form):
    """A reader's report of a published comment: a signed-in user sends it as is, anyone else answers a captcha."""

    comment = forms.IntegerField(widget=forms.HiddenInput)
    captcha = CaptchaField(
        label=_("Letters in the picture"),
        error_messages={"invalid": _("The letters do not match the picture.")},
        widget=CaptchaWidget(attrs={"autofocus": True}),
        help_text=_("Letters and digits, upper or lower case. Another picture or listening: the buttons beside it."),
    )

    def __init__(self, *args: Any, signed_in: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["captcha"]


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(label=_("Stars"), coerce=int, choices=[(i, str(i)) for i in range(1, 6)])
