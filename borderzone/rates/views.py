"""Staff page of reference rates: administrators read, add, correct and import them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from borderzone.access.actors import request_actor
from borderzone.access.permissions import is_admin, is_staff_member
from borderzone.core.forms import apply_validation_error, form_status
from borderzone.core.tabular import write_csv
from borderzone.rates import selectors, services
from borderzone.rates.forms import RateForm, RateImportForm

MAX_UPLOAD = 5 * 1024 * 1024


@login_required
def rate_export(request: HttpRequest) -> HttpResponse:
    """The rates as a file the import reads back: headers in the reader's language, then the import's column
    codes (a second header row), then one row a rate; with no rate yet, it is the import's template."""
    if not is_staff_member(request.user):
        raise Http404
    headers = [_("Day"), _("Currency"), _("VND per unit"), _("Source")]
    rows = ([r.day.strftime("%d/%m/%Y"), r.currency, str(r.vnd_per_unit), r.source] for r in selectors.rate_list())
    response = HttpResponse(write_csv(headers, rows, codes=services.COLUMNS), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rates.csv"'
    return response


@login_required
def rate_list(request: HttpRequest) -> HttpResponse:
    """Every staff member reads the rates the register converts USD with; administrators change them."""
    if not is_staff_member(request.user):
        raise Http404
    admin = is_admin(request.user)
    form = RateForm(request.POST if request.method == "POST" and "day" in request.POST else None)
    upload = (
        RateImportForm(request.POST or None, request.FILES or None) if "file" in request.FILES else RateImportForm()
    )
    import_errors: list[str] = []
    if request.method == "POST":
        if not admin:
            raise Http404
        if "file" in request.FILES and upload.is_valid():
            data = upload.cleaned_data["file"].read(MAX_UPLOAD + 1)
            if len(data) > MAX_UPLOAD:
                import_errors = [_("The file is larger than 5 MB.")]
            else:
                result = services.rates_import(data=data, actor=request_actor(request))
                import_errors = result.errors
                if not import_errors:
                    messages.success(request, _("%(n)s rates saved.") % {"n": result.saved})
                    return redirect("rates:rate-list")
        elif form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                services.rate_set(
                    currency=data["currency"],
                    day=data["day"],
                    vnd_per_unit=data["vnd_per_unit"],
                    source=data["source"],
                    actor=request_actor(request),
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Rate saved."))
                return redirect("rates:rate-list")
    status = 422 if import_errors else form_status(form)
    return render(
        request,
        "rates/rate_list.html",
        {
            "rates": selectors.rate_list()[:200],
            "form": form,
            "upload": upload,
            "import_errors": import_errors,
            "can_change": admin,
        },
        status=status,
    )
