"""Report forms kept as data (versioned, with their fields and checks), the reports investors file on
them with every version kept, the figures an accepted report puts into the register, requests to link
an investor account, and the thread of answers to an investor's inquiry."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from borderzone.core.i18n import localized
from borderzone.documents.models import private_storage, server_file_name


class Submitter(models.TextChoices):
    INVESTOR = "investor", _("Investor")
    BOARD = "board", _("Management board")


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half", _("Half-year")
    YEAR = "year", _("Year")


class FieldType(models.TextChoices):
    AMOUNT = "amount", _("Amount")
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Number")
    TEXT = "text", _("Text")


class ReportForm(models.Model):
    """One version of a report form, valid for the periods that end between valid_from and valid_to."""

    code = models.CharField(_("form code"), max_length=20, validators=[RegexValidator(r"^[A-Z0-9-]+$")])
    version = models.PositiveSmallIntegerField(_("version"))
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    legal_basis = models.TextField(_("legal basis"))
    # The citation as English and Chinese readers read it ("Decree 29/2021/ND-CP"); the Vietnamese one prevails.
    legal_basis_en = models.TextField(_("legal basis (English)"), blank=True, db_default="")
    legal_basis_zh = models.TextField(_("legal basis (Chinese)"), blank=True, db_default="")
    legal_basis_confirmed = models.BooleanField(
        _("legal basis confirmed"),
        default=False,
        help_text=_("Unticked: the pages say that the legal basis could not be confirmed against the text."),
    )
    submitter = models.CharField(_("submitted by"), max_length=10, choices=Submitter.choices)
    period = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    due_months_after = models.PositiveSmallIntegerField(
        _("due: months after the period ends"), validators=[MaxValueValidator(12)]
    )
    due_day = models.PositiveSmallIntegerField(
        _("due: day of that month"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One a line (board's reports)."))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        ordering = ("submitter", "code", "version")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_report_form_version"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="report_form_valid_span",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def name_in(self, lang: str) -> str:
        if lang.startswith("zh"):
            return self.name_zh or self.name_vi
        if lang.startswith("en"):
            return self.name_en or self.name_vi
        return self.name_vi

    @property
    def display_name(self) -> str:
        """The name in the active language (Vietnamese where no version is given)."""
        return self.name_in(get_language() or "vi")

    @property
    def display_legal_basis(self) -> str:
        return localized(self, "legal_basis")


#: Units of form fields as readers of each language write them.
UNIT_LABELS = {"đồng": _("VND"), "người": _("people")}


class FormField(models.Model):
    """One figure or item a form asks for, with its checks."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="fields")
    key = models.SlugField(_("key"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    type = models.CharField(_("type"), max_length=10, choices=FieldType.choices)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    required = models.BooleanField(_("required"), default=False)
    not_negative = models.BooleanField(_("not negative"), default=True)
    cumulative = models.BooleanField(
        _("cumulative"), default=False, help_text=_("May not be below the same figure of the last accepted report.")
    )
    part_of = models.SlugField(
        _("part of"), max_length=50, blank=True, help_text=_("The key of the figure this one is a part of.")
    )

    class Meta:
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        ordering = ("form", "order", "id")
        constraints = [models.UniqueConstraint(fields=["form", "key"], name="unique_form_field_key")]

    def __str__(self) -> str:
        return f"{self.form} {self.key}"

    def name_in(self, lang: str) -> str:
        if lang.startswith("zh"):
            return self.name_zh or self.name_vi
        if lang.startswith("en"):
            return self.name_en or self.name_vi
        return self.name_vi

    @property
    def display_name(self) -> str:
        """The name in the active language (Vietnamese where no version is given)."""
        return self.name_in(get_language() or "vi")

    @property
    def unit_label(self) -> str:
        """The unit in the active language (the forms keep it as Vietnamese writes it: đồng, người)."""
        return str(UNIT_LABELS.get(self.unit, self.unit))


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class Channel(models.TextChoices):
    ONLINE = "online", _("Filed online in BorderZone")
    PAPER = "paper", _("Received on paper")
    NATIONAL = "national", _("Received through the national investment information system")


#: The statuses of a report that still stands for its period (a returned one gives way to its correction).
LIVE_STATUSES = (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class Report(models.Model):
    """One version of a project's report for one period; a correction of a returned report is a new row."""

    project = models.ForeignKey("investments.Project", on_delete=models.PROTECT, related_name="filed_reports")
    investor = models.ForeignKey(
        "investments.Investor", on_delete=models.PROTECT, null=True, blank=True, related_name="filed_reports"
    )
    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="reports")
    form_code = models.CharField(max_length=20, editable=False)
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    revision = models.PositiveSmallIntegerField(_("version"), default=1)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correction", verbose_name=_("corrects")
    )
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    channel = models.CharField(_("received"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    values = models.JSONField(_("figures"), default=dict)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)

    ZONE_LOOKUP = "project__zone"

    class Meta:
        verbose_name = _("investor's report")
        verbose_name_plural = _("investors' reports")
        ordering = ("project", "form_code", "period_end", "revision")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "form_code", "period"],
                condition=models.Q(status__in=["draft", "submitted", "accepted"]),
                name="one_live_report_per_period",
            ),
            models.UniqueConstraint(
                fields=["project", "form_code", "period", "revision"], name="unique_report_revision"
            ),
        ]
        indexes = [models.Index(fields=["form_code", "period_end"], name="report_form_period_idx")]

    def __str__(self) -> str:
        return f"{self.project.code} {self.form_code} {self.period} v{self.revision}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.form_code = self.form.code
        super().save(*args, **kwargs)


