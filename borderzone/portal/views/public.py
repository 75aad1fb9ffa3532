"""Public news pages (cached for anonymous visitors), the reader's rating, comments and reports, images."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from borderzone.access.actors import Actor, client_ip
from borderzone.access.permissions import can_view_zone, is_staff_member
from borderzone.core import pagecache
from borderzone.core.cache import cached, current_version, versions
from borderzone.core.forms import apply_validation_error
from borderzone.portal import selectors, services
from borderzone.portal.content import address_hash, reporter_key, visitor_hash
from borderzone.portal.forms import CommentFlagForm, CommentForm, RatingForm
from borderzone.portal.models import Article, ArticleImage, Category, Comment

PER_PAGE = 10


def public_actor(request: HttpRequest) -> Actor:
    """A reader acting on the portal: no user and no address in the audit trail (the rows keep hashes)."""
    if request.user.is_authenticated:
        return Actor(user=request.user, via="web", ip_address=client_ip(request))
    return Actor(user=None, via="web:reader", ip_address=None)


def _uses_cache(request: HttpRequest) -> bool:
    return not request.user.is_authenticated


def _lang() -> str:
    return translation.get_language() or "vi"


def article_list(request: HttpRequest, category_slug: str = "") -> HttpResponse:
    category = get_object_or_404(Category, slug=category_slug) if category_slug else None
    page_number = request.GET.get("page", "1")

    def compute() -> str:
        paginator = Paginator(selectors.articles_published(category=category), PER_PAGE)
        try:
            page = paginator.page(page_number)
        except (EmptyPage, PageNotAnInteger):
            raise Http404 from None
        return render_to_string(
            "portal/_article_list.html",
            {"page": page, "category": category, "categories": list(selectors.categories())},
            request=None,
        )

    if _uses_cache(request):
        key = f"list:{_lang()}:{category_slug}:{page_number}:{selectors.schedule_epoch()}"
        html = cached((services.ARTICLES_SCOPE,), key, compute)
    else:
        html = compute()
    return render(
        request,
        "portal/article_list.html",
        {"listing": mark_safe(html), "category": category},  # noqa: S308 - rendered by our template  # nosec B308 B703
    )


def _article_or_404(request: HttpRequest, slug: str) -> Article:
    article = selectors.article_for_reader(request.user, slug)
    if article is None:
        raise Http404
    return article


def _article_fragments(request: HttpRequest, article: Article) -> tuple[str, str, selectors.RatingSummary]:
    """The parts every reader sees alike: the article with its related articles, its published comments
    and its rating summary (one cache look-up for the three)."""

    def compute() -> tuple[str, str, selectors.RatingSummary]:
        body = render_to_string(
            "portal/_article_body.html",
            {"article": article, "related": selectors.related_published(article)},
            request=None,
        )
        comments = render_to_string(
            "portal/_comments.html", {"comments": list(selectors.comments_shown(article))}, request=None
        )
        return body, comments, selectors.rating_summary(article)

    if _uses_cache(request) and article.is_published():
        scopes = (services.ARTICLES_SCOPE, services.article_scope(article.pk))
        return cached(scopes, f"article:{_lang()}:{article.pk}:{selectors.schedule_epoch()}", compute)
    return compute()


def _rating_context(article: Article, summary: selectors.RatingSummary) -> dict[str, Any]:
    if not article.category.ratings_enabled:
        return {"ratings_enabled": False}
    # The reader's own stars are a live fragment (portal/live.py): the rest of the page is the same for all.
    return {"ratings_enabled": True, "summary": summary, "stars_range": range(1, 6)}


def _detail_html(request: HttpRequest, article: Article, extra: dict[str, Any]) -> str:
    body, comments, summary = _article_fragments(request, article)
    context = {
        "article": article,
        "fragment": mark_safe(body),  # noqa: S308 - rendered by our templates, content sanitised  # nosec B308 B703
        "comments_html": mark_safe(comments),  # noqa: S308 - rendered by our templates, comments escaped  # nosec B308 B703
        "can_edit": is_staff_member(request.user) and can_view_zone(request.user, article.zone),
        "cover": next(iter(article.images.all()), None),
        "published": article.is_published(),
        **_rating_context(article, summary),
        **extra,
    }
    return render_to_string("portal/article_detail.html", context, request=request)


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An article. A visitor's page is one shell per article and language (core.pagecache), kept until the
    article, its comments or ratings change or a scheduled article is published or expires; the counter and
    the reader's own rating are filled in per request."""
    if not pagecache.serves_shell(request):
        return HttpResponse(_detail_html(request, _article_or_404(request, slug), {}))
    # One statement: the articles' version, the article's id and own version, the reader's stars and the
    # schedule's marks.
    scopes = (services.ARTICLES_SCOPE,)
    marks = selectors.article_page_marks(slug, visitor_hash(request))
    version, found = versions(*scopes, also=marks, unkeyed=("stars",))
    if not found["pk"]:
        raise Http404
    if found["own"] is None:  # the article's own version row does not exist yet: made once, then read
        current_version(services.article_scope(found["pk"]))
        version, found = versions(*scopes, also=marks, unkeyed=("stars",))

    def render(extra: dict[str, Any]) -> str:
        return _detail_html(request, _article_or_404(request, slug), extra)

    html = pagecache.page_shell(request, scopes, f"article:{found['pk']}", render, version=version)
    return HttpResponse(pagecache.fill(request, html, known={"portal.rating": {"stars": found["stars"]}}))


