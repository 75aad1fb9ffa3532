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
    # The fields the rule model had at this point; 0005 brings the rows to the current set.
    known = {"code", "condition", "months", "policy_approved_only", "law", "article", "description", "valid_from", "valid_to"}
    for rule in SEED_RULES:
        LegalRule.objects.get_or_create(
            code=rule["code"], valid_from=rule["valid_from"], defaults={k: v for k, v in rule.items() if k in known}
        )


class Migration(migrations.Migration):
    dependencies = [("investments", "0001_investment_register")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