class Attachment(models.Model):
    """A file attached to a report, checked by its content on upload."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=server_file_name, storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    ZONE_LOOKUP = "report__project__zone"
    STORAGE_DIR = "reporting"

    class Meta:
        verbose_name = _("attachment")

    def __str__(self) -> str:
        return self.original_name


class Metric(models.TextChoices):
    DISBURSED = "disbursed", _("Capital disbursed in the period")
    REVENUE = "revenue", _("Revenue")
    EXPORTS = "exports", _("Exports")
    IMPORTS = "imports", _("Imports")
    BUDGET_PAID = "budget_paid", _("Taxes and other amounts paid to the budget")
    EMPLOYEES = "employees", _("Employees")


class ReportedFigure(models.Model):
    """A figure an accepted report put into the register, dated at its period's end, naming its report."""

    project = models.ForeignKey("investments.Project", on_delete=models.CASCADE, related_name="reported_figures")
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="figures")
    metric = models.CharField(_("figure"), max_length=20, choices=Metric.choices)
    period_start = models.DateField()
    period_end = models.DateField(_("as of"))
    value = models.DecimalField(_("value"), max_digits=22, decimal_places=2)
    disbursement = models.OneToOneField(
        "investments.Disbursement", on_delete=models.SET_NULL, null=True, blank=True, related_name="reported_by"
    )

    ZONE_LOOKUP = "project__zone"

    class Meta:
        verbose_name = _("reported figure")
        ordering = ("project", "period_end", "metric")
        indexes = [models.Index(fields=["metric", "period_end"], name="reported_metric_day_idx")]

    def __str__(self) -> str:
        return f"{self.project_id} {self.metric} {self.period_end} {self.value}"


class LinkStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the board")
    CONFIRMED = "confirmed", _("Confirmed")
    REFUSED = "refused", _("Refused")


class LinkRequest(models.Model):
    """An investor account asking to see a project's reports, by project code and tax code."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="link_requests")
    project = models.ForeignKey("investments.Project", on_delete=models.CASCADE, related_name="link_requests")
    investor = models.ForeignKey("investments.Investor", on_delete=models.CASCADE, related_name="link_requests")
    status = models.CharField(max_length=10, choices=LinkStatus.choices, default=LinkStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    ZONE_LOOKUP = "project__zone"

    class Meta:
        verbose_name = _("request to link an account")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["user", "investor"], condition=models.Q(status="pending"), name="one_pending_link_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.investor}"


class InquiryMessage(models.Model):
    """One message of the thread on an investor's inquiry: the board's answer or the investor's reply."""

    inquiry = models.ForeignKey("investing.Inquiry", on_delete=models.CASCADE, related_name="thread")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_board = models.BooleanField(default=True)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    ZONE_LOOKUP = "inquiry__zone"

    class Meta:
        verbose_name = _("message on an inquiry")
        ordering = ("inquiry", "created_at", "id")

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.created_at:%Y-%m-%d}"
