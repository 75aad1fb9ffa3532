"""Public pages on investing in the zone (incentives, calls for investment, the inquiry form) and the
staff pages that keep them, with the inquiries inbox."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from borderzone.access.actors import request_actor
from borderzone.access.pages import form_page
from borderzone.access.permissions import (
    can_change_zone,
    ensure_can_change,
    get_changeable_or_404,
    get_visible_or_404,
    is_admin,
    is_staff_member,
    zones_editable_by,
)
from borderzone.core.cache import cached
from borderzone.core.forms import apply_validation_error, form_status, initial_from
from borderzone.promotion import selectors, services
from borderzone.promotion.forms import (
    CallForm,
    IncentiveFilterForm,
    IncentiveForm,
    InquiryForm,
    InquiryStatusForm,
    SectorForm,
)
from borderzone.promotion.models import Incentive, Inquiry, InquiryStatus, InvestmentCall
from borderzone.zones.models import EconomicZone
from borderzone.zones.reference import DATA_DIR
from borderzone.zones.selectors import zone_default


def _default_zone() -> EconomicZone | None:
    return zone_default(
        EconomicZone.objects.only("code", "name", "name_en", "name_zh", "board_name", "board_name_en", "is_demo")
    )


def home(request: HttpRequest) -> HttpResponse:
    """Incentives by sector and area, and the projects open for investment; cached for visitors
    until incentives, calls or the documents they cite change (or the day changes a document's status)."""

    def render_body() -> str:
        form = IncentiveFilterForm(request.GET or None)
        sector = area = None
        if form.is_valid():
            sector = form.cleaned_data.get("sector")
            area = form.cleaned_data.get("area") or ""
        user = request.user if is_staff_member(request.user) else AnonymousUser()
        context = {
            "form": form,
            "incentives": selectors.incentive_list(user, sector=sector, area_scope=area or ""),
            "calls": selectors.call_list(user, open_only=True),
            "sector": sector,
        }
        return render_to_string("investing/_home_body.html", context)

    if is_staff_member(request.user):
        body = render_body()
    else:
        key = f"home:{translation.get_language()}:{timezone.localdate()}:{sorted(request.GET.items())}"
        body = cached((services.INVESTING_SCOPE, "documents"), key, render_body)
    return render(request, "investing/home.html", {"body": body, "zone": _default_zone()})


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(selectors.call_list(request.user), pk=pk)
    return render(
        request,
        "investing/call_detail.html",
        {
            "call": call,
            "incentives": selectors.incentives_for_call(request.user, call),
            "zone": call.zone,
            "can_change": request.user.is_authenticated and can_change_zone(request.user, call.zone),
        },
    )


@cache_control(public=True, max_age=86400)
def province_outline(request: HttpRequest) -> HttpResponse:
    """The province outline the maps draw instead of tiles (from zones/data, never from the internet)."""
    return HttpResponse((DATA_DIR / "cao_bang_province_2025.geojson").read_bytes(), content_type="application/geo+json")


def inquiry(request: HttpRequest) -> HttpResponse:
    """The investors' question form: captcha, and a few questions an hour from one address."""
    zone = _default_zone()
    if zone is None:
        raise Http404
    calls = selectors.call_list(request.user).filter(is_published=True, zone=zone)
    initial = {"call": request.GET.get("call")} if request.GET.get("call", "").isdigit() else {}
    form = InquiryForm(request.POST or None, calls=calls, initial=initial)
    rate_limited = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("captcha", None)
        try:
            services.inquiry_submit(
                zone=zone, actor=request_actor(request), language=translation.get_language() or "", **data
            )
        except ValidationError as exc:
            rate_limited = getattr(exc, "code", None) == "rate_limited"
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Thank you. Your question has reached the board; staff will answer by e-mail."))
            return redirect("investing:inquiry-sent")
    status = 429 if rate_limited else form_status(form)
    return render(request, "investing/inquiry.html", {"form": form, "zone": zone}, status=status)


def inquiry_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "investing/inquiry_sent.html", {"zone": _default_zone()})


# --- Staff ------------------------------------------------------------------------------------------


