"""What the Node tests of the DOM-free modules (tests/js/) compare with: every shared vector, every
edge vector and a fixed set of variations of them, each with what the Python reference makes of it.

`python -m tests.js_fixtures OUT.json [MODULE]` writes them (all, or only those MODULE.test.mjs
reads); tests/test_js_node.py and `make mutate` do that before running a Node test file with
SP_JS_FIXTURES=OUT.json. Node cannot read YAML, and the expected results come from Python, so
nothing here is typed twice.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import assessment
from assessment.criteria import versions as history
from assessment.answers import answers_file as answers
from assessment.shared import formatting
from assessment.evidence import display as evidence_display
from assessment.plan import plan
from assessment.review import review_file as review
from assessment.answers import scoring
from assessment.shared.formatting import js_number
from tests import edge_vectors, evidence_rows, evidence_vectors, review_vectors, scoring_vectors
from tests.test_browser_plan import EDGE_CASES as PLAN_CASES
from tests.test_plan import CRITERIA as PLAN_CRITERIA

TEST = scoring_vectors.CRITERIA
BUNDLED = assessment.load()
HISTORY = edge_vectors.with_history(TEST)


def _criteria_json(criteria) -> dict:
    return history.published(criteria)


def with_reachable_ready_percent(criteria):
    """The criteria, or, when no answers land exactly on its ready_percent, a copy whose ready_percent
    is the nearest one that some answers reach exactly (the test criteria's weights cannot make 80 %)."""
    states = edge_vectors._reachable(criteria)
    exact = sorted({e * 100 // p for e, p in states if p and e * 100 % p == 0 and 0 < e < p})
    ready = criteria.scoring.ready_percent
    if ready in exact:
        return criteria
    nearest = min(exact, key=lambda p: (abs(p - ready), p))
    return criteria.model_copy(update={"scoring": criteria.scoring.model_copy(update={"ready_percent": nearest})})


def python_reads(criteria, data: bytes) -> dict:
    """What answers/answers_file.py makes of a file: its problems, or the kept keys and the result as answers/scoring.js writes it."""
    try:
        read = answers.read_bytes(criteria, data, "f.json")
    except answers.AnswersError as exc:
        return {"problems": exc.problems, "keys": None, "result": None, "changed": None}
    doc, _ = answers.document(data)
    return {"problems": [], "keys": list(answers.accepted(doc)), "result": assessment.to_json(assessment.score(criteria, read)),
            "changed": scoring.terms_changed(criteria, read)}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def variations(criteria, doc: dict) -> list[dict]:
    """Each answer of a valid document changed to every status and to values on and around its threshold."""
    out = []
    for item in criteria.items:
        options = [{"status": s} for s in ("met", "partial", "unmet", "na", "done")] + [{}]
        if item.kind != "check":
            limit = criteria.threshold(item).value
            options += [{"value": v} for v in (limit, limit - 1, limit + 1, 0, -1, 0.5, 1e21, "1", None, True)]
            options += [{"value": limit, "status": "na"}, {"value": limit, "status": "unmet"}]
        for option in options:
            out.append({**doc, "answers": {**doc.get("answers", {}), item.id: option}})
    return out


def answers_cases() -> list[dict]:
    cases = []

    def add(name: str, key: str, criteria, data: bytes, **expect) -> None:
        cases.append({"name": name, "criteria": key, "base64": _b64(data), **python_reads(criteria, data), **expect})

    for v in scoring_vectors.FILES:
        add(v["name"], "test", TEST, scoring_vectors.file_bytes(v))
    for v in scoring_vectors.VALID + scoring_vectors.INVALID:
        add(v["name"], "test", TEST, json.dumps(v["answers"], ensure_ascii=False).replace("Infinity", "1e999").encode())
    for n, v in enumerate(scoring_vectors.VALID):
        for k, doc in enumerate(variations(TEST, v["answers"])):
            add(f"{v['name']}, variation {k}", "test", TEST, json.dumps(doc, ensure_ascii=False).encode())
    for key, criteria in (("bundled", BUNDLED), ("test-ready", with_reachable_ready_percent(TEST))):
        for e in edge_vectors.answers_edges(criteria):
            expect = {k: e[k] for k in ("verdict", "item", "status") if k in e}
            add(e["name"], key, criteria, json.dumps(e["doc"]).encode(), edge=expect)
    for key, criteria in (("test", TEST), ("bundled", BUNDLED)):
        for e in edge_vectors.rule_edges(criteria):
            add(e["name"], key, criteria, e["data"])
    for e in edge_vectors.history_edges(TEST):
        add(e["name"], "history", HISTORY, e["data"])
    return cases


def review_cases() -> list[dict]:
    cases = []
    base = next(v for v in review_vectors.VALID if v["name"].startswith("a conditional approval"))["doc"]
    vectors = [(v["name"], review_vectors.file_bytes(v), None) for v in review_vectors.VALID + review_vectors.INVALID]
    vectors += [(e["name"], e["data"], e["accepted"]) for e in edge_vectors.review_edges(base)]
    vectors += [(e["name"], e["data"], None) for e in edge_vectors.review_rule_edges(base)]
    for name, data, accepted in vectors:
        doc, problem = review.decode(data)
        problems = [problem] if problem else review.problems(review_vectors.CRITERIA, doc)
        cases.append({"name": name, "base64": _b64(data), "problems": problems, "accepted": accepted})
    return cases


def binding_cases() -> list[dict]:
    """Answers files beside a review: whether the review is of the file, and what changed since (Python's)."""
    base = next(v for v in review_vectors.VALID if v["name"].startswith("a conditional approval"))["doc"]
    cases = []
    edges = [("review", e) for e in edge_vectors.binding_edges(base)]
    edges += [("bundled", e) for e in edge_vectors.binding_edges_with_groups(BUNDLED, base)]
    for key, e in edges:
        criteria = {"review": review_vectors.CRITERIA, "bundled": BUNDLED}[key]
        rev = review.parse(criteria, e["review"])
        try:
            current = review.read_submission(criteria, e["data"], "f.json")
        except answers.AnswersError:
            current = None
        changes = None if current is None else dict(zip(("items", "plan"), review.changes_since(criteria, rev, current)))
        cases.append({"name": e["name"], "criteria": key, "review": e["review"], "base64": _b64(e["data"]),
                      "binding": review.binding_problem(criteria, rev, e["data"]), "changes": changes})
    return cases


def evidence_display_cases() -> list[dict]:
    """The blocks of tests/test_evidence_display.py with the lines `report` writes for them."""
    from tests.test_evidence_display import CASES, LABELS
    out = []
    for name, criteria, doc in CASES:
        read = answers.parse(criteria, doc)
        for lang in ("zh", "en"):
            out.append({"name": f"{name} ({lang})", "lang": lang, "criteria": history.published(criteria),
                        "doc": doc, "labels": LABELS[lang], "lines": evidence_display.lines(criteria, read, read.evidence, lang)})
    return out


PLAN_VARIANTS = {"plan": PLAN_CRITERIA, "plan-history": edge_vectors.with_history(PLAN_CRITERIA),
                 "plan-inherited": edge_vectors.with_inherited_names(PLAN_CRITERIA)}


def plan_cases() -> list[dict]:
    cases = []
    docs = [("plan", d) for d in PLAN_CASES + edge_vectors.plan_edges(PLAN_CRITERIA)]
    docs += [(key, d) for key in ("plan-history", "plan-inherited") for d in [PLAN_CASES[0], *edge_vectors.plan_edges(PLAN_CRITERIA)]]
    for lang in plan.LABELS:
        for key, d in docs:
            criteria = PLAN_VARIANTS[key]
            read = assessment.parse_answers(criteria, d)
            result = assessment.score(criteria, read)
            for annex in (True, False):
                cases.append({"lang": lang, "criteria": key, "doc": d, "result": result, "labels": plan.LABELS[lang], "annex": annex,
                              "outline": plan.outline(criteria, read, result, lang, annex),
                              "checks": plan.plan_checks(criteria, read, result),
                              "markdown": plan.markdown(criteria, read, result, lang, annex=annex),
                              "html": plan.html_page(criteria, read, result, lang, annex)})
    return cases


def quantity_cases() -> list[dict]:
    """Each number item answered in each unit (and in none, and in one no criteria know), as the plan writes it."""
    cases = []
    for item in PLAN_CRITERIA.items:
        if item.kind == "check":
            continue
        for unit in [*PLAN_CRITERIA.units, None, "fortnight"]:
            for value in (3, 0.5):
                answer = answers.Answer(value=value, unit=unit)
                for lang in plan.LABELS:
                    cases.append({"item": item.id, "answer": {"value": value, **({"unit": unit} if unit else {})}, "lang": lang,
                                  "text": plan.answer_quantity(PLAN_CRITERIA, item, answer, lang)})
    return cases


def evidence_cases() -> dict:
    """The ticket-export vectors (files) and the measure's branch rows, with Python's aggregate of each."""
    from assessment.evidence.measure import attainment_target, to_json
    from assessment.evidence.export_file import measure_file

    files = []
    for v in evidence_vectors.VECTORS:
        path = evidence_vectors.DIR / v["file"]
        files.append({"name": f"{v['file']}: {v['name']}", "base64": _b64(path.read_bytes()),
                      "options": evidence_vectors.js_options(v),
                      "python": to_json(measure_file(path, evidence_vectors.options(v), evidence_vectors.THRESHOLD))})
    rows = [{**case, "python": evidence_rows.python_measures(case)} for case in evidence_rows.cases()]
    criteria = evidence_vectors.CRITERIA
    return {"criteria": _criteria_json(criteria), "threshold": evidence_vectors.THRESHOLD,
            "attainment_target": attainment_target(criteria), "files": files, "rows": rows}


# What each Node test file reads: the fixtures are written per file when only one is run (a mutant of
# plan/plan.py needs only plan.test.mjs and the plan's cases).
PARTS = {"scoring": ("criteria", "answers"), "answers-file": ("criteria", "answers"), "review-file": ("criteria", "reviews", "bindings"),
         "plan": ("criteria", "plan", "page_css", "quantities"), "formatting": ("numbers", "percents", "shown"), "fields": (), "measure": ("evidence",),
         "display": ("evidence_display",)}


def fixtures(parts: tuple[str, ...] | None = None) -> dict:
    makers = {
        "criteria": lambda: {"test": _criteria_json(TEST), "bundled": _criteria_json(BUNDLED),
                             "test-ready": _criteria_json(with_reachable_ready_percent(TEST)), "history": _criteria_json(HISTORY),
                             "review": _criteria_json(review_vectors.CRITERIA),
                             **{key: _criteria_json(c) for key, c in PLAN_VARIANTS.items()}},
        "answers": answers_cases, "reviews": review_cases, "bindings": binding_cases, "plan": plan_cases, "quantities": quantity_cases, "page_css": lambda: plan.PAGE_CSS,
        "evidence": evidence_cases, "evidence_display": evidence_display_cases,
        # Shares as a percent with one decimal: every tie a double can hold at that precision lies in k/400.
        "percents": lambda: [[s, formatting.share_percent(s)] for s in sorted({k / d for d in (400, 1000, 1024, 3) for k in range(d + 1)})],
        # Around each switch of JavaScript's Number::toString: 21 digits and 22, 1e-6 and 1e-7, negatives.
        "shown": lambda: [[v, formatting.show(v)] for v in (None, True, False, 0, 2.5, 1e21, "a", "x" * 40, "y" * 41, "中" * 41,
                                                           "\U0001F600" * 41, [1], {"a": 1})],
        "numbers": lambda: [[v, js_number(v)] for v in (0, 1, 2.5, 0.00001, 1e-7, 0.1 + 0.2, 1e21, 5e-324, 1 / 3, 2 ** 53,
                                                          -1.5, 1e20, 123456789012345680000.0, -0.0, -1e-7, 1e-6, 1.5e-7,
                                                          -2 ** 53, 1e300, 1.5e21, 999999999999999900000.0)],
    }
    return {name: make() for name, make in makers.items() if parts is None or name in parts}


def write(path: Path, parts: tuple[str, ...] | None = None) -> Path:
    # ASCII, so that lone surrogates in the vectors travel as \\u escapes, as the checklist reads them.
    path.write_text(json.dumps(fixtures(parts)), encoding="ascii")
    return path


if __name__ == "__main__":
    # OUT.json [MODULE]: with a module, only the fixtures its Node test reads (a smaller file to parse per mutant).
    write(Path(sys.argv[1]), PARTS[sys.argv[2]] if len(sys.argv) > 2 else None)
