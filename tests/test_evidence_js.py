"""The browser's evidence modules (in Chromium) give the command line's aggregate, byte for byte."""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.evidence import times as t
from assessment.evidence.measure import to_json
from assessment.evidence.columns import MappingError, resolve
from assessment.evidence.export_file import measure_file
from assessment.criteria import versions
from tests.evidence_vectors import CRITERIA, DIR, THRESHOLD, VECTORS, differences, js_options, options

CRITERIA_JSON = versions.published(CRITERIA)

MEASURE = """async ([bytes, options, criteria, chunk]) => {
  const f = await import('./assets/javascripts/evidence/export-file.js');
  const e = await import('./assets/javascripts/evidence/measure.js');
  try {
    return JSON.stringify(f.measureBytes(new Uint8Array(bytes), options, e.thresholdMinutes(criteria), chunk));
  } catch (error) {
    return 'error: ' + error.message;
  }
}"""


@pytest.fixture(scope="module")
def js(site_tab):
    return site_tab


@pytest.mark.parametrize("chunk", [1 << 20, 7], ids=["1 MiB chunks", "7-byte chunks"])
@pytest.mark.parametrize("vector", VECTORS, ids=[v["file"] + ": " + v["name"][:40] for v in VECTORS])
def test_js_measures_each_vector_byte_for_byte_like_python(js, vector, chunk):
    data = (DIR / vector["file"]).read_bytes()
    out = js.evaluate(MEASURE, [list(data), js_options(vector), CRITERIA_JSON, chunk])
    python = to_json(measure_file(DIR / vector["file"], options(vector), THRESHOLD))
    assert out == python
    assert differences(vector["expected"], json.loads(out)) == []


PARSE = """async ([cells, zone]) => {
  const t = await import('./assets/javascripts/evidence/times.js');
  const z = new t.Zone(zone);
  return cells.map((c) => t.parseInstant(t.trim(c), z));
}"""

DURATION = """async ([cells, unit]) => {
  const t = await import('./assets/javascripts/evidence/times.js');
  return cells.map((c) => t.parseDuration(c, unit));
}"""

digits = lambda lo, hi: st.integers(lo, hi).map(str)
pad2 = st.integers(0, 99).map(lambda n: f"{n:02d}")
cells = st.one_of(
    st.builds(lambda y, sep, mo, d, T, h, mi, s, z: f"{y}{sep}{mo}{sep}{d}{T}{h}:{mi}{s}{z}",
              digits(1990, 2110), st.sampled_from(["-", "/", ".", "-"]), st.one_of(digits(0, 13), pad2),
              st.one_of(digits(0, 32), pad2), st.sampled_from([" ", "T", "  "]), st.one_of(digits(0, 25), pad2), pad2,
              st.sampled_from(["", ":00", ":59", ":61", ":30.5", ":30.123456789"]),
              st.sampled_from(["", "Z", "+08:00", "-0330", " +14:00", "+15:00", "+08"])),
    st.builds(lambda y, mo, d, h, mi, s: f"{y}年{mo}月{d}日 {h}:{mi}{s}", digits(1999, 2101), digits(1, 12),
              digits(1, 31), digits(0, 23), pad2, st.sampled_from(["", ":00", ":45"])),
    st.floats(0, 2e14, allow_nan=False).map(lambda x: repr(x) if x < 1e15 else "1"),
    st.integers(0, 10**14).map(str),
    st.text(alphabet="0123456789-/:. T年月日时分秒Z+", max_size=22),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(cells, min_size=50, max_size=50), st.sampled_from(["Asia/Shanghai", "Europe/London", "America/New_York", "UTC"]))
def test_random_cells_read_to_the_same_instant_in_python_and_js(js, batch, zone):
    z = t.Zone(zone)
    assert js.evaluate(PARSE, [batch, zone]) == [t.parse_instant(t.trim(c), z) for c in batch]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.decimals(-10**6, 10**13, places=6, allow_nan=False, allow_infinity=False).map(str),
                          st.text(alphabet="0123456789.-e", max_size=16)), min_size=40, max_size=40),
       st.sampled_from(["minutes", "seconds", "milliseconds"]))
def test_random_durations_round_alike_in_python_and_js(js, batch, unit):
    assert js.evaluate(DURATION, [batch, unit]) == [t.parse_duration(c, unit) for c in batch]


RESOLVE = """async ([header, preset, overrides]) => {
  const c = await import('./assets/javascripts/evidence/columns.js');
  try { return c.resolve(header, preset, overrides); } catch (error) { return 'error: ' + error.message; }
}"""


@pytest.mark.parametrize("header, preset, overrides", [
    (["ID", "Created at", "First reply time in minutes", "Via"], None, []),
    (["\ufeff#", "Created At", "First Response At", "First Response In Min"], None, []),
    (["客服", "会话开始时间", "客服首次发送消息时间", "会话通路"], None, []),
    (["a", "b"], None, [["a", "arrived"], ["b", "reply_milliseconds"]]),
    (["ID", "Created at", "First reply time in minutes", "s"], "zendesk", [["s", "reply_seconds"]]),
    (["a", "b"], "nope", []), (["a", "b"], None, [["a", "begin"]]), (["a", "b"], None, [["c", "arrived"]]),
    (["a", "b"], None, []), (["a", "b"], None, [["a", "arrived"]])])
def test_column_mapping_and_its_messages_match_python(js, header, preset, overrides):
    try:
        used, mapping = resolve(header, preset, [tuple(o) for o in overrides])
        python = [used, mapping]
    except MappingError as exc:
        python = f"error: {exc}"
    assert js.evaluate(RESOLVE, [header, preset, overrides]) == python


HASH = """async ([bytes, cuts]) => {
  const s = await import('./assets/javascripts/shared/sha256.js');
  const data = new Uint8Array(bytes);
  const h = new s.Sha256();
  let at = 0;
  for (const cut of cuts) { h.update(data.subarray(at, cut)); at = cut; }
  h.update(data.subarray(at));
  return [h.hex(), s.sha256(data)];
}"""


def test_sha256_fed_in_pieces_equals_hashlib(js):
    rng = random.Random(17)
    for size in (0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 4097):
        data = bytes(rng.randrange(256) for _ in range(size))
        cuts = sorted(rng.sample(range(size + 1), min(size, 5)))
        want = hashlib.sha256(data).hexdigest()
        assert js.evaluate(HASH, [list(data), cuts]) == [want, want]
