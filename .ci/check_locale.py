"""Fails when the committed Dutch catalogue does not match the code.

Compares by message, not by text, so that the order and wrapping gettext happens to choose
do not matter: every msgid the code has must be in the committed .po, translated and not
fuzzy, no stale msgid may linger, and the committed .mo must hold the same translations.

usage: python .ci/check_locale.py COMMITTED.po EXTRACTED.po COMMITTED.mo
"""

import sys

import polib


def messages(entries):
    return {
        (e.msgctxt, e.msgid, e.msgid_plural): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in entries
        if not e.obsolete and e.msgid
    }


def main(committed_po: str, extracted_po: str, committed_mo: str) -> int:
    committed = polib.pofile(committed_po)
    extracted = messages(polib.pofile(extracted_po))
    known = messages(committed)
    problems = []
    for key in extracted.keys() - known.keys():
        problems.append(f"not in the catalogue: {key[1]!r}")
    for key in known.keys() - extracted.keys():
        problems.append(f"no longer in the code: {key[1]!r}")
    for entry in committed:
        if entry.obsolete or not entry.msgid:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            problems.append(f"untranslated: {entry.msgid!r}")
    compiled = messages(polib.mofile(committed_mo))
    if compiled != {k: v for k, v in known.items() if v[0] or v[1]}:
        problems.append("the .mo file is not compiled from the .po file: run compilemessages")
    for problem in sorted(problems):
        print(f"locale/nl: {problem}")
    if problems:
        print(
            "Run makemessages -l nl --ignore=.venv --ignore=tests --no-obsolete --no-location, "
            "translate, compilemessages --ignore=.venv, and commit locale/."
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
