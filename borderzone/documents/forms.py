from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from borderzone.core.forms import DateField, OtherLanguagesForm, set_choices, set_queryset
from borderzone.core.uploads import UploadField
from borderzone.documents.files import FORMATS
from borderzone.documents.models import (
    DocumentField,
    DocumentStatus,
    DocumentType,
    LegalDocument,
    SubmissionChannel,
)
from borderzone.zones.models import EconomicZone


def _blank(choices: Any, label: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class DocumentSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    type = forms.ChoiceField(
        label=_("Document type"), required=False, choices=_blank(DocumentType.choices, _("All types"))
    )
    field = forms.ChoiceField(label=_("Field"), required=False, choices=_blank(DocumentField.choices, _("All fields")))
    issuer = forms.ChoiceField(label=_("Issuer"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status today"), required=False, choices=_blank(DocumentStatus.choices, _("Any status"))
    )

    def __init__(self, *args: Any, issuers: list[str], years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "issuer", _blank([(i, i) for i in issuers], _("All issuers")))
        set_choices(self, "year", _blank([(y, str(y)) for y in years], _("All years")))


class DocumentForm(OtherLanguagesForm):
    translated = ("title", "summary")

    zone = forms.ModelChoiceField(label=_("Zone"), queryset=EconomicZone.objects.none())
    number = forms.CharField(label=_("Number and symbol"), max_length=60, help_text=_("For example 225/QĐ-BQLKKT"))
    doc_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    field = forms.ChoiceField(label=_("Field"), choices=DocumentField.choices)
    issuer = forms.CharField(label=_("Issuer"), max_length=200)
    signer = forms.CharField(label=_("Signer"), max_length=200, required=False)
    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    issued_on = DateField(label=_("Date issued"))
    effective_on = DateField(label=_("Date effective"), required=False)
    expires_on = DateField(
        label=_("Date expired"),
        required=False,
        help_text=_("The first day on which it no longer applies."),
    )
    replaces = forms.ModelMultipleChoiceField(
        label=_("Replaces"), queryset=LegalDocument.objects.none(), required=False
    )
    amends = forms.ModelMultipleChoiceField(label=_("Amends"), queryset=LegalDocument.objects.none(), required=False)

    def __init__(
        self, *args: Any, zones: QuerySet[EconomicZone], documents: QuerySet[LegalDocument], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "zone", zones)
        set_queryset(self, "replaces", documents)
        set_queryset(self, "amends", documents)
        if zones.count() == 1:
            self.fields["zone"].initial = zones.first()


class FileUploadForm(forms.Form):
    file = UploadField(
        label=_("File"),
        help_text=_("PDF (shown in the page), Word, Excel or OpenDocument: %(list)s.") % {"list": ", ".join(FORMATS)},
    )


class ProcedureForm(OtherLanguagesForm):
    translated = ("title", "steps", "time_limit", "fee", "where_to_submit", "who_may_submit", "result")

    zone = forms.ModelChoiceField(label=_("Zone"), queryset=EconomicZone.objects.none())
    code = forms.CharField(label=_("Code"), max_length=40)
    title = forms.CharField(label=_("Name"), max_length=400, widget=forms.Textarea(attrs={"rows": 2}))
    field = forms.ChoiceField(label=_("Field"), choices=DocumentField.choices)
    steps = forms.CharField(
        label=_("Steps"), widget=forms.Textarea(attrs={"rows": 5}), help_text=_("One step a line, in order.")
    )
    time_limit = forms.CharField(label=_("Time limit"), max_length=200)
    time_limit_days = forms.IntegerField(label=_("Time limit (working days)"), min_value=0, required=False)
    fee = forms.CharField(label=_("Fee"), max_length=200)
    where_to_submit = forms.CharField(label=_("Where to submit"), widget=forms.Textarea(attrs={"rows": 2}))
    channels = forms.MultipleChoiceField(
        label=_("How to submit"), choices=SubmissionChannel.choices, widget=forms.CheckboxSelectMultiple
    )
    who_may_submit = forms.CharField(label=_("Who may submit"), max_length=300, required=False)
    result = forms.CharField(label=_("Result"), max_length=300, required=False)
    legal_basis = forms.ModelMultipleChoiceField(
        label=_("Legal basis"), queryset=LegalDocument.objects.none(), required=False
    )
    is_published = forms.BooleanField(label=_("Published"), required=False)

    def __init__(
        self, *args: Any, zones: QuerySet[EconomicZone], documents: QuerySet[LegalDocument], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "zone", zones)
        set_queryset(self, "legal_basis", documents)
        if zones.count() == 1:
            self.fields["zone"].initial = zones.first()


class ComponentForm(OtherLanguagesForm):
    translated = ("name", "copies")

    name = forms.CharField(label=_("Paper"), max_length=400)
    copies = forms.CharField(label=_("Copies"), max_length=100, initial="01 bản chính")
    form = UploadField(label=_("Form to fill in"), required=False)


class ComponentEditForm(OtherLanguagesForm):
    translated = ("name", "copies")

    order = forms.IntegerField(label=_("Order"), min_value=0)
    name = forms.CharField(label=_("Paper"), max_length=400)
    copies = forms.CharField(label=_("Copies"), max_length=100)
