#!/usr/bin/env python3
"""Imports the reference reports in ../shared/seeds and checks the result.

A check for maintainers, not part of `cargo test` (the tests must not read
../shared). Usage: python3 scripts/seed-check.py [SEEDS_DIR]

- 001 (临汾 2024): every value of the six tables must equal the hand-checked
  transcription in examples/linfen-2024-city-secondary.yaml, with no unmapped row;
- 001 and 004: all eight parts; every case, figure and table listed in the report's
  own lists of cases/figures/tables is found in the body (or reported missing).
"""
import json, os, subprocess, sys, re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "seeds")
BIN = os.path.join(ROOT, "target", "release", "dabiao")


def run_import(path):
    p = subprocess.run([BIN, "import", path], capture_output=True, text=True)
    return json.loads(p.stdout), p.stderr


def check_yaml(path):
    out = subprocess.run(
        [BIN, "check", "--no-rules", "--format", "json", path], capture_output=True, text=True
    )
    return out


def leaves(v, prefix=""):
    if isinstance(v, dict):
        for k, x in v.items():
            yield from leaves(x, f"{prefix}/{k}")
    else:
        yield prefix, v


def listed(seed_text, word):
    """Ids in the report's own list (TOC region lines 'word id title page')."""
    ids = []
    for line in seed_text.split("\n")[:260]:
        m = re.match(r"^\s*(?:- )?%s\s*([0-9]+(?:[.-][0-9]+)*)\s*[:：]?\s*\S.*?\s(\d+)\s*$" % word, line)
        if m:
            ids.append(m.group(1))
    return ids


def main():
    failures = 0
    seeds = sorted(f for f in os.listdir(SEEDS) if f.endswith(".txt") and f[:3] in ("001", "004"))
    for name in seeds:
        path = os.path.join(SEEDS, name)
        data, stderr = run_import(path)
        text = open(path, encoding="utf-8").read()
        print(f"== {name}: {data['report'].get('title')}")
        print("   report:", json.dumps({k: v for k, v in data["report"].items() if k != "title"}, ensure_ascii=False))
        parts = [(s["no"], s["title"], s.get("chars")) for s in data.get("sections", [])]
        print(f"   parts ({len(parts)}):", parts)
        if len(parts) != 8:
            failures += 1
            print("   FAIL: expected 8 parts")
        for word, key in (("案例", "cases"), ("图", "figures"), ("表", "tables")):
            found = [x["id"] for x in data.get(key, [])]
            want = listed(text, word)
            missing = [i for i in want if i not in found]
            print(f"   {key}: {len(found)} found, {len(want)} listed; listed but not in the body: {missing}")
        unmapped = stderr.count("dabiao::import::unmapped-row")
        print(f"   import findings: {stderr.count('dabiao::import::')} (unmapped rows: {unmapped})")
        if unmapped:
            failures += 1
            print(stderr)
        if name.startswith("001"):
            failures += compare_tables(data)
        print(f"   facts: {len(data.get('facts', []))}; fact-based findings:")
        for f in narrative_findings(path):
            print(f"     {f['code']} [{f['severity']}] line {f['line']}: {f['message']}")
    print("OK" if failures == 0 else f"{failures} FAILURES")
    return 1 if failures else 0


# The 中职 template has no 辅导员 row; the example records it as "-".
NOT_IN_ORIGINAL = {"counselors"}


def narrative_findings(path):
    out = subprocess.run([BIN, "check", "--format", "json", path], capture_output=True, text=True)
    report = json.loads(out.stdout)["files"][0]
    return [f for f in report["findings"] if f["code"].startswith("NAR-")]


def compare_tables(data):
    yaml = os.path.join(ROOT, "examples", "linfen-2024-city-secondary.yaml")
    try:
        import yaml as pyyaml  # type: ignore
        ref = pyyaml.safe_load(open(yaml, encoding="utf-8"))
    except ImportError:
        print("   (PyYAML not installed: pip install pyyaml to compare table values)")
        return 0
    got = dict(leaves(data.get("data", {})))
    bad = 0
    n = 0
    for ptr, want in leaves(ref["data"]):
        have = got.get(ptr)
        # Rows the example adds although the original table has no such row.
        if ptr.rsplit("/", 1)[-1] in NOT_IN_ORIGINAL:
            continue
        if want is None and have is None:
            continue
        n += 1
        if isinstance(want, (int, float)) and isinstance(have, (int, float)) and abs(want - have) < 1e-9:
            continue
        if want == have:
            continue
        # respondents/method are given once, in the report year's column
        bad += 1
        print(f"   MISMATCH {ptr}: example {want!r}, imported {have!r}")
    extra = [p for p in got if p not in dict(leaves(ref["data"]))]
    for p in extra:
        bad += 1
        print(f"   EXTRA {p} = {got[p]!r}")
    print(f"   table values compared: {n} (non-blank in the example), mismatches: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
