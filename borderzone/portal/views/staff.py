"""Staff pages of the portal: writing, submitting, approving and scheduling articles, their images,
categories, comment moderation and the visitor counts with their monthly export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderzone.access.actors import request_actor
from borderzone.access.audit import history_for
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
from borderzone.core.forms import apply_validation_error, initial_from
from borderzone.portal import selectors, services
from borderzone.portal.forms import ArticleForm, CategoryForm, ImageForm, ScheduleForm
from borderzone.portal.models import Article, ArticleImage, ArticleStatus, Category, Comment


def _staff_only(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise Http404


@login_required
def article_index(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    status = request.GET.get("status", "")
    if status not in {"", *ArticleStatus.values}:
        status = ""
    articles = selectors.articles_for_staff(request.user, status=status)
    return render(
        request,
        "portal/staff/article_index.html",
        {
            "articles": articles,
            "status": status,
            "statuses": ArticleStatus.choices,
            "waiting_comments": selectors.comments_waiting_count(request.user),
            "waiting_approval": selectors.articles_waiting_approval(request.user).count(),
            "can_write": zones_editable_by(request.user).exists(),
            "now": timezone.now(),
        },
    )


def _article_form(request: HttpRequest, form: Any, save: Any, title: str, done: str, **context: Any) -> HttpResponse:
    return form_page(
        request,
        form,
        save,
        template="portal/staff/article_form.html",
        done=done,
        next_url=lambda article: reverse("portal:staff-article", kwargs={"pk": article.pk}),
        context={"title": title, **context},
        edits=context.get("article"),
    )


@login_required
def article_create(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    zones = zones_editable_by(request.user)
    if not zones.exists():
        raise PermissionDenied
    form = partial(ArticleForm, zones=zones, initial={"zone": zones.first()})
    return _article_form(request, form, services.article_create, _("New article"), _("Draft saved."))


def _staff_article(request: HttpRequest, pk: int) -> Article:
    _staff_only(request)
    return get_visible_or_404(
        request.user, Article.objects.select_related("zone", "category", "created_by", "approved_by"), pk=pk
    )


@login_required
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = _staff_article(request, pk)
    ensure_can_change(request.user, article)
    initial = initial_from(article, services.CONTENT_FIELDS)
    initial["related"] = list(article.related.all())
    form = partial(ArticleForm, zones=zones_editable_by(request.user), instance=article, initial=initial)
    save = partial(services.article_update, article=article)
    return _article_form(request, form, save, _("Edit article"), _("Article saved."), article=article)


@login_required
def article_manage(request: HttpRequest, pk: int) -> HttpResponse:
    article = _staff_article(request, pk)
    return _manage_page(request, article)


def _manage_page(
    request: HttpRequest,
    article: Article,
    schedule_form: ScheduleForm | None = None,
    image_form: ImageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_change = can_change_zone(request.user, article.zone)
    is_author = request.user.pk == article.created_by_id
    return render(
        request,
        "portal/staff/article_manage.html",
        {
            "article": article,
            "images": list(article.images.all()),
            "related": list(article.related.all()),
            "can_change": can_change,
            "can_approve": can_change and not is_author and article.status == ArticleStatus.SUBMITTED,
            "is_author": is_author,
            "published": article.is_published(),
            "schedule_form": schedule_form
            or ScheduleForm(
                initial={
                    "publish_at": article.publish_at and timezone.localtime(article.publish_at),
                    "expire_at": article.expire_at and timezone.localtime(article.expire_at),
                }
            ),
            "image_form": image_form or ImageForm(),
            "events": history_for(article)[:20],
        },
        status=status,
    )


def _workflow(request: HttpRequest, pk: int) -> Article:
    article = _staff_article(request, pk)
    ensure_can_change(request.user, article)
    return article


def _step(request: HttpRequest, pk: int, step: Callable[..., Any], done: str, **values: Any) -> HttpResponse:
    """A workflow step on an article (a POST): the service's refusal as an error message, else `done`."""
    article = _workflow(request, pk)
    try:
        step(article=article, actor=request_actor(request), **values)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("portal:staff-article", pk=article.pk)


@login_required
@require_POST
def article_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, services.article_submit, _("Submitted: another editor must now approve the article."))


@login_required
@require_POST
def article_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, services.article_approve, _("Approved."))


