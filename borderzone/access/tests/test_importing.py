from borderzone.access.importing import ImportReport, import_job_create, register_importer
from borderzone.core.models import ImportJob, ImportJobStatus
from borderzone.core.tabular import read_table


@register_importer("test-rows")
def _count_rows(*, data, actor, zone, dry_run, progress, options):
    table = read_table(data)
    report = ImportReport(rows=len(table), dry_run=dry_run)
    for number, row in table.numbered():
        progress(number, len(table))
        if row["value"] == "bad":
            report.errors.append(f"dòng {number}, value: bad")
    if report.ok:
        report.created = len(table)
    return report


def test_a_background_import_records_its_outcome(specialist, zone, actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(kind="test-rows", data=b"value\n1\n2\n3\n", filename="x.csv", actor=actor, zone=zone)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.SUCCEEDED
    assert (job.rows_total, job.rows_done) == (3, 3)
    assert job.result["created"] == 3


def test_a_refused_import_keeps_its_errors_and_the_page_shows_them(
    client, specialist, zone, actor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(kind="test-rows", data=b"value\n1\nbad\n", filename="x.csv", actor=actor, zone=zone)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED and job.errors == ["dòng 2, value: bad"]
    client.force_login(specialist)
    page = client.get(f"/staff/imports/{job.pk}/")
    assert page.status_code == 200 and "dòng 2, value: bad" in page.text


def test_another_zones_specialist_cannot_see_the_job(
    client, other_specialist, zone, actor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(kind="test-rows", data=b"value\n1\n", filename="x.csv", actor=actor, zone=zone)
    client.force_login(other_specialist)
    assert client.get(f"/staff/imports/{job.pk}/").status_code == 404
    assert ImportJob.objects.count() == 1
