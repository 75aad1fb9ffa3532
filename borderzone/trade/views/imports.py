"""The staff upload of trade statistics: check the file and show what would change, then import it."""

from __future__ import annotations

import base64
import binascii

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borderzone.access.actors import request_actor
from borderzone.access.importing import BACKGROUND_ROWS, import_job_create, no_progress
from borderzone.access.permissions import ensure_can_change
from borderzone.core.tabular import Sheet, TableError, read_table, write_csv, write_xlsx
from borderzone.trade.forms import ImportForm
from borderzone.trade.importing import TEMPLATE_HEADERS, TEMPLATE_ROWS, import_trade_statistics
from borderzone.zones.models import EconomicZone
from borderzone.zones.selectors import zone_asked

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _zone(request: HttpRequest) -> EconomicZone:
    code = request.GET.get("zone") or request.POST.get("zone")
    zone = zone_asked(EconomicZone.objects.all(), code)
    if zone is None:
        raise Http404
    ensure_can_change(request.user, zone)
    return zone


@login_required
@require_http_methods(["GET", "POST"])
def trade_import(request: HttpRequest) -> HttpResponse:
    """Upload → check (dry run) and preview; confirm → import. Large files go to a background job."""
    zone = _zone(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"zone": zone, "form": form, "max_rows": BACKGROUND_ROWS}
    status = 200
    if request.method == "POST":
        confirm = request.POST.get("confirm") == "1"
        data: bytes | None = None
        filename = request.POST.get("filename", "")[:255]
        source = request.POST.get("source", "")[:300]
        if confirm:
            try:
                data = base64.b64decode(request.POST.get("data", ""), validate=True)
            except (binascii.Error, ValueError):
                data = None
            if not data:
                form.add_error(None, _("The checked file was lost; upload it again."))
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_UPLOAD_BYTES:
                form.add_error("file", _("The file is larger than 20 MB."))
            else:
                data = upload.read()
                filename = upload.name[:255]
                source = form.cleaned_data["source"]
        if data is not None:
            try:
                rows = len(read_table(data))
            except TableError as exc:
                rows = 0
                form.add_error("file" if "file" in form.fields else None, exc.messages)
            if rows > BACKGROUND_ROWS:
                job = import_job_create(
                    kind="trade",
                    data=data,
                    filename=filename,
                    actor=request_actor(request),
                    zone=zone,
                    dry_run=not confirm,
                    options={"filename": filename, "source": source},
                )
                return redirect("core:import-job", pk=job.pk)
            if rows:
                report = import_trade_statistics(
                    data=data,
                    actor=request_actor(request),
                    zone=zone,
                    dry_run=not confirm,
                    progress=no_progress,
                    options={"filename": filename, "source": source},
                )
                if report.ok and confirm:
                    messages.success(
                        request,
                        _("%(rows)d rows imported: %(created)d created, %(updated)d revised, %(unchanged)d unchanged.")
                        % {
                            "rows": report.rows,
                            "created": report.created,
                            "updated": report.updated,
                            "unchanged": report.unchanged,
                        },
                    )
                    return redirect("trade:staff")
                context.update(
                    report=report,
                    filename=filename,
                    source=source,
                    data_b64=base64.b64encode(data).decode() if report.ok else "",
                )
                if not report.ok:
                    status = 422
        if form.errors:
            status = 422
    return render(request, "trade/import.html", context, status=status)


def trade_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """A file to fill in, with the columns the import reads and two example rows."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "xlsx":
        body = write_xlsx([Sheet("trade", TEMPLATE_HEADERS, TEMPLATE_ROWS)])
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = write_csv(TEMPLATE_HEADERS, TEMPLATE_ROWS)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="trade-statistics-template.{fmt}"'
    return response
