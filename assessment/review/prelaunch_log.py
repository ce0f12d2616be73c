"""The operator's pre-launch test log (clause 3.3): the review file's `test_log`, and its figures.

A reviewer contacts each channel the SP declared, at night, at a weekend and on a public holiday,
and logs each test: channel, when the contact was made, when the first reply came (empty: none
yet), a note. The figures are the ticket evidence's own (assessment/evidence/measure.py `Measure`): each
test is a ticket (id = its row number, arrival = the contact, first reply, channel), the cut-off is
`as_of` (when the figures were taken: the export) or else the latest time in the log, against
clause 4.2's threshold. Which kinds of hour each channel was tested in comes from
assessment/prelaunch_schedule.yml.

Contract with docs/assets/javascripts/review/prelaunch-log.js: the same problems byte for byte
(tests/vectors/reviews.json) and the same figures (tests/vectors/test_log.json).

Twin: docs/assets/javascripts/review/prelaunch-log.js (the same rule in the browser).
"""

from __future__ import annotations

import re

from assessment.shared.blank import is_blank
from assessment.criteria import quantity
from assessment.criteria.model import Criteria
from assessment.shared.formatting import share_percent
from assessment.evidence.measure import Measure, threshold_minutes
from assessment.evidence.times import DAY, HOUR, Zone, civil_from_days, days_from_civil, local_fields, trim
from assessment.review.prelaunch_schedule import Schedule
from assessment.criteria import texts

LABELS = texts.table("review")

ZONES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "UTC")
DEFAULT_ZONE = ZONES[0]
MAX_TESTS = 300
MAX_CHANNEL = 60  # evidence/measure.py MAX_CHANNEL_CHARS: a longer name would be cut there
MAX_NOTE = 500
LOG_KEYS = ("time_zone", "as_of", "tests")
TEST_KEYS = ("channel", "contacted", "replied", "note")
KINDS = ("night", "weekend", "holiday")
_TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})")


def is_time(value: object) -> bool:
    """A local time written YYYY-MM-DDTHH:MM (an <input type=datetime-local>'s value), 2000–2099."""
    m = _TIME.fullmatch(value) if isinstance(value, str) else None
    if not m:
        return False
    y, mo, d, h, mi = (int(g) for g in m.groups())
    if not (2000 <= y <= 2099 and 1 <= mo <= 12 and h <= 23 and mi <= 59):
        return False
    return civil_from_days(days_from_civil(y, mo, d)) == (y, mo, d)


def problems(log: object, show, quote) -> list[str]:
    """Every problem of a `test_log` block as "where: what" (show/quote: review/review_file.py's)."""
    if not isinstance(log, dict):
        return [f"test_log: expected an object, got {show(log)}"]
    out = [f"test_log: unknown key {quote(k)}" for k in log if k not in LOG_KEYS]
    zone = log.get("time_zone")
    if zone not in ZONES:
        out.append(f"test_log.time_zone: expected one of {', '.join(ZONES)}, got {show(zone)}")
    if "as_of" in log and not is_time(log["as_of"]):
        out.append(f"test_log.as_of: expected a time YYYY-MM-DDTHH:MM from 2000 to 2099, got {show(log['as_of'])}")
    tests = log.get("tests")
    if not isinstance(tests, list):
        return out + [f"test_log.tests: expected a list, got {show(tests)}"]
    if len(tests) > MAX_TESTS:
        return out + [f"test_log.tests: more than {MAX_TESTS} tests"]
    for n, test in enumerate(tests):
        out += _test_problems(f"test_log.tests[{n}]", test, show, quote)
    return out


def _test_problems(where: str, test: object, show, quote) -> list[str]:
    if not isinstance(test, dict):
        return [f"{where}: expected an object, got {show(test)}"]
    out = [f"{where}: unknown key {quote(k)}" for k in test if k not in TEST_KEYS]
    channel = test.get("channel")
    if not (isinstance(channel, str) and not is_blank(channel)):
        out.append(f"{where}.channel: expected a text, got {show(channel)}")
    elif len(channel) > MAX_CHANNEL:
        out.append(f"{where}.channel: longer than {MAX_CHANNEL} characters")
    contacted, replied = test.get("contacted"), test.get("replied", "")
    if not is_time(contacted):
        out.append(f"{where}.contacted: expected a time YYYY-MM-DDTHH:MM from 2000 to 2099, got {show(contacted)}")
    if replied != "" and not is_time(replied):
        out.append(f"{where}.replied: expected a time YYYY-MM-DDTHH:MM from 2000 to 2099 or \"\", got {show(replied)}")
    elif replied and is_time(contacted) and replied < contacted:
        out.append(f"{where}.replied: before the contact")
    note = test.get("note", "")
    if not isinstance(note, str):
        out.append(f"{where}.note: expected a string, got {show(note)}")
    elif len(note) > MAX_NOTE:
        out.append(f"{where}.note: longer than {MAX_NOTE} characters")
    return out


