#!/usr/bin/env python3
"""Conformance: every real file in ../shared/data opens with the event count
its README lists. Runs `chronoscope check --json` (built by `cargo test`).

Not part of the README's test command: ../shared does not exist on a user's
machine. .ci/run calls it.
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
BINARY = ROOT / "target" / "debug" / "chronoscope"

# file name -> events a faithful importer yields (from ../shared/data/README.md),
# and how many data rows it must skip with a warning naming each.
SKIPPED = {
    # 4,826 rows of the SIGACTS export are page headers repeated inside the
    # table (",Attack Type,Target,City") with no time: not events. The README's
    # 162,852 counts every data row; Chronoscope imports the 158,026 dated ones
    # and names each skipped row in a warning.
    "sigacts_iraq_2004_2007.csv": 4826,
}
EXPECTED = {
    "timelinejs3_marktwain.json": 17,
    "timelinejs3_eras.json": 20,
    "simile_timeline_jfk.xml": 130,
    "thetimelineproj_versions.timeline": 59,
    "vis_timeline_basic.json": 6,
    "ucdp_ged_sample_1000.csv": 1000,
    "cns_dprk_missile_tests_1984_2019.csv": 140,
    "sigacts_iraq_2004_2007.csv": 162852,
}


def main() -> int:
    if not DATA.is_dir():
        print(f"shared data: {DATA} not found")
        return 1
    failed = 0
    for name, expected in EXPECTED.items():
        path = DATA / name
        out = subprocess.run(
            [str(BINARY), "check", "--json", str(path)],
            capture_output=True, text=True, check=False,
        )
        try:
            report = json.loads(out.stdout)[0]
        except (json.JSONDecodeError, IndexError):
            print(f"FAIL {name}: no report\n{out.stdout}\n{out.stderr}")
            failed += 1
            continue
        events = report.get("events") or 0
        warnings = report.get("warnings", [])
        skipped = sum(1 for w in warnings if w["message"].startswith("row ") and w["message"].endswith("; skipped"))
        want_skipped = SKIPPED.get(name, 0)
        ok = report.get("ok") and events + skipped == expected and skipped == want_skipped
        print(
            f"{'ok  ' if ok else 'FAIL'} {name}: {events} events + {skipped} skipped rows"
            f" (expected {expected - want_skipped} + {want_skipped}), {len(warnings)} warnings"
        )
        if not ok:
            for e in report.get("errors", []):
                print(f"     {e['text']}")
            failed += 1
    passed = len(EXPECTED) - failed
    print(f"conformance: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
