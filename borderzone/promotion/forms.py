from __future__ import annotations

from typing import Any

from captcha.fields import CaptchaField
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from borderzone.core.captcha import CaptchaWidget, FocusFirstError
from borderzone.core.countries import validate_country
from borderzone.core.forms import DateField, OtherLanguagesForm, set_queryset
from borderzone.documents.models import LegalDocument
from borderzone.promotion.models import (
    AreaScope,
    CallStatus,
    Classification,
    IncentiveKind,
    InquiryStatus,
    InvestmentCall,
    Sector,
    SectorLevel,
)
from borderzone.zones.models import Commune, EconomicZone, FunctionalArea, GateArea


class IncentiveFilterForm(forms.Form):
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.none(), required=False, empty_label=_("All sectors")
    )
    area = forms.ChoiceField(
        label=_("Where it applies"), choices=[("", _("All areas")), *AreaScope.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "sector", Sector.objects.select_related("parent").order_by("classification", "code"))


class InquiryForm(FocusFirstError, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    organisation = forms.CharField(label=_("Company or organisation"), max_length=300, required=False)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    country = forms.RegexField(
        label=_("Country (ISO 3166 code)"),
        regex=r"^[A-Za-z]{2}$",
        max_length=2,
        required=False,
        error_messages={"invalid": _("Two letters, for example VN or CN.")},
        validators=[validate_country],
    )
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none(), required=False)
    call = forms.ModelChoiceField(label=_("Project"), queryset=InvestmentCall.objects.none(), required=False)
    message = forms.CharField(label=_("Your question"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    captcha = CaptchaField(
        label=_("Type the characters in the picture"),
        error_messages={"invalid": _("The characters do not match the picture.")},
        widget=CaptchaWidget(),
        help_text=_("Letters and digits, upper or lower case. Another picture or listening: the buttons beside it."),
    )

    def __init__(self, *args: Any, calls: QuerySet[InvestmentCall], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "sector", Sector.objects.order_by("classification", "code"))
        set_queryset(self, "call", calls)


class InquiryStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InquiryStatus.choices)
    staff_note = forms.CharField(label=_("Staff note"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class IncentiveForm(OtherLanguagesForm):
    translated = ("title", "description", "clause_text")

    zone = forms.ModelChoiceField(label=_("Zone"), queryset=EconomicZone.objects.none())
    title = forms.CharField(label=_("Incentive"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=IncentiveKind.choices)
    description = forms.CharField(label=_("What the investor gets"), widget=forms.Textarea(attrs={"rows": 3}))
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.none(), required=False, help_text=_("None: every sector.")
    )
    area_scope = forms.ChoiceField(label=_("Where it applies"), choices=AreaScope.choices)
    functional_areas = forms.ModelMultipleChoiceField(
        label=_("Functional areas"), queryset=FunctionalArea.objects.none(), required=False
    )
    gate_areas = forms.ModelMultipleChoiceField(label=_("Gate areas"), queryset=GateArea.objects.none(), required=False)
    communes = forms.ModelMultipleChoiceField(label=_("Communes"), queryset=Commune.objects.none(), required=False)
    document = forms.ModelChoiceField(label=_("Granted by"), queryset=LegalDocument.objects.none())
    clause = forms.CharField(
        label=_("Clause"), max_length=200, help_text=_("For example: Article 13, clause 1, point b")
    )
    clause_text = forms.CharField(label=_("Text of the clause"), widget=forms.Textarea(attrs={"rows": 4}))
    is_published = forms.BooleanField(label=_("Published"), required=False)

    def __init__(self, *args: Any, zones: QuerySet[EconomicZone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "zone", zones)
        set_queryset(self, "sectors", Sector.objects.order_by("classification", "code"))
        set_queryset(self, "functional_areas", FunctionalArea.objects.filter(zone__in=zones))
        set_queryset(self, "gate_areas", GateArea.objects.filter(zone__in=zones))
        set_queryset(self, "communes", Commune.objects.filter(economic_zones__in=zones).distinct())
        set_queryset(self, "document", LegalDocument.objects.filter(zone__in=zones).order_by("-issued_on"))
        if zones.count() == 1:
            self.fields["zone"].initial = zones.first()


class CallForm(OtherLanguagesForm):
    translated = ("title", "objectives", "investment_form")

    zone = forms.ModelChoiceField(label=_("Zone"), queryset=EconomicZone.objects.none())
    title = forms.CharField(label=_("Project"), max_length=300)
    objectives = forms.CharField(label=_("Objectives and scale"), widget=forms.Textarea(attrs={"rows": 4}))
    sectors = forms.ModelMultipleChoiceField(label=_("Sectors"), queryset=Sector.objects.none(), required=False)
    gate_area = forms.ModelChoiceField(label=_("Gate area"), queryset=GateArea.objects.none(), required=False)
    functional_area = forms.ModelChoiceField(
        label=_("Functional area"), queryset=FunctionalArea.objects.none(), required=False
    )
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none(), required=False)
    latitude = forms.DecimalField(label=_("Latitude"), max_digits=8, decimal_places=5, min_value=-90, max_value=90)
    longitude = forms.DecimalField(label=_("Longitude"), max_digits=8, decimal_places=5, min_value=-180, max_value=180)
    land_area_ha = forms.DecimalField(label=_("Land area (ha)"), max_digits=10, decimal_places=2, min_value=0)
    capital_amount = forms.DecimalField(label=_("Indicative capital"), max_digits=20, decimal_places=0, required=False)
    capital_currency = forms.ChoiceField(label=_("Currency"), choices=[("VND", "VND"), ("USD", "USD")])
    investment_form = forms.CharField(label=_("Form of investment"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=CallStatus.choices)
    open_until = DateField(label=_("Open until"), required=False)
    is_published = forms.BooleanField(label=_("Published"), required=False)

    def __init__(self, *args: Any, zones: QuerySet[EconomicZone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "zone", zones)
        set_queryset(self, "sectors", Sector.objects.order_by("classification", "code"))
        set_queryset(self, "gate_area", GateArea.objects.filter(zone__in=zones))
        set_queryset(self, "functional_area", FunctionalArea.objects.filter(zone__in=zones))
        set_queryset(self, "commune", Commune.objects.filter(economic_zones__in=zones).distinct())
        if zones.count() == 1:
            self.fields["zone"].initial = zones.first()


class SectorForm(OtherLanguagesForm):
    translated = ("name",)

    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)
    level = forms.ChoiceField(label=_("Level"), choices=SectorLevel.choices)
    code = forms.CharField(label=_("Code"), max_length=4)
    name = forms.CharField(label=_("Name"), max_length=300)
    parent = forms.ModelChoiceField(
        label=_("Section"), queryset=Sector.objects.filter(level=SectorLevel.SECTION), required=False
    )
