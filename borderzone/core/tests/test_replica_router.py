"""The replica router: anonymous portal pages and report generation read the replica, signed-in pages
and the API the primary, writes never go there. On PostgreSQL (CI) the replica is a read-only connection
to the same database (config/settings/test.py), so a write routed there would fail the page."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from borderzone.core.routers import ReplicaRouter, replica_reads
from borderzone.zones.models import EconomicZone

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0"

needs_replica = pytest.mark.skipif(
    "replica" not in connections.settings, reason="the read-only replica alias is defined on PostgreSQL only"
)


def test_without_a_replica_every_read_goes_to_the_primary(settings):
    settings.REPLICA_DATABASE = ""
    with replica_reads():
        assert ReplicaRouter().db_for_read(EconomicZone) is None
    assert ReplicaRouter().db_for_write(EconomicZone) is None


@pytest.fixture
def replica(settings):
    settings.REPLICA_DATABASE = "replica"
    return connections["replica"]


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_replica_connection_refuses_writes(replica):
    with pytest.raises(DatabaseError, match="read-only"), transaction.atomic(using="replica"):
        EconomicZone.objects.using("replica").update(name="x")


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_anonymous_portal_pages_read_the_replica_and_write_only_the_primary(
    client, replica, zone, specialist, django_capture_on_commit_callbacks
):
    from borderzone.access.actors import Actor
    from borderzone.documents.tests.factories import create_published_document
    from borderzone.portal.models import DailyVisits, VisitLog
    from borderzone.portal.tests.factories import ArticleFactory, CategoryFactory

    article = ArticleFactory(zone=zone, category=CategoryFactory(slug="tin"), created_by=specialist, slug="bai")
    create_published_document(
        actor=Actor(user=specialist, via="test"),
        zone=zone,
        number="1/QĐ-UBND",
        title="Quy chế cửa khẩu",
        doc_type="decision",
        issuer="UBND tỉnh",
        issued_on="2024-01-02",
    )
    urls = [
        reverse("core:home"),
        article.get_absolute_url(),
        reverse("gates:map"),
        reverse("documents:list") + "?q=cua+khau",
    ]
    for url in urls:
        with CaptureQueriesContext(replica) as on_replica:
            response = client.get(url, HTTP_USER_AGENT=BROWSER)
        # The page was served (a write through the read-only replica would have failed it) from the replica.
        assert response.status_code == 200, url
        assert on_replica.captured_queries, url
        statements = [q["sql"].lstrip().upper() for q in on_replica.captured_queries]
        # reads only (the counter is one statement that starts with its WITH clause)
        assert not [s for s in statements if not s.startswith(("SELECT", "WITH")) or "INSERT" in s or "UPDATE " in s]
    assert "Quy chế cửa khẩu" in client.get(urls[3]).content.decode()
    # The visits went to the primary: appended there, some perhaps already folded into the day's totals.
    folded = sum(DailyVisits.objects.values_list("page_views", flat=True))
    assert VisitLog.objects.count() + folded >= len(urls)


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_signed_in_pages_and_the_api_read_the_primary(client, replica, zone, specialist):
    client.force_login(specialist)
    for url in [reverse("core:home"), reverse("core:staff-home"), reverse("gates:map")]:
        with CaptureQueriesContext(replica) as on_replica:
            assert client.get(url).status_code == 200
        assert on_replica.captured_queries == [], url
    client.logout()
    with CaptureQueriesContext(replica) as on_replica:
        assert client.get(reverse("api-v1:list_zones")).status_code == 200
    assert on_replica.captured_queries == []


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_reads_inside_a_transaction_on_the_primary_stay_there(replica, zone):
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(EconomicZone) == "replica"
        with transaction.atomic():
            assert router.db_for_read(EconomicZone) is None
        assert router.db_for_write(EconomicZone) is None


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_report_generation_reads_the_replica_and_keeps_its_file_on_the_primary(replica, zone, leader):
    from borderzone.core.tabular import Sheet, write_xlsx
    from borderzone.reports import services
    from borderzone.reports.models import Report, ReportStatus
    from borderzone.reports.registry import register_report

    @register_report("test_replica_sheet", "Zone sheet (replica test)", formats=("xlsx",))
    def _sheet(*, zone, params, fmt, language, progress, user):
        progress(50)  # a write: to the primary
        codes = list(EconomicZone.objects.filter(pk=zone.pk).values_list("code", flat=True))
        return "zone.xlsx", write_xlsx([Sheet("Khu", ["code"], [codes])])

    with transaction.atomic():
        report = Report.objects.create(
            kind="test_replica_sheet", zone=zone, params={}, format="xlsx", language="vi", created_by=leader
        )
    with CaptureQueriesContext(replica) as on_replica:
        services.build_report.call(report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY and report.filename == "zone.xlsx"
    assert any("zones_economiczone" in q["sql"] for q in on_replica.captured_queries)
