"""Forms of the staff pages; they only parse input, the services validate and write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borderzone.core.countries import validate_country
from borderzone.core.forms import DateField, MoneyField, set_choices, set_queryset
from borderzone.core.uploads import UploadField
from borderzone.register.models import (
    AreaLevel,
    Currency,
    DepositEventKind,
    Investor,
    MilestoneKind,
    Ownership,
    Sector,
    SectorIncentive,
    Status,
)
from borderzone.zones.models import Commune, EconomicZone, FunctionalArea, GateArea

YES_NO_ANY = [("", _("Any")), ("1", _("Yes")), ("0", _("No"))]


def date_field(label: Any, required: bool = True) -> forms.DateField:
    return DateField(label=label, required=required)


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    zone = forms.ChoiceField(label=_("Zone"), required=False)
    as_of = date_field(_("As of"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *Status.choices])
    ownership = forms.ChoiceField(
        label=_("Domestic or foreign"), required=False, choices=[("", _("Any")), *Ownership.choices]
    )
    gate_area = forms.ChoiceField(label=_("Gate area"), required=False)
    sector = forms.CharField(label=_("Sector (VSIC)"), required=False, max_length=5)
    late = forms.ChoiceField(label=_("Late"), required=False, choices=YES_NO_ANY)
    flagged = forms.ChoiceField(label=_("Flagged"), required=False, choices=YES_NO_ANY)

    def __init__(self, *args: Any, gate_areas: list[GateArea], zones: list[EconomicZone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "zone", [("", _("Any")), *[(z.code, z.display_name) for z in zones]])
        if len(zones) < 2:
            self.fields["zone"].widget = forms.HiddenInput()
        set_choices(self, "gate_area", [("", _("Any")), *[(a.code, a.name) for a in gate_areas]])


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    ownership = forms.ChoiceField(label=_("Domestic or foreign"), choices=Ownership.choices)
    sector = forms.ModelChoiceField(label=_("Sector (VSIC)"), queryset=Sector.objects.all(), required=False)
    objectives = forms.CharField(label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    scale = forms.CharField(label=_("Scale"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    gate_area = forms.ModelChoiceField(label=_("Gate area"), queryset=GateArea.objects.none(), required=False)
    functional_area = forms.ModelChoiceField(
        label=_("Functional area"), queryset=FunctionalArea.objects.none(), required=False
    )
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none(), required=False)
    land_area_ha = forms.DecimalField(label=_("Land area (ha)"), required=False, min_value=0, decimal_places=4)
    state_land = forms.BooleanField(label=_("On State-allocated or leased land"), required=False)
    land_charges_vnd = MoneyField(
        label=_("Land levy and rent paid to the State (VND)"),
        required=False,
        min_value=0,
        help_text=_("Left out of the capital on which the deposit is counted."),
    )
    sector_incentive = forms.ChoiceField(
        label=_("Sector incentive (for the deposit)"), choices=SectorIncentive.choices, required=False
    )
    deposit_exempt = forms.BooleanField(label=_("Exempt from the deposit"), required=False)
    policy_approval = forms.BooleanField(label=_("Needed an investment-policy approval"), required=False)
    operating_term_years = forms.IntegerField(
        label=_("Operating term (years)"), required=False, min_value=1, max_value=99
    )
    published = forms.BooleanField(label=_("Published on the portal"), required=False)

    def __init__(self, *args: Any, zone: EconomicZone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "gate_area", GateArea.objects.filter(zone=zone))
        set_queryset(self, "functional_area", FunctionalArea.objects.filter(zone=zone))
        set_queryset(self, "commune", zone.communes.all())

    def clean_land_charges_vnd(self) -> Decimal:
        return self.cleaned_data.get("land_charges_vnd") or Decimal(0)


class CapitalMixin(forms.Form):
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    total_capital = MoneyField(label=_("Total capital"), min_value=0)
    equity = MoneyField(label=_("Equity"), required=False, min_value=0)
    vnd_rate = forms.DecimalField(label=_("VND per USD"), required=False, min_value=0, decimal_places=2)
    rate_date = date_field(_("Rate date"), required=False)
    certificate_no = forms.CharField(label=_("Certificate number"), required=False, max_length=60)


def plan_fields() -> dict[str, forms.DateField]:
    return {f"plan_{kind}": date_field(label, required=False) for kind, label in MilestoneKind.choices}


class ProjectCreateForm(ProjectForm, CapitalMixin):
    code = forms.RegexField(label=_("Project code"), regex=r"^\d{1,20}$", max_length=20)
    investor = forms.CharField(label=_("Investor"), max_length=300)
    investor_country = forms.RegexField(
        label=_("Investor's country (ISO 3166)"), regex=r"^[A-Za-z]{2}$", initial="VN", validators=[validate_country]
    )
    investor_tax_code = forms.CharField(label=_("Tax code or registration number"), required=False, max_length=50)
    issued_on = date_field(_("Certificate issued on"))
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, initial=Status.PREPARING)

    field_order = ["code", "name", "ownership", "investor", "investor_country", "investor_tax_code", "issued_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(plan_fields())


class VersionForm(CapitalMixin):
    issued_on = date_field(_("Adjustment issued on"))
    changes = forms.CharField(label=_("What changed"), widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["issued_on", "certificate_no", "changes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(plan_fields())


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    effective_on = date_field(_("Effective date"))
    decision_no = forms.CharField(label=_("Decision number"), required=False, max_length=100)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DisbursementForm(forms.Form):
    paid_on = date_field(_("Date"))
    amount = MoneyField(label=_("Amount"), min_value=1)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class DepositEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=DepositEventKind.choices)
    happened_on = date_field(_("Date"))
    amount = MoneyField(label=_("Amount (VND)"), min_value=1)
    note = forms.CharField(label=_("Note or decision number"), required=False, max_length=300)


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Milestone"), choices=MilestoneKind.choices)
    reached_on = date_field(_("Actual date"))


class UploadForm(forms.Form):
    file = UploadField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(label=_("Check only (preview, write nothing)"), required=False, initial=True)


class RuleForm(forms.Form):
    months = forms.IntegerField(label=_("Months"), min_value=0, max_value=600)
    policy_approved_only = forms.BooleanField(
        label=_("Only projects with an investment-policy approval"), required=False
    )
    counts_from_handover = forms.BooleanField(
        label=_("Where the State handed the land over late, the schedule counts from the handover"), required=False
    )
    law = forms.CharField(label=_("Law"), max_length=200)
    article = forms.CharField(label=_("Article"), max_length=200, required=False)
    article_confirmed = forms.BooleanField(label=_("Article number confirmed"), required=False)
    source = forms.CharField(label=_("Where the citation was checked"), max_length=500, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    basis_note = forms.CharField(label=_("Note on the legal basis"), max_length=300, required=False)
    valid_from = date_field(_("In force from"))
    valid_to = date_field(_("In force until (first day no longer in force)"), required=False)
    certificates_issued_before = date_field(_("Only certificates first issued before"), required=False)
    certificates_issued_from = date_field(_("Only certificates first issued from"), required=False)
    transitional_note = forms.CharField(
        label=_("Transitional condition"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def plans_from(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {kind: cleaned.get(f"plan_{kind}") for kind in MilestoneKind.values if cleaned.get(f"plan_{kind}")}


class InvestorLinkForm(forms.Form):
    investor = forms.ModelChoiceField(label=_("Investor"), queryset=Investor.objects.none())
    username = forms.CharField(label=_("Investor's user account (user name)"), max_length=150)

    def __init__(self, *args: Any, investors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "investor", investors)


class AsOfForm(forms.Form):
    as_of = date_field(_("As of"), required=False)


class AreaClassificationForm(forms.Form):
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none())
    level = forms.ChoiceField(label=_("Area level"), choices=AreaLevel.choices)
    valid_from = date_field(_("In force from"))
    source = forms.CharField(label=_("Source"), max_length=300, required=False)

    def __init__(self, *args: Any, communes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "commune", communes)
