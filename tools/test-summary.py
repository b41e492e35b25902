#!/usr/bin/env python3
"""Counts test cases from meson's testlog.json files and prints 'N passed, N failed'.

Usage: test-summary.py TESTLOG.json [TESTLOG.json...]: several logs (the plain and the
sanitizer run of CI) add up into one line; a missing log counts as a failure.

TAP test programs report every GLib test case ("ok 3 /core/number/..."); those are counted
one by one. A program that crashed or timed out counts as one failure on top of its cases,
so a crash can never hide behind the cases that ran before it."""
import json
import re
import sys

passed = failed = skipped = 0
tap_line = re.compile(r"^(not ok|ok)\b(.*)$")

lines = []
missing = 0
for path in sys.argv[1:] or ["meson-logs/testlog.json"]:
    try:
        with open(path, encoding="utf-8") as f:
            lines += [json.loads(l) for l in f if l.strip()]
    except OSError as e:
        print(f"no test log: {e}")
        missing += 1
failed += missing

for t in lines:
    result = t.get("result", "")
    out = t.get("stdout") or ""
    cases = 0
    for l in out.splitlines():
        m = tap_line.match(l)
        if not m:
            continue
        cases += 1
        rest = m.group(2)
        if "# SKIP" in rest:
            skipped += 1
        elif m.group(1) == "ok" or "# TODO" in rest:
            passed += 1
        else:
            failed += 1
    if cases == 0:
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
    elif result not in ("OK", "EXPECTEDFAIL", "SKIP", "FAIL"):
        failed += 1  # TIMEOUT, ERROR: the program itself died

if passed + failed == 0:
    print("no test ran")
    print("0 passed, 1 failed")
    sys.exit(1)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
