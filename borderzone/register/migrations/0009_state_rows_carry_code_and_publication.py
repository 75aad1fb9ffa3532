# The lists "as of D" read their page and count from the state rows alone: each row carries its project's
# code and publication (kept by the services with the rest of the row; rebuild_project_states fills them
# too), with indexes on (zone, code, range, status, published, id) and (code, ...) that cover the count and
# the page's keys of one zone and of several.

from django.db import migrations, models

FILL = """
UPDATE investments_projectstate SET
    code = (SELECT p.code FROM investments_project p WHERE p.id = investments_projectstate.project_id),
    published = (SELECT p.published FROM investments_project p WHERE p.id = investments_projectstate.project_id)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("investments", "0008_usd_capital_kept_unconverted"),
        ("zones", "0004_move_gate_models_from_zones"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectstate",
            name="code",
            field=models.CharField(default="", max_length=20),
        ),
        migrations.AddField(
            model_name="projectstate",
            name="published",
            field=models.BooleanField(default=False),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="projectstate",
            index=models.Index(
                fields=["zone", "code", "valid_to", "valid_from", "status", "published", "id"],
                name="state_zone_code_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="projectstate",
            index=models.Index(
                fields=["code", "valid_to", "valid_from", "status", "published", "zone", "id"], name="state_code_idx"
            ),
        ),
    ]
