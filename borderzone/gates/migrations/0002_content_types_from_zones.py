"""The gate models' content types are renamed in place (app label zones -> gates), so that the audit rows,
permissions and anything else pointing at a content type stay attached to the same gates."""

from django.db import migrations

MODELS = ("bordergate", "gatestatuschange", "gatefacility")


def relabel(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("core", "AuditEvent")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    for model in MODELS:
        moving = ContentType.objects.using(db).filter(app_label=old, model=model).first()
        if moving is None:
            continue  # a fresh database: the content types are created after migrating, already as `new`
        there = ContentType.objects.using(db).filter(app_label=new, model=model).first()
        if there is not None:
            # Both exist (the new one made by post_migrate after an interrupted migrate): keep the old row,
            # whose id the audit rows carry. Audit rows are append-only, so a new row that already has
            # some cannot be merged here: stop and say so rather than lose them.
            if AuditEvent.objects.using(db).filter(content_type=there).exists():
                raise RuntimeError(f"Audit rows point at both {old}.{model} and {new}.{model}; merge them by hand.")
            Permission.objects.using(db).filter(content_type=there).delete()
            there.delete()
        moving.app_label = new
        moving.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    relabel(apps, schema_editor, "zones", "gates")


def backwards(apps, schema_editor):
    relabel(apps, schema_editor, "gates", "zones")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_add_notification_states"),
        ("gates", "0001_move_gate_models_from_zones"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
