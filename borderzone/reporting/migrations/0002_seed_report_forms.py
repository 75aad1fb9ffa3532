from django.db import migrations


def seed(apps, schema_editor):
    from borderzone.reporting.seed import load_forms

    load_forms(apps.get_model("reporting", "ReportForm"), apps.get_model("reporting", "FormField"))


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_add_report_forms_reports_figures")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
