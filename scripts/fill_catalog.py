"""Fill gettext catalogs from a translations file and compile them.

    python scripts/fill_catalog.py APP_DIR translations.json

The JSON maps each language to {msgid: msgstr}; existing translations are kept unless the
JSON gives a new one. Used by developers when strings change; the compiled .mo files are
committed so that a fresh machine needs no gettext tools.
"""

import json
import sys
from pathlib import Path

import polib


def fill(app_dir, translations):
    for language, table in translations.items():
        path = Path(app_dir) / "locale" / language / "LC_MESSAGES" / "django.po"
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if language == "en" and not entry.translated() and entry.msgid not in table:
                # English is the source language: the catalog states it, identically.
                table = {**table, entry.msgid: [entry.msgid, entry.msgid_plural] if entry.msgid_plural else entry.msgid}
            if entry.msgid in table:
                if entry.msgid_plural:
                    value = table[entry.msgid]
                    forms = value if isinstance(value, list) else [value, value]
                    entry.msgstr_plural = {i: form for i, form in enumerate(forms)}
                else:
                    entry.msgstr = table[entry.msgid]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        catalog.save()
        catalog.save_as_mofile(str(path.with_suffix(".mo")))
        missing = [e.msgid for e in catalog if not e.translated() and not e.obsolete]
        print(f"{path}: {len(missing)} untranslated")
        for msgid in missing[:200]:
            print("   ", repr(msgid))


if __name__ == "__main__":
    fill(sys.argv[1], json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
