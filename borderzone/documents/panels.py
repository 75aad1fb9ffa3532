"""What documents add to other apps' pages (core.registry.panels): the documents recently issued, on
the public home page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from borderzone.core.cache import cached
from borderzone.core.registry import Panel
from borderzone.documents.models import LegalDocument
from borderzone.documents.services import DOCUMENTS_SCOPE
from borderzone.zones.models import EconomicZone

HOME_DOCUMENTS = 5


def home_documents(request: HttpRequest, zone: EconomicZone) -> str:
    """The zone's published documents, most recently issued first. Visitors share one rendering per zone
    and language, cached until a document changes."""
    if request.user.is_authenticated:
        return _home_documents(request, zone)
    key = f"home:documents:{translation.get_language()}:{zone.pk}"
    return cached((DOCUMENTS_SCOPE,), key, lambda: _home_documents(None, zone))


def _home_documents(request: HttpRequest | None, zone: EconomicZone) -> str:
    documents = list(
        LegalDocument.objects.filter(zone=zone, is_published=True)
        .only("id", "number", "doc_type", "issuer", "title", "title_en", "title_zh", "issued_on")
        .order_by("-issued_on", "-id")[:HOME_DOCUMENTS]
    )
    if not documents:
        return ""
    return render_to_string("documents/_home_documents.html", {"documents": documents}, request=request)


PANELS = [Panel("core.home", home_documents, order=10, scopes=(DOCUMENTS_SCOPE,))]
