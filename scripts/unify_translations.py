#!/usr/bin/env python
"""Make every catalogue translate a msgid the way users actually see it.

Django looks a msgid up in LOCALE_PATHS first, then in the apps' catalogues in INSTALLED_APPS
order, and the first translation found wins everywhere. This script rewrites the losing
translations to the winning one, so no catalogue promises a wording that is never shown; a msgid
that needs another meaning in one app must get a context (pgettext) or its own msgid.
Usage: PYTHONPATH=. DJANGO_SETTINGS_MODULE=config.settings.dev python scripts/unify_translations.py [LANG ...]
"""

import sys
from pathlib import Path

import django
import polib


def catalogues(lang: str) -> list[Path]:
    from django.apps import apps
    from django.conf import settings

    found = [Path(p) / lang / "LC_MESSAGES" / "django.po" for p in settings.LOCALE_PATHS]
    for app in apps.get_app_configs():
        found.append(Path(app.path) / "locale" / lang / "LC_MESSAGES" / "django.po")
    return [p for p in found if p.exists()]


def main() -> int:
    django.setup()
    for lang in sys.argv[1:] or ["vi"]:
        winners: dict[tuple[str | None, str], str] = {}
        changed = 0
        for path in catalogues(lang):
            po = polib.pofile(str(path))
            dirty = False
            for entry in po:
                if entry.obsolete or not entry.msgstr or "fuzzy" in entry.flags:
                    continue
                key = (entry.msgctxt, entry.msgid)
                if key not in winners:
                    winners[key] = entry.msgstr
                elif entry.msgstr != winners[key]:
                    entry.msgstr = winners[key]
                    dirty = True
                    changed += 1
            if dirty:
                po.save()
                po.save_as_mofile(str(path.with_suffix(".mo")))
        print(f"{lang}: {changed} translations aligned")
    return 0


if __name__ == "__main__":
    sys.exit(main())