@require_POST
def article_rate(request: HttpRequest, slug: str) -> HttpResponse:
    article = _article_or_404(request, slug)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose from 1 to 5 stars."))
    else:
        try:
            services.rating_set(
                article=article,
                visitor=visitor_hash(request),
                stars=form.cleaned_data["stars"],
                actor=public_actor(request),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you: your rating is recorded."))
    return redirect(article.get_absolute_url() + "#rating")


@require_http_methods(["GET", "POST"])
def article_comment(request: HttpRequest, slug: str) -> HttpResponse:
    """The comment form (a fragment for htmx, a page without script) and its submission.

    The form, with its captcha, is drawn only for readers who ask to comment, not on every article view.
    """
    article = _article_or_404(request, slug)
    if not (article.is_published() and article.category.comments_enabled):
        raise Http404
    form = CommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_post(
                article=article,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                body=form.cleaned_data["body"],
                address=address_hash(client_ip(request)),
                actor=public_actor(request),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Thank you. Your comment will appear once a moderator has approved it."))
            return redirect(article.get_absolute_url() + "#comments")
    # The form renders a new captcha (the one just answered is used up) and keeps what was typed.
    context = {"article": article, "comment_form": form}
    status = 422 if form.is_bound else 200
    if request.headers.get("HX-Request") and not form.is_bound:
        response = render(request, "portal/_comment_form.html", context)
    else:
        response = render(request, "portal/comment_page.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "POST"])
def comment_flag(request: HttpRequest) -> HttpResponse:
    """The report page of a published comment (works without script): a signed-in reader confirms,
    anyone else answers the captcha; one report per user, or per address for readers not signed in."""
    raw = request.POST.get("comment") if request.method == "POST" else request.GET.get("comment")
    try:
        comment_id = int(raw or "")
    except ValueError:
        raise Http404 from None
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
    if not comment.article.is_published():
        raise Http404
    signed_in = request.user.is_authenticated
    bound = request.method == "POST"
    form = CommentFlagForm(request.POST if bound else None, initial={"comment": comment.pk}, signed_in=signed_in)
    if bound and form.is_valid():
        try:
            services.comment_flag(comment=comment, reporter=reporter_key(request), actor=public_actor(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you: the moderators will look at this comment."))
        return redirect(comment.article.get_absolute_url() + "#comments")
    if bound and "captcha" in form.errors:
        form.add_error(None, _("Type the letters in the picture, or sign in, to report a comment."))
    context = {
        "article": comment.article,
        "comment": comment,
        "flag_form": form,
        "signed_in": signed_in,
        "flags_to_hide": services.FLAGS_TO_HIDE,
    }
    return render(request, "portal/comment_flag.html", context, status=422 if bound else 200)


def article_image(request: HttpRequest, pk: int, variant: str) -> FileResponse:
    """An article's image, only while the article is visible to the caller; never a directory listing."""
    image = get_object_or_404(ArticleImage.objects.select_related("article", "article__zone"), pk=pk)
    article = image.article
    public = article.is_published()
    if not public and not (is_staff_member(request.user) and can_view_zone(request.user, article.zone)):
        raise Http404
    path = image.thumbnail if variant == "thumb" else image.file
    try:
        handle = default_storage.open(path, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=image.content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
