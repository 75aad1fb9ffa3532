"""The translation catalogues say what users see: the first catalogue that translates a msgid wins
everywhere (LOCALE_PATHS, then the apps in INSTALLED_APPS order), so two catalogues must not
translate one msgid two ways. A msgid that needs another meaning gets a context or its own msgid.
Align wordings with scripts/unify_translations.py."""

from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings


def _catalogues(lang):
    paths = [Path(p) / lang / "LC_MESSAGES" / "django.po" for p in settings.LOCALE_PATHS]
    paths += [
        Path(a.path) / "locale" / lang / "LC_MESSAGES" / "django.po"
        for a in apps.get_app_configs()
        if a.name.startswith("borderzone.")
    ]
    return [p for p in paths if p.exists()]


@pytest.mark.parametrize("lang", ["vi", "zh_Hans"])
def test_no_msgid_is_translated_two_ways(lang):
    seen = defaultdict(dict)
    for path in _catalogues(lang):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                seen[(entry.msgctxt, entry.msgid)][str(path)] = entry.msgstr
    clashes = {key[1]: where for key, where in seen.items() if len(set(where.values())) > 1}
    assert clashes == {}


def test_every_vietnamese_catalogue_is_complete_and_compiled():
    for path in _catalogues("vi"):
        po = polib.pofile(str(path))
        missing = [e.msgid for e in po if not e.obsolete and not (e.msgstr or any((e.msgstr_plural or {}).values()))]
        assert missing == [], f"{path}: untranslated {missing[:5]}"
        compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(path.with_suffix(".mo")))}
        written = {(e.msgctxt, e.msgid): e.msgstr for e in po if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}
        assert {k: v for k, v in written.items() if compiled.get(k) != v} == {}, (
            f"{path}: .mo not compiled from this .po"
        )