def _staff_only(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise Http404


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    from borderzone.access.permissions import zones_visible_to

    visible = zones_visible_to(request.user)
    return render(
        request,
        "investing/staff_home.html",
        {
            "incentives": selectors.incentive_list(request.user).filter(zone__in=visible),
            "calls": selectors.call_list(request.user).filter(zone__in=visible),
            "new_inquiries": selectors.inquiry_inbox(request.user, InquiryStatus.NEW).count(),
            "can_add": zones_editable_by(request.user).exists(),
            "is_admin": is_admin(request.user),
        },
    )


@login_required
def staff_inbox(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    status = request.GET.get("status", "")
    if status not in InquiryStatus.values:
        status = ""
    return render(
        request,
        "investing/staff_inbox.html",
        {
            "inquiries": selectors.inquiry_inbox(request.user, status),
            "status": status,
            "statuses": InquiryStatus.choices,
        },
    )


@login_required
def staff_inquiry(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(request.user, Inquiry.objects.select_related("zone", "call", "sector"), pk=pk)
    if request.method == "POST":
        ensure_can_change(request.user, item)
    return form_page(
        request,
        partial(InquiryStatusForm, initial={"status": item.status, "staff_note": item.staff_note}),
        partial(services.inquiry_set_status, inquiry=item),
        template="investing/staff_inquiry.html",
        done=_("Inquiry updated."),
        back=reverse("investing:staff-inquiry", args=[item.pk]),
        context={"inquiry": item, "can_change": can_change_zone(request.user, item.zone)},
    )


def _zone_form(
    request: HttpRequest,
    form: Any,
    create: Callable[..., Any],
    update: Callable[..., Any] | None,
    title: str,
    done: str,
    next_url: Callable[[Any], str],
) -> HttpResponse:
    """A staff form whose zone is one of its fields: `create(zone=..., actor=..., **the other fields)`, or
    `update(actor=..., **the other fields)` of an existing object (its zone field only shows the zone)."""
    save = create if update is None else (lambda zone, **data: update(**data))
    return _form(request, form, save, done=done, next_url=next_url, title=title)


def _form(request: HttpRequest, form: Any, save: Callable[..., Any], *, title: str, **options: Any) -> HttpResponse:
    """The page of a staff form of this app (Cancel leads to the staff home)."""
    context = {"title": title, "back": "investing:staff-home"}
    return form_page(request, form, save, template="investing/staff_form.html", context=context, **options)


@login_required
def staff_incentive_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    incentive = None
    zones = zones_editable_by(request.user)
    initial: dict[str, Any] = {}
    if pk is not None:
        incentive = get_changeable_or_404(request.user, Incentive.objects.select_related("zone"), pk=pk)
        zones = zones.filter(pk=incentive.zone_id)
        initial = initial_from(incentive, services.INCENTIVE_FIELDS)
        initial.update({f: list(getattr(incentive, f).all()) for f in services.INCENTIVE_M2M}, zone=incentive.zone)
    elif not zones.exists():
        raise Http404
    form = partial(IncentiveForm, zones=zones, initial=initial)
    update = partial(services.incentive_update, incentive=incentive) if incentive else None
    title = _("Edit incentive") if incentive else _("New incentive")
    done = _("Incentive saved.")
    return _zone_form(
        request, form, services.incentive_create, update, title, done, lambda _: reverse("investing:staff-home")
    )


@login_required
def staff_call_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    call = None
    zones = zones_editable_by(request.user)
    initial: dict[str, Any] = {}
    if pk is not None:
        call = get_changeable_or_404(request.user, InvestmentCall.objects.select_related("zone"), pk=pk)
        zones = zones.filter(pk=call.zone_id)
        initial = initial_from(call, services.CALL_FIELDS)
        initial.update(sectors=list(call.sectors.all()), zone=call.zone)
    elif not zones.exists():
        raise Http404
    form = partial(CallForm, zones=zones, initial=initial)
    update = partial(services.call_update, call=call) if call else None
    title = _("Edit call for investment") if call else _("New call for investment")
    done = _("Call for investment saved.")
    return _zone_form(
        request,
        form,
        services.call_create,
        update,
        title,
        done,
        lambda saved: reverse("investing:call", kwargs={"pk": saved.pk}),
    )


@login_required
def staff_sector_create(request: HttpRequest) -> HttpResponse:
    # Sectors are national reference data shared by every zone: administrators keep them.
    if not is_admin(request.user):
        raise Http404
    home = reverse("investing:staff-home")
    return _form(request, SectorForm, services.sector_create, done=_("Sector added."), back=home, title=_("New sector"))
