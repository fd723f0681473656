#!/usr/bin/env python3
"""Extracts, from the reference's resource pages, the scopes of which a user must hold at least
one for each resource, and writes them as `rel<TAB>scope,scope` lines (sorted).

Usage: tools/extract-scopes.py SPEC_UCWA_DIR > core/src/main/resources/org/openucwa/auth/scopes.tsv
"""
import pathlib
import re
import sys

KNOWN = {"User.ReadWrite", "Contacts.ReadWrite", "Conversations.Initiate",
         "Conversations.Receive", "Meetings.ReadWrite"}


def scopes_of(text):
    m = re.search(r"#+\s*Azure Active Directory scopes for online applications(.*?)(\n#|\Z)",
                  text, re.S)
    if not m:
        return []
    found = []
    for row in m.group(1).splitlines():
        cells = [c.strip().strip("*") for c in row.strip().strip("|").split("|")]
        if cells and cells[0] in KNOWN and cells[0] not in found:
            found.append(cells[0])
    return found


def main():
    root = pathlib.Path(sys.argv[1])
    for page in sorted(root.glob("*_ref.md")):
        rel = page.name[: -len("_ref.md")]
        scopes = scopes_of(page.read_text(encoding="utf-8"))
        if scopes:
            print(f"{rel}\t{','.join(scopes)}")


if __name__ == "__main__":
    main()
