"""Property-based fuzzing of `evidence` (issue 17's hostile exports) and of answers files carrying a
fuzzed `evidence` block through every command that reads one: whatever the bytes, a command prints
(exit 0, or 1 where it says so) or refuses with nothing but "FILE: where: what" lines and exit 2;
never a traceback, never half an output."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.cli import run
from tests.evidence_vectors import DIR
from tests.test_fuzz_commands import ANSWERS_COMMANDS, CRITERIA, check, json_values

ZENDESK = ["ID", "Created at", "Via", "First reply time in minutes"]
# Cells that look like what exports hold, and what strangers put there instead.
times = st.one_of(
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S")),
    st.datetimes().map(lambda d: f"{d.year}/{d.month}/{d.day} {d.hour}:{d.minute:02d}"),
    st.datetimes().map(lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日 {d.hour:02d}:{d.minute:02d}"),
    st.integers(min_value=-10**20, max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "9999-12-31 23:59:59", "0000-00-00", "=1+1", "@SUM(A1)", "\x00", "NaN", "-0"]),
    st.text(max_size=12))
cells = st.one_of(times, st.text(max_size=20), st.integers().map(str))
rows = st.lists(st.tuples(cells, times, cells, cells), max_size=12)


def export_bytes(body: list[tuple], encoding: str, sep: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(ZENDESK)
    writer.writerows(body)
    text = out.getvalue()
    return text.encode(encoding, "replace") if encoding != "utf-8-sig" else b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")


exports = st.one_of(
    st.builds(export_bytes, rows, st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]), st.sampled_from([",", ";", "\t"])),
    st.binary(max_size=200),
    st.binary(max_size=60).map(lambda b: b"PK\x03\x04" + b),  # starts like an XLSX
    st.builds(lambda head, tail: head + tail, st.just(b"ID,Created at\r\n"), st.binary(max_size=80)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(exports, st.sampled_from(["zh", "en"]))
@example((DIR / "zendesk.csv").read_bytes(), "zh")
@example(b"ID,Created at,First reply time in minutes\r\n1,2024-03-01 08:00,1e400\r\n", "en")
@example(b"ID,Created at,First reply time in minutes\r\n1,9999-12-31 23:59,5\r\n", "en")
def test_evidence_measures_or_refuses_any_export_cleanly_in_every_format(tmp_path, data, lang):
    path = tmp_path / "tickets.csv"
    path.write_bytes(data)
    codes = {check(path, ["evidence", path, "--format", fmt, "--lang", lang, *CRITERIA], (0, 2)) for fmt in ("text", "json")}
    assert len(codes) == 1  # both formats accept or both refuse
    if codes == {0}:
        code, out, _ = run(["evidence", path, "--format", "json", *CRITERIA])
        result = json.loads(out)
        assert result["tickets"] == result["within"] + result["late"] + result["unanswered_breached"] + result["pending"]


VALID_BLOCK = json.loads((DIR / "answers.json").read_text(encoding="utf-8"))["vectors"][0]["doc"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(VALID_BLOCK.get("evidence") or {"tickets": 0})), json_values, max_size=3))
def test_an_answers_file_with_a_fuzzed_evidence_block_is_read_or_refused_cleanly_by_every_command(tmp_path, changes):
    doc = json.loads(json.dumps(VALID_BLOCK))
    if isinstance(doc.get("evidence"), dict):
        doc["evidence"].update(changes)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for argv in ANSWERS_COMMANDS:
        check(path, [argv[0], path, *argv[1:], *CRITERIA], (0, 2))
    code, out, err = run(["summary", path, "--csv", *CRITERIA])
    assert code in (0, 1) and "Traceback" not in err and "answers.json" in out
