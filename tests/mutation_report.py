"""The mutation score per core module and every surviving mutant, from the last `make mutate`.

Reads StrykerJS's JSON reports (reports/mutation/<module>.json) and mutmut's results (mutants/);
a survivor whose key appears in tests/mutation-survivors.md is marked as listed there (an equivalent
mutant, with the reason written beside it). A StrykerJS key is `file:line:column-line:column Mutator
-> replacement`; a mutmut key is the mutant's name. Prints, and writes reports/mutation/summary.txt.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports" / "mutation"
JS_MODULES = ["answers/answers-file", "answers/scoring", "review/review-file", "plan/plan", "answers/fields", "evidence/measure"]
PY_MODULES = ["answers/scoring", "answers/answers_file", "review/review_file", "plan/plan"]
LISTED = ROOT / "tests" / "mutation-survivors.md"
KILLED_JS = {"Killed", "Timeout"}
KILLED_PY = {"killed", "timeout", "caught by type check", "segfault"}


def js_module(name: str) -> tuple[int, int, list[str]] | None:
    path = REPORTS / f"{name}.json"
    if not path.exists():
        return None
    report = json.loads(path.read_text(encoding="utf-8"))
    killed, total, survivors = 0, 0, []
    for file, data in report["files"].items():
        lines = data["source"].split("\n")
        for m in data["mutants"]:
            if m["status"] in ("CompileError", "RuntimeError", "Ignored"):
                continue
            total += 1
            if m["status"] in KILLED_JS:
                killed += 1
                continue
            start, end = m["location"]["start"], m["location"]["end"]
            original = lines[start["line"] - 1].strip()
            # The span and the replacement make the key: one place often has several mutants of a kind.
            replacement = " ".join(m.get("replacement", "").split())
            key = f"{Path(file).name}:{start['line']}:{start['column']}-{end['line']}:{end['column']} {m['mutatorName']} -> {replacement[:60]}"
            survivors.append((key, f"({m['status']}): {original[:120]}"))
    return killed, total, survivors


def sample_file(name: str) -> Path:
    return REPORTS / f"mutmut-sample-{name.replace('/', '-')}.txt"


def sample(name: str, size: int, seed: int = 19) -> list[str]:
    """`size` mutants of a Python module drawn at random (seeded, so a rerun draws the same) from those
    mutmut generated; written to reports/mutation/ so the report scores the sample alone."""
    import random

    meta = json.loads((ROOT / "mutants" / "assessment" / f"{name}.py.meta").read_text(encoding="utf-8"))
    names = sorted(meta["exit_code_by_key"])
    chosen = sorted(random.Random(seed).sample(names, min(size, len(names))))
    REPORTS.mkdir(parents=True, exist_ok=True)
    sample_file(name).write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return chosen


def py_module(name: str) -> tuple[int, int, list[str]] | None:
    from mutmut.stats import status_by_exit_code

    path = ROOT / "mutants" / "assessment" / f"{name}.py.meta"
    if not path.exists():
        return None
    meta = json.loads(path.read_text(encoding="utf-8"))
    codes = meta["exit_code_by_key"]
    if sample_file(name).exists():  # a sampled run: only the drawn mutants count
        drawn = sample_file(name).read_text(encoding="utf-8").split()
        codes = {k: codes.get(k) for k in drawn}
    killed, total, survivors = 0, 0, []
    for mutant, code in sorted(codes.items()):
        status = status_by_exit_code[code]
        if status in ("not checked", "skipped"):
            continue
        total += 1
        if status in KILLED_PY:
            killed += 1
        else:
            survivors.append((mutant, f"({status}){diff(mutant)}"))
    return killed, total, survivors


def diff(mutant: str) -> str:
    """The changed lines of one mutmut mutant, indented."""
    shown = subprocess.run([str(ROOT / ".venv" / "bin" / "mutmut"), "show", mutant], cwd=ROOT, capture_output=True, text=True)
    changed = [line for line in shown.stdout.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    return "".join(f"\n      {line[:140]}" for line in changed)


def is_listed(key: str, listed: str) -> bool:
    """Whether the key is written in the list whole (mutmut_1 is not mutmut_10)."""
    return re.search(re.escape(key) + r"(?![0-9A-Za-z_])", listed) is not None


def main() -> int:
    listed = LISTED.read_text(encoding="utf-8") if LISTED.exists() else ""
    out = []
    for language, modules, read in (("JavaScript (StrykerJS)", JS_MODULES, js_module), ("Python (mutmut)", PY_MODULES, py_module)):
        out.append(f"== {language}")
        for name in modules:
            found = read(name)
            if found is None:
                out.append(f"  {name}: no results (run `make mutate`)")
                continue
            killed, total, survivors = found
            if total == 0:
                out.append(f"  {name}: no mutant run yet")
                continue
            score = 100 * killed / total
            if read is py_module and sample_file(name).exists():
                generated = len(json.loads((ROOT / "mutants" / "assessment" / f"{name}.py.meta").read_text())["exit_code_by_key"])
                out.append(f"  {name}: a random sample of {len(sample_file(name).read_text().split())} of {generated} mutants")
            unlisted = sum(1 for key, _ in survivors if not is_listed(key, listed))
            out.append(f"  {name}: {score:.1f} % killed ({killed} of {total}), {len(survivors)} survived, "
                       f"{unlisted} of them not listed in tests/mutation-survivors.md")
            for key, text in survivors:
                out.append(f"    {key} {text}{'  [listed as equivalent]' if is_listed(key, listed) else ''}")
    text = "\n".join(out) + "\n"
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "summary.txt").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["sample"]:  # python -m tests.mutation_report sample MODULE N: print N drawn mutant names
        print(" ".join(sample(sys.argv[2], int(sys.argv[3]))))
        sys.exit(0)
    sys.exit(main())