# --- the figures ----------------------------------------------------------------------------------


def _local_ms(text: str) -> int:
    y, mo, d, h, mi = (int(g) for g in _TIME.fullmatch(text).groups())
    return days_from_civil(y, mo, d) * DAY + h * HOUR + mi * 60_000


def kinds(utc_ms: int, zone: Zone, schedule: Schedule) -> list[str]:
    """Which kinds of hour an instant falls in: night, weekend, holiday (in the zone)."""
    y, m, d, hour, _, weekday = local_fields(utc_ms, zone)
    out = []
    if schedule.night[0] <= hour < schedule.night[1]:
        out.append("night")
    if weekday >= 5:
        out.append("weekend")
    if f"{y:04d}-{m:02d}-{d:02d}" in schedule.holidays:
        out.append("holiday")
    return out


def figures(criteria: Criteria, log: dict, schedule: Schedule, as_of: str | None = None) -> dict:
    """The figures of a valid log: evidence/measure.py's totals and by-channel figures for its tests, plus the
    kinds of hour each channel was tested in. `as_of` (YYYY-MM-DDTHH:MM, the log's zone) is the
    cut-off, else the log's own `as_of`, else the latest time in the log; tests after it are planned."""
    zone = Zone(log["time_zone"])
    as_of = as_of or log.get("as_of")
    until = zone.to_utc(_local_ms(as_of)) if as_of else None
    measure = Measure({"id": 0, "arrived": 1, "replied": 2, "channel": 3}, zone, threshold_minutes(criteria), until)
    covered: dict[str, set[str]] = {}
    for n, test in enumerate(log["tests"]):
        measure.add([str(n + 1), test["contacted"], test.get("replied", ""), test["channel"]])
        at = zone.to_utc(_local_ms(test["contacted"]))
        if until is None or at <= until:
            covered.setdefault(trim(test["channel"])[:MAX_CHANNEL], set()).update(kinds(at, zone, schedule))
    result = measure.result()
    keep = ("tickets", "within", "late", "unanswered_breached", "pending", "attainment", "p50_minutes", "p90_minutes")
    return {
        "time_zone": zone.name, "threshold_minutes": result["threshold_minutes"], "cutoff": result["cutoff"],
        **{k: result[k] for k in keep}, "planned": result["excluded"]["after_cutoff"],
        "by_channel": [{"channel": c["channel"], **{k: c[k] for k in keep},
                        **{k: k in covered.get(c["channel"], ()) for k in KINDS}} for c in result["by_channel"]],
    }


# --- in words (cli/review.py; the checklist and the review page write the same, test-log-view.js) ---


def _shown_time(text: str) -> str:
    return text.replace("T", " ")


def figure_lines(criteria: Criteria, figures: dict, lang: str) -> list[str]:
    """The figures in words: the totals, the planned tests, one line per channel."""
    t = LABELS[lang]
    out = [t["tl_figures"].format(
        tests=figures["tickets"], cutoff=_shown_time((figures["cutoff"] or "—")[:16]),
        percent=share_percent(figures["attainment"]), threshold=quantity.minutes_text(criteria, figures["threshold_minutes"], lang),
        within=figures["within"], late=figures["late"], breached=figures["unanswered_breached"], pending=figures["pending"])]
    if figures["planned"]:
        out.append(t["tl_planned"].format(n=figures["planned"]))
    word = {True: t["tl_tested"], False: t["tl_untested"]}
    out += [t["tl_channel_line"].format(channel=c["channel"], tests=c["tickets"], percent=share_percent(c["attainment"]),
                                        **{k: word[c[k]] for k in KINDS}) for c in figures["by_channel"]]
    return out


def row_line(n: int, test: dict, lang: str) -> str:
    """One test in words: "1. 热线：2026-10-01 03:10 联系，2026-10-01 03:20 答复"."""
    labels = LABELS[lang]
    replied = test.get("replied", "")
    said = labels["tl_replied_at"].format(replied=_shown_time(replied)) if replied else labels["tl_no_reply"]
    return labels["tl_row"].format(n=n, channel=test["channel"], contacted=_shown_time(test["contacted"]), replied=said)