@login_required
@require_POST
def article_return(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("The article is a draft again and is not shown to readers.")
    return _step(request, pk, services.article_return, done, note=request.POST.get("note", ""))


@login_required
@require_POST
def article_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    article = _workflow(request, pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.article_schedule(
                article=article,
                actor=request_actor(request),
                publish_at=form.cleaned_data["publish_at"],
                expire_at=form.cleaned_data["expire_at"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Schedule saved."))
            return redirect("portal:staff-article", pk=article.pk)
    return _manage_page(request, article, schedule_form=form, status=422)


@login_required
@require_POST
def image_upload(request: HttpRequest, pk: int) -> HttpResponse:
    article = _workflow(request, pk)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            services.image_add(
                article=article,
                data=upload.read(),
                alt=form.cleaned_data["alt"],
                alt_en=form.cleaned_data["alt_en"],
                alt_zh=form.cleaned_data["alt_zh"],
                caption=form.cleaned_data["caption"],
                actor=request_actor(request),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Image added."))
            return redirect("portal:staff-article", pk=article.pk)
    return _manage_page(request, article, image_form=form, status=422)


@login_required
@require_POST
def image_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    image = get_changeable_or_404(request.user, ArticleImage.objects.select_related("article__zone"), pk=pk)
    services.image_delete(image=image, actor=request_actor(request))
    messages.success(request, _("Image removed."))
    return redirect("portal:staff-article", pk=image.article_id)


# Comments -------------------------------------------------------------------------------------------


@login_required
def comment_queue(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    waiting = list(selectors.comments_waiting(request.user))
    return render(
        request,
        "portal/staff/comment_queue.html",
        {"comments": waiting, "waiting_count": len(waiting)},
    )


@login_required
@require_POST
def comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    comment = get_changeable_or_404(request.user, Comment.objects.select_related("article__zone"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    services.comment_moderate(comment=comment, approve=approve, actor=request_actor(request))
    messages.success(request, _("Comment published.") if approve else _("Comment rejected."))
    return redirect("portal:staff-comments")


# Categories -----------------------------------------------------------------------------------------


@login_required
def category_index(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    if request.method == "POST" and not is_admin(request.user):
        raise PermissionDenied
    return form_page(
        request,
        CategoryForm,
        services.category_create,
        template="portal/staff/category_index.html",
        done=_("Category added."),
        back=reverse("portal:staff-categories"),
        context={"categories": selectors.categories(), "can_change": is_admin(request.user)},
    )


@login_required
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    if not is_admin(request.user):
        raise PermissionDenied
    category = get_object_or_404(Category, pk=pk)
    initial = initial_from(category, CategoryForm.base_fields)
    return form_page(
        request,
        partial(CategoryForm, initial=initial),
        partial(services.category_update, category=category),
        template="portal/staff/category_form.html",
        done=_("Category saved."),
        back=reverse("portal:staff-categories"),
        context={"category": category},
    )


# Visitors -------------------------------------------------------------------------------------------


def _month(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    raw = request.GET.get("month", "")
    try:
        parsed = dt.datetime.strptime(raw, "%Y-%m").date() if raw else today  # noqa: DTZ007 - a month, no time
    except ValueError:
        parsed = today
    return parsed.year, parsed.month


@login_required
def visitor_report(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    year, month = _month(request)
    rows = selectors.visits_of_month(year, month)
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "portal/staff/visitors.html",
        {
            "rows": rows,
            "totals": selectors.month_totals(rows),
            "month": first,
            "month_param": f"{year:04d}-{month:02d}",
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}" if following <= timezone.localdate() else "",
            "counter": selectors.visitor_counts(),
        },
    )


EXPORT_COLUMNS = ("date", "visitors", "visits", "page_views", "bot_visits", "bot_page_views")


@login_required
def visitor_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _staff_only(request)
    year, month = _month(request)
    rows = selectors.visits_of_month(year, month)
    headers = [
        _("Date"),
        _("Visitors"),
        _("Visits"),
        _("Page views"),
        _("Bot visits"),
        _("Bot page views"),
    ]
    name = f"visits-{year:04d}-{month:02d}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.date.isoformat(), *(getattr(row, c) for c in EXPORT_COLUMNS[1:])])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None  # noqa: S101 - a new workbook always has a sheet
        sheet.title = f"{year:04d}-{month:02d}"
        sheet.append(headers)
        for row in rows:
            sheet.append([row.date, *(getattr(row, c) for c in EXPORT_COLUMNS[1:])])
            sheet.cell(row=sheet.max_row, column=1).number_format = "DD/MM/YYYY"
        totals = selectors.month_totals(rows)
        sheet.append([_("Total"), *(totals[c] for c in EXPORT_COLUMNS[1:])])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404
