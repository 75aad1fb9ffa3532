"""The parts of public pages that differ per reader (core.pagecache): the visitor counter, read afresh
on every page so a visitor sees their own visit counted at once, and the reader's own rating of an article."""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from borderzone.portal.content import visitor_hash
from borderzone.portal.models import Rating


def counter(request: HttpRequest) -> str:
    from borderzone.portal.selectors import visitor_counts

    return render_to_string("portal/_counter.html", {"counter": visitor_counts()})


_UNREAD = object()


def rating_form(request: HttpRequest, article_pk: str, slug: str, stars: object = _UNREAD) -> str:
    """The rating form with the stars this reader gave (a reader is a salted hash of address and browser);
    `stars` when the article page read them with its key (selectors.article_page_marks)."""
    mine = stars
    if mine is _UNREAD:
        mine = (
            Rating.objects.filter(article_id=int(article_pk), visitor=visitor_hash(request))
            .values_list("stars", flat=True)
            .first()
        )
    # Only the token from the request: the context processors' whole page context is not needed here.
    context = {"slug": slug, "my_stars": mine, "stars_range": range(1, 6), "csrf_token": get_token(request)}
    return render_to_string("portal/_rating_form.html", context)


FRAGMENTS = {"portal.counter": counter, "portal.rating": rating_form}
