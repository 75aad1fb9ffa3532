from django.db import migrations


def seed(apps, schema_editor):
    from borderzone.register.rules import SEED_RULES
    from borderzone.register.vsic import VERSIONS

    Sector = apps.get_model("investments", "Sector")
    LegalRule = apps.get_model("investments", "LegalRule")
    for version, sections in VERSIONS.items():
        for letter, name, name_en, divisions in sections:
            section, _ = Sector.objects.get_or_create(
                version=version, code=letter, defaults={"name": name, "name_en": name_en}
            )
            for code, division_name in divisions:
                Sector.objects.get_or_create(
                    version=version, code=code, defaults={"name": division_name, "section": section}
                )
    for rule in SEED_RULES:
        LegalRule.objects.get_or_create(code=rule["code"], valid_from=rule["valid_from"], defaults=rule)


class Migration(migrations.Migration):
    dependencies = [("investments", "0001_investment_register")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
