"""`python -m assessment evidence`: the same JSON as the reference reader and the browser, and hostile
exports refused or contained with "FILE: where: what" and exit 2, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import resource
from datetime import datetime

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from assessment.evidence.measure import to_json
from assessment.evidence.export_file import measure_file
from assessment.evidence.reading import Options
from tests.cli import run
from tests.evidence_exports import write_zendesk, write_zip_bomb
from tests.evidence_vectors import DIR, THRESHOLD, VECTORS, differences, options
from tests.xlsx_files import write_xlsx

CRITERIA = ["--criteria", DIR.parent / "criteria.yml"]


def cli_args(vector: dict) -> list:
    args = ["evidence", DIR / vector["file"], "--format", "json", *CRITERIA]
    if vector["preset"]:
        args += ["--preset", vector["preset"]]
    for column, role in vector["map"]:
        args += ["--map", f"{column}={role}"]
    if vector["tz"]:
        args += ["--tz", vector["tz"]]
    if vector["until"]:
        args += ["--until", vector["until"]]
    return args


@pytest.mark.parametrize("vector", VECTORS, ids=[v["file"] + ": " + v["name"][:40] for v in VECTORS])
def test_the_command_prints_the_reference_json_for_each_vector(vector):
    code, out, err = run(cli_args(vector))
    assert (code, err) == (0, "")
    assert out == to_json(measure_file(DIR / vector["file"], options(vector), THRESHOLD)) + "\n"
    assert differences(vector["expected"], json.loads(out)) == []


@pytest.mark.parametrize("lang, words", [("zh", ["时限内答复", "按渠道", "一周中给出首次答复的小时"]),
                                         ("en", ["Replied within the threshold", "By channel", "Hours of the week"])])
def test_text_shows_attainment_channels_and_the_week_in_the_chosen_language(lang, words):
    vector = VECTORS[0]
    code, out, err = run([a for a in cli_args(vector) if a not in ("--format", "json")] + ["--lang", lang])
    assert code == 0 and all(w in out for w in words)
    assert "60.0%" in out  # the vector's attainment, 3 of 5


# --- DuckDB and the row-by-row reference agree on random exports ------------------------------------

TIMES = st.one_of(
    st.sampled_from(["", " ", "2024-03-01 08:05:00", "2024-03-01 08:05", "2024/3/1 8:05", "2024年03月01日 08:05",
                     "2024-03-01T00:05:00Z", "2024-03-01 08:05:00+09:00", "45352.3368", "1709251500", "1709251500000",
                     "2024-02-30 08:00:00", "9999-12-31 23:59:59", "0000-01-01 00:00:00", "yesterday", "2024-03-01",
                     "2024-03-31 01:30:00", "2024-10-27 01:30:00", "=NOW()", "2024-03-01 8:5:00"]),
    st.builds(lambda d, h, m, s: f"2024-03-{d:02d} {h:02d}:{m:02d}:{s:02d}", st.integers(1, 9), st.integers(0, 23),
              st.integers(0, 59), st.integers(0, 59)))
DURATIONS = st.one_of(st.sampled_from(["", "0", "-5", "1.5", "59.9999", "60", "61", "abc", "1e3", "999999999999"]),
                      st.integers(0, 600).map(str))
ROWS = st.lists(st.tuples(st.sampled_from(["", "1", "2", "3", "4", "a", "b"]), TIMES, TIMES, DURATIONS,
                          st.sampled_from(["web", "热线", " web ", "", "微信"]),
                          st.sampled_from(["", "是", "Y", "0", "yes"])), min_size=1, max_size=40)


def write_rows(path, rows, encoding="utf-8"):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "arrived", "replied", "minutes", "channel", "fwd"])
    w.writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.generate])  # shrinking a DuckDB run takes minutes; the example is shown whole
@given(ROWS, st.sampled_from(["replied", "minutes"]), st.sampled_from(["Asia/Shanghai", "Europe/London"]),
       st.sampled_from([None, "2024-03-05 12:00"]))
def test_duckdb_and_the_reference_reader_give_the_same_bytes_on_random_exports(tmp_path, rows, reply, zone, until):
    path = tmp_path / "random.csv"
    write_rows(path, rows, encoding="gb18030")
    role = "replied" if reply == "replied" else "reply_minutes"
    opts = Options(None, (("id", "id"), ("arrived", "arrived"), (reply, role), ("channel", "channel"),
                          ("fwd", "forwarded")), zone, until)
    assert to_json(measure_file(path, opts, 60, engine="duckdb")) == to_json(measure_file(path, opts, 60))


def test_duckdb_keeps_the_first_of_duplicate_ids_in_a_large_file(tmp_path):
    path = write_zendesk(tmp_path / "z.csv", 30_000)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # Repeat ids far apart, with other times, so that keeping the later row would change the figures.
    for n in range(1, 20_000, 997):
        cells = lines[n].split(",")
        lines.append(",".join([cells[0], *cells[1:3], "2024-12-01 00:00:00", *cells[4:]]))
    path.write_text("".join(lines), encoding="utf-8")
    a, b = measure_file(path, Options(), 60, engine="duckdb"), measure_file(path, Options(), 60)
    assert to_json(a) == to_json(b) and a["excluded"]["duplicate_id"] == len(range(1, 20_000, 997))


# --- bad and hostile files ---------------------------------------------------------------------------


def refused(path, *extra) -> str:
    code, out, err = run(["evidence", path, *extra, *CRITERIA])
    assert (code, out) == (2, ""), err
    assert err.startswith(f"{path}: ") and err.count("\n") == 1 and "Traceback" not in err
    return err[len(str(path)) + 2:]


def test_a_missing_file_an_empty_file_and_a_file_without_a_header_are_refused(tmp_path):
    assert refused(tmp_path / "none.csv").startswith("(file): cannot read")
    (tmp_path / "empty.csv").write_bytes(b"")
    assert refused(tmp_path / "empty.csv") == "line 1: the file is empty\n"
    (tmp_path / "blank.csv").write_bytes(b" , \n1,2\n")
    assert refused(tmp_path / "blank.csv") == "line 1: no header row\n"


def test_columns_that_cannot_be_found_are_named(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert refused(path).startswith("header: no column for the contact's arrival time")
    assert refused(path, "--map", "c=arrived").startswith("--map c=arrived: no column 'c' in the header")
    assert refused(path, "--map", "a=arrived", "--map", "b=replied", "--tz", "Mars/Base") == \
        "--tz: unknown time zone 'Mars/Base'\n"
    assert refused(path, "--map", "a=arrived", "--map", "b=replied", "--until", "soon").startswith("--until: 'soon'")


def test_nul_bytes_are_refused_with_their_line(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"ID,Created at,First reply time in minutes\n1,2024-03-01 08:00:00,5\n2,\x00\x00,5\n")
    assert refused(path) == "line 3: a NUL byte; this is not a text export\n"


def test_mixed_encodings_are_refused_not_garbled(tmp_path):
    path = tmp_path / "mixed.csv"
    head = "ID,Created at,First reply time in minutes,Via\n".encode() + "1,2024-03-01 08:00:00,5,热线\n".encode() * 5000
    path.write_bytes(head + "2,2024-03-01 09:00:00,5,热线\n".encode("gb18030"))
    assert refused(path).startswith("after line ") and "not UTF-8 (mixed encodings?)" in refused(path)


def test_a_10_mb_cell_is_refused_in_csv(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"ID,Created at,First reply time in minutes\n1,2024-03-01 08:00:00,5\n2,\"" + b"x" * 10_000_000
                     + b"\",5\n")
    assert "a row longer than 8000000 bytes" in refused(path)


def test_formula_cells_are_only_text_that_is_not_a_time(tmp_path):
    path = tmp_path / "formula.csv"
    path.write_text('ID,Created at,First reply time in minutes,Via\n1,=NOW(),5,"=HYPERLINK(""http://x"")"\n'
                    '2,2024-03-01 08:00:00,5,=1+1\n', encoding="utf-8")
    code, out, err = run(["evidence", path, "--format", "json", *CRITERIA])
    got = json.loads(out)
    assert code == 0 and got["excluded"]["unparseable_time"] == 1 and got["by_channel"][0]["channel"] == "=1+1"
    code, out, err = run(["evidence", path, *CRITERIA])
    assert code == 0 and "=1+1" in out


def test_year_9999_is_out_of_range_not_the_cut_off(tmp_path):
    path = tmp_path / "y.csv"
    path.write_text("ID,Created at,First reply time in minutes\n1,2024-03-01 08:00:00,5\n2,9999-12-31 23:59:59,\n"
                    "3,45352,\n4,2958465.99,\n", encoding="utf-8")
    code, out, err = run(["evidence", path, "--format", "json", *CRITERIA])
    got = json.loads(out)
    assert got["excluded"]["out_of_range_time"] == 2 and got["cutoff"] == "2024-03-01T08:05:00+08:00"


def test_an_xlsx_export_reads_typed_dates_and_numbers_like_csv(tmp_path):
    rows = [["ID", "Created at", "First reply time in minutes", "Via"],
            [1, datetime(2024, 3, 1, 8, 5), 30, "web"], [2, "2024-03-01 09:00:00", ("A1+29", 61), "email"],
            [3, 45352.5, None, "web"], [None, None, None, None]]
    xlsx = write_xlsx(tmp_path / "z.xlsx", rows)
    path = tmp_path / "z.csv"
    path.write_text("ID,Created at,First reply time in minutes,Via\n1,2024-03-01 08:05:00,30,web\n"
                    "2,2024-03-01 09:00:00,61,email\n3,45352.5,,web\n", encoding="utf-8")
    code, out, err = run(["evidence", xlsx, "--format", "json", *CRITERIA])
    a, b = json.loads(out), measure_file(path, Options(), THRESHOLD)
    assert code == 0 and a["source"]["format"] == "xlsx"
    assert {k: v for k, v in a.items() if k != "source"} == {k: v for k, v in b.items() if k != "source"}


def test_an_xlsx_claiming_a_billion_rows_is_read_for_the_rows_it_has(tmp_path):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    xlsx = write_xlsx(tmp_path / "claim.xlsx", [["ID", "Created at", "First reply time in minutes"],
                                                [1, "2024-03-01 08:00:00", 5]], dimension="A1:XFD1000000000")
    code, out, err = run(["evidence", xlsx, "--format", "json", *CRITERIA])
    assert code == 0 and json.loads(out)["rows"] == 1
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB: nothing sized by the claim


def test_a_zip_bomb_dressed_as_xlsx_is_refused_before_it_is_inflated(tmp_path):
    path = write_zip_bomb(tmp_path / "bomb.xlsx")
    assert "would inflate" in refused(path) and "(a zip bomb?)" in refused(path)


def test_a_file_that_only_starts_like_a_zip_is_refused(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert refused(path).startswith("(file): not an XLSX file")


def test_more_than_200_channels_is_refused_as_the_wrong_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("ID,Created at,First reply time in minutes,Via\n" +
                    "".join(f"{n},2024-03-01 08:00:00,5,c{n}\n" for n in range(201)), encoding="utf-8")
    assert refused(path) == "column 'Via': more than 200 different channels; is it the channel column?\n"
