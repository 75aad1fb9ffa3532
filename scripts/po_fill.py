#!/usr/bin/env python
"""Fill msgstr of a .po file from a JSON dictionary {msgid: msgstr}; report what is still untranslated.

Usage: python scripts/po_fill.py borderzone/locale/vi/LC_MESSAGES/django.po translations.json
Needs polib (in requirements-dev.lock); a maintainer's tool, not a runtime dependency.
"""

import json
import sys

import polib


def main() -> int:
    po = polib.pofile(sys.argv[1])
    table = json.load(open(sys.argv[2], encoding="utf-8")) if len(sys.argv) > 2 else {}
    for entry in po:
        if entry.msgid in table:
            if entry.msgid_plural:
                forms = int(po.metadata.get("Plural-Forms", "nplurals=2").split("nplurals=")[1][0])
                entry.msgstr_plural = dict.fromkeys(range(forms), table[entry.msgid])
            else:
                entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Language"] = po.metadata.get("Language") or sys.argv[1].split("/")[-3]
    if "fuzzy" in po.metadata_is_fuzzy:
        po.metadata_is_fuzzy = []
    po.save()
    missing = [e.msgid for e in po if not e.obsolete and not (e.msgstr or any((e.msgstr_plural or {}).values()))]
    for msgid in missing:
        print("untranslated:", msgid)
    return 0


if __name__ == "__main__":
    sys.exit(main())
