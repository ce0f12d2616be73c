"""First replies measured from ticket exports (assessment/evidence*.py): the rule, proved on hand-worked files."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml

import assessment
from assessment.evidence import times as t
from assessment.evidence.measure import NO_REPLY, REASONS, EvidenceError, attainment_target, measure, threshold_minutes
from assessment.evidence.columns import MappingError, recognise, resolve
from assessment.evidence.export_file import measure_file
from tests.evidence_vectors import DIR, THRESHOLD, VECTORS, differences, options

SHANGHAI = t.Zone("Asia/Shanghai")


@pytest.mark.parametrize("vector", VECTORS, ids=[v["file"] + ": " + v["name"][:40] for v in VECTORS])
def test_each_vector_gives_the_hand_worked_figures(vector):
    got = measure_file(DIR / vector["file"], options(vector), THRESHOLD)
    assert differences(vector["expected"], got) == []
    # What holds for every file: the parts add up, and the grids count what the totals count.
    assert got["tickets"] == got["within"] + got["late"] + got["unanswered_breached"] + got["pending"]
    assert got["rows"] == got["tickets"] + sum(got["excluded"].values())
    assert sum(got["received_by_hour_of_week"]) == got["tickets"]
    assert sum(got["replied_by_hour_of_week"]) == got["within"] + got["late"]
    assert list(got["excluded"]) == list(REASONS)
    data = (DIR / vector["file"]).read_bytes()
    assert got["source"] == {"format": "csv", "encoding": got["source"]["encoding"], "bytes": len(data),
                             "sha256": hashlib.sha256(data).hexdigest()}


def test_the_vectors_cover_every_preset_encoding_unit_and_exclusion_reason():
    results = [measure_file(DIR / v["file"], options(v), THRESHOLD) for v in VECTORS]
    presets = {r["preset"].split("+")[0] for r in results}
    assert {"zendesk", "freshdesk", "zammad", "qidian", "qiyu", "map"} <= presets
    assert {r["source"]["encoding"] for r in results} == {"utf-8", "utf-8-bom", "gb18030"}
    roles = {role for r in results for role in r["columns"]}
    assert {"reply_minutes", "reply_seconds", "reply_milliseconds", "replied", "forwarded"} <= roles
    for reason in REASONS:
        assert any(r["excluded"][reason] for r in results), reason
    assert any(r[f"p{p}_minutes"] == NO_REPLY for r in results for p in (50, 90, 99))
    assert any(v["until"] for v in VECTORS) and any(not v["until"] for v in VECTORS)


# --- the threshold and the target come from the data file ------------------------------------


def _first_reply_key(data: dict) -> str:
    """The threshold key of clause 4.2's item in a criteria file's data."""
    return next(i["threshold"] for i in data["items"] if i.get("clause") == "4.2")


@pytest.mark.parametrize("value, unit", [(30, "minute"), (1.5, "hour"), (2, "hour")])
def test_threshold_is_clause_4_2s_threshold_converted_to_minutes_by_its_unit(value, unit):
    data = yaml.safe_load((DIR.parent / "criteria.yml").read_text(encoding="utf-8"))
    data["thresholds"][_first_reply_key(data)] = {"value": value, "unit": unit}
    criteria = assessment.parse(data)
    assert threshold_minutes(criteria) == value * data["units"][unit]["minutes"]


def test_a_criteria_file_whose_first_reply_threshold_is_not_a_duration_is_refused():
    data = yaml.safe_load((DIR.parent / "criteria.yml").read_text(encoding="utf-8"))
    count = next(k for k, u in data["units"].items() if u["measures"] == "count")
    data["thresholds"][_first_reply_key(data)] = {"value": 1, "unit": count}
    with pytest.raises(assessment.CriteriaError, match=r"c\.yml: evidence\.measures\.first_reply: the threshold '.*' must be in a duration unit"):
        assessment.parse(data, "c.yml")


def test_a_longer_threshold_in_the_data_file_moves_late_replies_to_within(tmp_path):
    data = yaml.safe_load((DIR.parent / "criteria.yml").read_text(encoding="utf-8"))
    data["thresholds"][_first_reply_key(data)] = {"value": 3, "unit": "hour"}
    criteria = assessment.parse(data)
    vector = next(v for v in VECTORS if v["file"] == "freshdesk-bom.csv")
    got = measure_file(DIR / vector["file"], options(vector), threshold_minutes(criteria))
    assert (got["within"], got["late"], got["threshold_minutes"]) == (2, 0, 3 * data["units"]["hour"]["minutes"])


def test_attainment_target_is_this_sites_setting_in_the_data_file_and_validated():
    bundled = assessment.load()
    assert attainment_target(bundled) == bundled.evidence.attainment_target_percent / 100
    text = (assessment.DEFAULT_PATH).read_text(encoding="utf-8")
    assert "this site's setting, not the clause's" in text
    data = yaml.safe_load(text)
    for bad in (0, 101, "95", True, None):
        data["evidence"] = {"attainment_target_percent": bad}
        with pytest.raises(assessment.CriteriaError, match="evidence.attainment_target_percent"):
            assessment.parse(data, "c.yml")
    del data["evidence"]
    with pytest.raises(assessment.CriteriaError, match="evidence: required key is missing"):
        assessment.parse(data, "c.yml")


# --- times ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["2024-03-01 08:05", "2024-03-01 08:05:00", "2024/3/1 8:05", "2024.03.01 08:05",
                                  "2024-03-01T08:05:00.000", "2024年03月01日 08:05", "2024年3月1日 8时05分",
                                  "2024年03月01日 08:05:00", "2024-03-01T00:05:00Z", "2024-03-01 01:05:00+01:00",
                                  "2024-02-29 19:05-0500", "1709251500", "1709251500000", "45352.336805555555",
                                  "45352.33680555555", "\u3000 2024-03-01 08:05 \t"])
def test_every_written_form_of_one_instant_reads_the_same(cell):
    assert t.parse_instant(t.trim(cell), SHANGHAI) == 1_709_251_500_000


@pytest.mark.parametrize("cell, why", [
    ("2024-03-01", t.UNPARSEABLE), ("2024-02-30 08:00", t.UNPARSEABLE), ("2024-03-01 24:00", t.UNPARSEABLE),
    ("2024-03-01 08:60", t.UNPARSEABLE), ("2024-03-01 08:05+15:00", t.UNPARSEABLE), ("yesterday", t.UNPARSEABLE),
    ("２０２４-03-01 08:05", t.UNPARSEABLE), ("0.5", t.UNPARSEABLE), ("=NOW()", t.UNPARSEABLE),
    ("9999-12-31 23:59", t.OUT_OF_RANGE), ("1999-12-31 23:59:59Z", t.OUT_OF_RANGE), ("2958465", t.OUT_OF_RANGE),
    ("100000", t.OUT_OF_RANGE), ("99999999999999", t.OUT_OF_RANGE), ("2100-01-01T00:00:00Z", t.OUT_OF_RANGE)])
def test_unreadable_and_out_of_range_times_are_named(cell, why):
    assert t.parse_instant(cell, SHANGHAI) == why


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "UTC"])
def test_naive_times_across_daylight_saving_read_as_python_fold_0(zone):
    """Every quarter hour over the days of each change in 2024 matches zoneinfo's reading with fold=0."""
    info, z = ZoneInfo(zone), t.Zone(zone)
    noons = [datetime(2024, 1, 1, 12) + timedelta(days=n) for n in range(366)]
    days = [noon for before, noon, after in zip(noons, noons[1:], noons[2:])
            if before.replace(tzinfo=info).utcoffset() != after.replace(tzinfo=info).utcoffset()]
    assert days or zone == "UTC"
    for noon in days + [noons[180]]:
        for minute in range(0, 24 * 60, 15):
            naive = noon.replace(hour=minute // 60, minute=minute % 60)
            want = int(naive.replace(tzinfo=info).timestamp() * 1000)
            assert t.parse_instant(naive.strftime("%Y-%m-%d %H:%M"), z) == want, naive


@pytest.mark.parametrize("cell, unit, ms", [("1.5", "seconds", 1500), ("0.0005", "seconds", 1), ("0.0004", "seconds", 0),
                                            ("3600.0005", "seconds", 3_600_001), ("2.25", "minutes", 135_000),
                                            ("-3", "minutes", -180_000), ("12", "milliseconds", 12), ("0", "minutes", 0)])
def test_durations_are_whole_milliseconds_rounded_half_up(cell, unit, ms):
    assert t.parse_duration(cell, unit) == ms


@pytest.mark.parametrize("cell", ["1e3", "1,5", "", "abc", "1.1234567"])
def test_a_duration_that_is_not_a_plain_decimal_is_unreadable(cell):
    assert t.parse_duration(cell, "seconds") == t.UNPARSEABLE


def test_iso_writes_the_zones_offset():
    assert t.iso(1_709_251_500_000, SHANGHAI) == "2024-03-01T08:05:00+08:00"
    assert t.iso(1_709_251_500_000, t.Zone("America/St_Johns")) == "2024-02-29T20:35:00-03:30"


def test_an_unknown_zone_is_refused():
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Base'"):
        t.Zone("Mars/Base")


# --- columns --------------------------------------------------------------------------------


def test_presets_are_recognised_from_headers_regardless_of_case_blanks_and_bom():
    assert recognise(["\ufeffTicket ID", " created TIME ", "Initial response time"]) == "freshdesk"
    assert recognise(["foo", "bar"]) is None


@pytest.mark.parametrize("preset, overrides, message", [
    ("nope", [], "--preset: unknown preset 'nope'"),
    (None, [("a", "start")], "--map a=start: unknown role 'start'"),
    (None, [("zzz", "arrived")], "--map zzz=arrived: no column 'zzz' in the header"),
    (None, [], "header: no column for the contact's arrival time"),
    (None, [("a", "arrived")], "header: no column for the first reply")])
def test_mapping_problems_say_where_and_what(preset, overrides, message):
    with pytest.raises(MappingError, match="^" + message.replace("(", r"\(")):
        resolve(["a", "b"], preset, overrides)


def test_a_hand_mapped_reply_replaces_the_presets_reply_column():
    header = ["ID", "Created at", "First reply time in minutes", "secs"]
    used, mapping = resolve(header, None, [("secs", "reply_seconds")])
    assert used == "zendesk+map" and mapping == {"id": 0, "arrived": 1, "reply_seconds": 3}


# --- the measure itself -------------------------------------------------------------------------


def rows_measure(rows, until=None, threshold=60):
    mapping = {"id": 0, "arrived": 1, "replied": 2, "channel": 3}
    return measure(rows, mapping, SHANGHAI, threshold, until)


def test_percentiles_by_nearest_rank_count_unanswered_as_longer_than_any_reply():
    # 9 replies of 1..9 minutes and one unanswered, old: p90 is rank 9 (9 minutes), p99 rank 10 (no reply).
    rows = [[str(n), "2024-03-01 08:00", f"2024-03-01 08:0{n}", "web"] for n in range(1, 10)]
    rows.append(["10", "2024-03-01 06:00", "", "web"])
    got = rows_measure(rows)
    assert (got["p50_minutes"], got["p90_minutes"], got["p99_minutes"]) == (5, 9, NO_REPLY)
    assert got["unanswered_breached"] == 1 and got["attainment"] == 0.9


def test_unanswered_tickets_far_apart_are_settled_breached_while_reading_in_flat_memory():
    rows = [[str(n), t.iso(1_709_251_500_000 + n * 7_200_000, SHANGHAI)[:19], "", "web"] for n in range(5000)]
    m_rows = rows_measure(rows)
    assert (m_rows["unanswered_breached"], m_rows["pending"]) == (4999, 1)


def test_more_than_200_channels_is_refused_as_the_wrong_column():
    rows = [[str(n), "2024-03-01 08:00", "", f"c{n}"] for n in range(201)]
    with pytest.raises(EvidenceError, match="more than 200 different channels"):
        rows_measure(rows)
