"""Compares two filled accounts.csv files row by row: same rows in the same order, ids equal, amounts equal
to the cent. Prints a one-line verdict; exits 1 on any difference.

usage: compare.py EXPECTED ACTUAL [LABEL]
"""
import csv
import sys
from decimal import Decimal

expected_path, actual_path = sys.argv[1:3]
label = sys.argv[3] if len(sys.argv) > 3 else actual_path


def rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def money(text):
    return None if text in ("", None) else Decimal(text)


differences = []
count = 0
for count, (left, right) in enumerate(zip(rows(expected_path), rows(actual_path), strict=True), start=1):
    same = (
        left["id"] == right["id"]
        and left["parent_id"] == right["parent_id"]
        and left["name"] == right["name"]
        and (left["ultimate_parent_id"] or None) == (right["ultimate_parent_id"] or None)
        and money(left["arr"]) == money(right["arr"])
        and money(left["hierarchy_arr"]) == money(right["hierarchy_arr"])
    )
    if not same:
        differences.append((count, left, right))

if differences:
    print(f"{label}: {len(differences)} of {count} rows differ; first: {differences[0]}")
    sys.exit(1)
print(f"{label}: all {count:,} rows agree (ids, ultimate parents, arr and hierarchy_arr to the cent)")
