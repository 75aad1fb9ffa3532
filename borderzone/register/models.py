"""The investment register: investors, projects, certificate versions, milestones, status changes,
disbursed capital, and the legal rules that flag projects. Every fact is dated so the register can be
read "as of" any day (see selectors.py)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from borderzone.core.text import name_key, search_key


class Ownership(models.TextChoices):
    DOMESTIC = "domestic", _("Domestic")
    FOREIGN = "foreign", _("Foreign-invested")


class Currency(models.TextChoices):
    VND = "VND", "VND"
    USD = "USD", "USD"


class Status(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    IMPLEMENTING = "implementing", _("Implementing")
    OPERATING = "operating", _("Operating")
    SUSPENDED = "suspended", _("Suspended")
    PARTLY_TERMINATED = "partly_terminated", _("Partly terminated")
    TERMINATED = "terminated", _("Terminated")


class AreaLevel(models.TextChoices):
    ESPECIALLY_DIFFICULT = "especially_difficult", _("Especially difficult socio-economic conditions")
    DIFFICULT = "difficult", _("Difficult socio-economic conditions")


class SectorIncentive(models.TextChoices):
    NONE = "", _("No investment incentive")
    INCENTIVE = "incentive", _("Sector with investment incentives")
    SPECIAL = "special_incentive", _("Sector with special investment incentives")


class MilestoneKind(models.TextChoices):
    CAPITAL_CONTRIBUTION = "capital_contribution", _("Capital contribution")
    LAND_HANDOVER = "land_handover", _("Land handover")
    CONSTRUCTION_START = "construction_start", _("Construction start")
    CONSTRUCTION_COMPLETION = "construction_completion", _("Construction completion")
    OPERATION_START = "operation_start", _("Start of operation")


#: The order milestones are expected in (a later one may not be planned before an earlier one).
MILESTONE_ORDER = [
    MilestoneKind.LAND_HANDOVER,
    MilestoneKind.CONSTRUCTION_START,
    MilestoneKind.CONSTRUCTION_COMPLETION,
    MilestoneKind.OPERATION_START,
]

#: Milestones a status implies reached even when their dates are not recorded.
IMPLIED_BY_STATUS: dict[str, frozenset[str]] = {
    Status.OPERATING: frozenset(MILESTONE_ORDER),
}

digits = RegexValidator(r"^\d{1,20}$", _("Project codes are digits only."))


class VsicVersion(models.TextChoices):
    V2018 = "2018", "VSIC 2018"
    V2025 = "2025", "VSIC 2025"


class Sector(models.Model):
    """A section or division of VSIC in one edition (2018 kept on older certificates, 2025 for new ones)."""

    version = models.CharField(_("classification"), max_length=4, choices=VsicVersion.choices)
    code = models.CharField(_("code"), max_length=5)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    section = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="divisions", verbose_name=_("section")
    )

    class Meta:
        verbose_name = _("sector (VSIC)")
        verbose_name_plural = _("sectors (VSIC)")
        ordering = ("version", "code")
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_vsic_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name} (VSIC {self.version})"

    @property
    def is_section(self) -> bool:
        return self.section_id is None


class Investor(models.Model):
    """A company or person investing in projects of a zone; linked users may see its projects."""

    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.PROTECT, related_name="investors")
    name = models.CharField(_("name"), max_length=300)
    ownership = models.CharField(_("domestic or foreign"), max_length=10, choices=Ownership.choices)
    country = models.CharField(
        _("country (ISO 3166)"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two-letter ISO 3166 code, e.g. VN or CN."))],
    )
    tax_code = models.CharField(_("tax code or registration number"), max_length=50, blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="investor_profiles", verbose_name=_("user accounts")
    )
    is_demo = models.BooleanField(_("illustrative (demo)"), default=False)
    name_key = models.CharField(max_length=300, editable=False, db_index=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("investor")
        verbose_name_plural = _("investors")
        ordering = ("name",)
        constraints = [models.UniqueConstraint(fields=["zone", "name_key"], name="unique_investor_name")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


class Project(models.Model):
    """An investment project with its registration certificate (IRC) code."""

    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.PROTECT, related_name="projects")
    code = models.CharField(_("project code"), max_length=20, unique=True, validators=[digits])
    name = models.CharField(_("name"), max_length=300)
    ownership = models.CharField(_("domestic or foreign"), max_length=10, choices=Ownership.choices)
    investors = models.ManyToManyField(Investor, through="ProjectInvestor", related_name="projects")
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="projects", verbose_name=_("sector")
    )
    objectives = models.TextField(_("objectives"), blank=True)
    scale = models.TextField(_("scale"), blank=True)
    gate_area = models.ForeignKey(
        "zones.GateArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("gate area"),
    )
    functional_area = models.ForeignKey(
        "zones.FunctionalArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("functional area"),
    )
    commune = models.ForeignKey(
        "zones.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("commune"),
    )
    land_area_ha = models.DecimalField(
        _("land area (ha)"),
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    state_land = models.BooleanField(
        _("on State-allocated or leased land"), default=True, help_text=_("Such projects pay a deposit (ký quỹ).")
    )
    policy_approval = models.BooleanField(_("needed an investment-policy approval"), default=False)
    land_charges_vnd = models.DecimalField(
        _("land levy and rent paid to the State (VND)"),
        max_digits=20,
        decimal_places=0,
        default=Decimal(0),
        db_default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Left out of the capital on which the deposit is counted."),
    )
    sector_incentive = models.CharField(
        _("sector incentive (for the deposit)"),
        max_length=20,
        choices=SectorIncentive.choices,
        blank=True,
        default="",
        db_default="",
    )
    deposit_exempt = models.BooleanField(_("exempt from the deposit"), default=False, db_default=False)
    operating_term_years = models.PositiveSmallIntegerField(_("operating term (years)"), null=True, blank=True)
    published = models.BooleanField(_("published on the portal"), default=False)
    is_demo = models.BooleanField(_("illustrative (demo)"), default=False)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ("code",)
        indexes = [models.Index(fields=["zone", "ownership"], name="project_zone_ownership_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = search_key(f"{self.code} {self.name}")
        super().save(*args, **kwargs)


class ProjectInvestor(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="shares")
    investor = models.ForeignKey(Investor, on_delete=models.PROTECT, related_name="shares")
    share_percent = models.DecimalField(
        _("share (%)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal(0))],
    )

    ZONE_LOOKUP = "project__zone"

    class Meta:
        verbose_name = _("investor's share")
        constraints = [
            models.UniqueConstraint(fields=["project", "investor"], name="unique_project_investor"),
            models.CheckConstraint(
                condition=models.Q(share_percent__gte=0, share_percent__lte=100), name="share_between_0_and_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.investor} {self.share_percent} %"

    @property
    def share_ratio(self) -> Decimal:
        return self.share_percent / 100


class CertificateVersion(models.Model):
    """The first issue of a project's certificate (number 0) or one adjustment, as it was issued."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("adjustment number"), help_text=_("0 for the first issue."))
    issued_on = models.DateField(_("issued on"), db_index=True)
    certificate_no = models.CharField(_("certificate number"), max_length=60, blank=True)
    changes = models.TextField(_("what changed"), blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.VND)
    total_capital = models.DecimalField(
        _("total capital"), max_digits=20, decimal_places=0, validators=[MinValueValidator(Decimal(0))]
    )
    equity = models.DecimalField(
        _("equity"),
        max_digits=20,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    # Empty (with total_capital_vnd) for capital in USD whose rate is not known yet: the amount is kept in
    # USD and shown as "not converted" beside every VND total until a reference rate of its certificate
    # date is entered (`register.services.convert_unconverted`).
    vnd_rate = models.DecimalField(
        _("VND per unit"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(1),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    rate_date = models.DateField(_("rate date"), null=True, blank=True)
    total_capital_vnd = models.DecimalField(
        _("total capital in VND"), max_digits=22, decimal_places=0, null=True, blank=True
    )

    ZONE_LOOKUP = "project__zone"

    class Meta:
        verbose_name = _("certificate version")
        verbose_name_plural = _("certificate versions")
        ordering = ("project", "number")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_certificate_number"),
            models.CheckConstraint(
                condition=models.Q(equity__isnull=True) | models.Q(equity__lte=models.F("total_capital")),
                name="equity_not_above_total",
            ),
        ]
        indexes = [models.Index(fields=["project", "-issued_on", "-number"], name="version_latest_idx")]

    def __str__(self) -> str:
        return f"{self.project.code} #{self.number} ({self.issued_on:%d/%m/%Y})"


class MilestonePlan(models.Model):
    """The date a certificate version plans for one milestone."""

    version = models.ForeignKey(CertificateVersion, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(_("milestone"), max_length=30, choices=MilestoneKind.choices)
    planned_on = models.DateField(_("planned date"))

    ZONE_LOOKUP = "version__project__zone"

    class Meta:
        verbose_name = _("planned milestone")
        constraints = [models.UniqueConstraint(fields=["version", "kind"], name="unique_plan_per_version")]

    def __str__(self) -> str:
        return f"{self.kind} {self.planned_on}"


class MilestoneActual(models.Model):
    """The date a milestone was actually reached."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actuals")
    kind = models.CharField(_("milestone"), max_length=30, choices=MilestoneKind.choices)
    reached_on = models.DateField(_("actual date"))

    ZONE_LOOKUP = "project__zone"

    class Meta:
        verbose_name = _("milestone reached")
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="unique_actual_per_project")]

    def __str__(self) -> str:
        return f"{self.project.code} {self.kind} {self.reached_on}"


class StatusChange(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    effective_on = models.DateField(_("effective date"))
    decision_no = models.CharField(_("decision number"), max_length=100, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    ZONE_LOOKUP = "project__zone"

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ("project", "effective_on", "id")
        indexes = [models.Index(fields=["project", "-effective_on", "-id"], name="status_latest_idx")]

    def __str__(self) -> str:
        return f"{self.project.code} {self.status} {self.effective_on}"


class Disbursement(models.Model):
    """Capital actually put in (realised), on a date."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="disbursements")
    paid_on = models.DateField(_("date"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.VND)
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=0, validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    ZONE_LOOKUP = "project__zone"

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ("project", "paid_on", "id")
        indexes = [models.Index(fields=["project", "paid_on"], name="disbursement_date_idx")]

    def __str__(self) -> str:
        return f"{self.project.code} {self.paid_on} {self.amount} {self.currency}"


class RuleCondition(models.TextChoices):
    EXTENSION_BEYOND_FIRST = (
        "extension_beyond_first",
        _("A milestone in force is more than N months after its first approved date"),
    )
    OVERDUE = "overdue", _("A milestone in force is overdue by more than N months")
    LAND_UNUSED = "land_unused", _("Land handed over N months ago and construction not started")
    LAND_BEHIND = (
        "land_behind",
        _("Land use (construction start or completion) behind its schedule by more than N months"),
    )


#: A rule's name in the reader's language, from its condition and months (the code stays internal).
RULE_NAMES: dict[str, Promise] = {
    RuleCondition.EXTENSION_BEYOND_FIRST: _(
        "Milestone moved more than %(months)s months beyond its first approved date"
    ),
    RuleCondition.OVERDUE: _("Milestone overdue by more than %(months)s months"),
    RuleCondition.LAND_UNUSED: _("Land not used %(months)s months after its handover"),
    RuleCondition.LAND_BEHIND: _("Land use behind its schedule by more than %(months)s months"),
}


def rule_name(condition: str, months: int) -> str:
    """The name of a legal rule as a reader knows it ("Land not used 12 months after its handover")."""
    template = RULE_NAMES.get(condition)
    return str(template) % {"months": months} if template is not None else str(condition)


class LegalRule(models.Model):
    """A rule that flags projects for review, with its legal basis and the period it is in force.

    A project is judged on a day D by the rules in force on D: valid_from <= D < valid_to. A rule may
    narrow itself to projects whose first certificate was issued before or from a day (a transitional
    condition), explained in `transitional_note`.
    """

    code = models.CharField(_("rule code"), max_length=40)
    condition = models.CharField(_("condition"), max_length=30, choices=RuleCondition.choices)
    months = models.PositiveSmallIntegerField(_("months"))
    policy_approved_only = models.BooleanField(_("only projects with an investment-policy approval"), default=False)
    counts_from_handover = models.BooleanField(
        _("schedule counts from a late land handover"),
        default=False,
        help_text=_("Where the State handed the land over after the planned date, the schedule is moved by the delay."),
    )
    law = models.CharField(_("law"), max_length=200)
    article = models.CharField(_("article of the law"), max_length=200, blank=True)
    article_confirmed = models.BooleanField(_("article number confirmed"), default=True)
    source = models.CharField(_("where the citation was checked"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    basis_note = models.CharField(_("note on the legal basis"), max_length=300, blank=True)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(
        _("in force until (first day no longer in force)"),
        null=True,
        blank=True,
        help_text=_("The day the next law took effect; empty while in force."),
    )
    certificates_issued_before = models.DateField(_("only certificates first issued before"), null=True, blank=True)
    certificates_issued_from = models.DateField(_("only certificates first issued from"), null=True, blank=True)
    transitional_note = models.TextField(_("transitional condition"), blank=True)

    class Meta:
        verbose_name = _("legal rule")
        verbose_name_plural = _("legal rules")
        ordering = ("valid_from", "code")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unique_rule_period"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="rule_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.law}, {self.article})"

    @property
    def name(self) -> str:
        return rule_name(self.condition, self.months)

    def in_force_on(self, day: Any) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def condition_text(self) -> str:
        """The rule's condition in the reader's language with its number of months ("... more than 12 months")."""
        return re.sub(r"(?<![A-Za-z])N(?![A-Za-z])", str(self.months), str(self.get_condition_display()))

    def covers_certificate(self, first_issued: Any) -> bool:
        """The transitional condition: whether a project first certified on `first_issued` is within the rule."""
        if self.certificates_issued_before is not None and first_issued >= self.certificates_issued_before:
            return False
        return self.certificates_issued_from is None or first_issued >= self.certificates_issued_from


class AreaClassification(models.Model):
    """A commune's classification for deposit reductions, from a day (lists change, e.g. when districts ended)."""

    commune = models.ForeignKey(
        "zones.Commune", on_delete=models.PROTECT, related_name="area_classifications", verbose_name=_("commune")
    )
    level = models.CharField(_("classification"), max_length=30, choices=AreaLevel.choices)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until (first day no longer in force)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("area classification")
        verbose_name_plural = _("area classifications")
        ordering = ("commune", "valid_from")
        constraints = [models.UniqueConstraint(fields=["commune", "valid_from"], name="unique_area_class_period")]

    def __str__(self) -> str:
        return f"{self.commune} {self.level} {self.valid_from}"


class DepositEventKind(models.TextChoices):
    PAID = "paid", _("Paid")
    REFUNDED = "refunded", _("Refunded")
    FORFEITED = "forfeited", _("Forfeited to the State budget")


class DepositEvent(models.Model):
    """A deposit paid, refunded (in whole or in a step) or forfeited, on a day."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="deposit_events")
    kind = models.CharField(_("what happened"), max_length=10, choices=DepositEventKind.choices)
    happened_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (VND)"), max_digits=20, decimal_places=0, validators=[MinValueValidator(1)])
    note = models.CharField(_("note or decision number"), max_length=300, blank=True)

    ZONE_LOOKUP = "project__zone"

    class Meta:
        verbose_name = _("deposit event")
        verbose_name_plural = _("deposit events")
        ordering = ("project", "happened_on", "id")

    def __str__(self) -> str:
        return f"{self.project.code} {self.kind} {self.happened_on} {self.amount}"


#: The `valid_to` of a project's current state: open-ended, kept as a date so that "as of D" is a plain
#: range condition an index serves (valid_from <= D < valid_to).
OPEN_END = dt.date(9999, 12, 31)


class ProjectState(models.Model):
    """One interval [valid_from, valid_to) of a project's life in which nothing the register reads "as of a
    day" changes: its status, the certificate version in force (capital, planned dates), the first approved
    date of each milestone and the dates milestones were reached. Maintained by the services in the same
    transaction as each change (see `states.py`); `manage.py rebuild_project_states` recomputes it all.

    A project exists on D when one of its states covers D; milestone columns are named after
    `MilestoneKind` values (`plan_<kind>`, `first_<kind>`, `reached_<kind>`).
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="states")
    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.CASCADE, related_name="+")
    gate_area = models.ForeignKey("zones.GateArea", on_delete=models.SET_NULL, null=True, related_name="+")
    ownership = models.CharField(max_length=10, choices=Ownership.choices)
    policy_approval = models.BooleanField(default=False)
    # The project's code and publication copied here, so that a list "as of D" is read in code order from
    # one index on the state rows (zone, code, range) without visiting the projects it does not show.
    code = models.CharField(max_length=20, default="")
    published = models.BooleanField(default=False)
    valid_from = models.DateField()
    valid_to = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices)
    version = models.ForeignKey(CertificateVersion, on_delete=models.CASCADE, related_name="+")
    issued_on = models.DateField()
    currency = models.CharField(max_length=3, choices=Currency.choices)
    total_capital = models.DecimalField(max_digits=20, decimal_places=0)
    total_capital_vnd = models.DecimalField(max_digits=22, decimal_places=0, null=True)  # None: not converted
    plan_capital_contribution = models.DateField(null=True)
    plan_land_handover = models.DateField(null=True)
    plan_construction_start = models.DateField(null=True)
    plan_construction_completion = models.DateField(null=True)
    plan_operation_start = models.DateField(null=True)
    first_capital_contribution = models.DateField(null=True)
    first_land_handover = models.DateField(null=True)
    first_construction_start = models.DateField(null=True)
    first_construction_completion = models.DateField(null=True)
    first_operation_start = models.DateField(null=True)
    reached_capital_contribution = models.DateField(null=True)
    reached_land_handover = models.DateField(null=True)
    reached_construction_start = models.DateField(null=True)
    reached_construction_completion = models.DateField(null=True)
    reached_operation_start = models.DateField(null=True)

    class Meta:
        verbose_name = _("project state")
        ordering = ("project", "valid_from")
        constraints = [
            models.UniqueConstraint(fields=["project", "valid_from"], name="unique_project_state_start"),
            models.CheckConstraint(condition=models.Q(valid_from__lt=models.F("valid_to")), name="state_not_empty"),
        ]
        indexes = [
            models.Index(fields=["zone", "valid_to", "valid_from"], name="state_zone_range_idx"),
            models.Index(fields=["valid_to", "valid_from"], name="state_range_idx"),
            # The lists: a zone's states in code order, with what their count and page filter on (covering).
            models.Index(
                fields=["zone", "code", "valid_to", "valid_from", "status", "published", "id"],
                name="state_zone_code_idx",
            ),
            # The same across zones (an administrator's list of every zone, a staff member's of several).
            models.Index(
                fields=["code", "valid_to", "valid_from", "status", "published", "zone", "id"], name="state_code_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.valid_from}..{self.valid_to} {self.status}"
