"""What documents add to other apps' pages (core.registry.panels): the documents recently issued, on
the public home page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from borderzone.core.registry import Panel
from borderzone.documents.models import LegalDocument
from borderzone.zones.models import EconomicZone

HOME_DOCUMENTS = 5


def home_documents(request: HttpRequest, zone: EconomicZone) -> str:
    """The zone's published documents, most recently issued first."""
    documents = list(
        LegalDocument.objects.filter(zone=zone, is_published=True)
        .only("id", "number", "doc_type", "issuer", "title", "title_en", "title_zh", "issued_on")
        .order_by("-issued_on", "-id")[:HOME_DOCUMENTS]
    )
    if not documents:
        return ""
    return render_to_string("documents/_home_documents.html", {"documents": documents}, request=request)


PANELS = [Panel("core.home", home_documents, order=10)]
