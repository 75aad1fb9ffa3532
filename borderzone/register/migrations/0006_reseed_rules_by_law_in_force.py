from django.db import migrations, models


def reseed(apps, schema_editor):
    """Bring the seeded rules to the corrected set: each law's rules, ending the day the next law took effect
    (valid_to is now exclusive), with their sources; the 2020 law's invented 12-month ground is removed.
    Safe to run again: rows are matched on (code, valid_from)."""
    from borderzone.register.rules import RETIRED_RULES, SEED_RULES

    LegalRule = apps.get_model("investments", "LegalRule")
    for code, valid_from in RETIRED_RULES:
        LegalRule.objects.filter(code=code, valid_from=valid_from).delete()
    for rule in SEED_RULES:
        fields = {k: v for k, v in rule.items() if k not in ("code", "valid_from")}
        LegalRule.objects.update_or_create(code=rule["code"], valid_from=rule["valid_from"], defaults=fields)
    # Cached figures and flags were computed with the old rules: a new data version makes every process recompute.
    DataVersion = apps.get_model("core", "DataVersion")
    DataVersion.objects.filter(scope="investments").update(version=models.F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [("investments", "0005_rules_in_force_by_day_and_deposit_records"), ("core", "0001_initial")]
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
