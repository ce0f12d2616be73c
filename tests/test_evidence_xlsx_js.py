"""The browser's XLSX reader (evidence/xlsx.js, in Chromium) gives python-calamine's rows and, through the
same Measure, the command line's aggregate byte for byte; hostile workbooks stop at its limits."""

from __future__ import annotations

import base64
import zipfile

import pytest

from assessment.evidence.measure import EvidenceError, to_json
from assessment.evidence.export_file import measure_file
from assessment.evidence.xlsx import _data, _rows
from tests.evidence_vectors import THRESHOLD
from tests.evidence_xlsx_cases import cases

MEASURE = """async ([data, options, threshold]) => {
  const f = await import('./assets/javascripts/evidence/export-file.js');
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  try { return JSON.stringify(await f.measureBlob(new Blob([bytes]), options, threshold)); }
  catch (error) { return 'error: ' + error.message; }
}"""

ROWS = """async (data) => {
  const x = await import('./assets/javascripts/evidence/xlsx.js');
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const rows = [];
  await x.readXlsx(new Blob([bytes]), { onHeader: (h) => rows.push(h), onRow: (r) => rows.push(r) });
  return rows;
}"""


def _b64(path) -> str:
    return base64.b64encode(path.read_bytes()).decode()


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    """Rows without trailing blanks, and without leading columns blank throughout (calamine starts its
    range at the first used column; the browser keeps column A: the same cells, shifted)."""
    lead = min((next((i for i, c in enumerate(r) if c != ""), len(r)) for r in rows), default=0)
    out = []
    for r in rows:
        cells = list(r[lead:])
        while cells and cells[-1] == "":
            cells.pop()
        out.append(cells)
    return out


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    return cases(tmp_path_factory.mktemp("xlsx"))


def test_every_workbook_reads_to_calamines_rows_and_the_same_aggregate(site_tab, workbooks):
    from python_calamine import CalamineWorkbook
    for case in workbooks:
        sheet = CalamineWorkbook.from_path(str(case["path"])).get_sheet_by_index(0)
        rows = _rows(sheet)
        try:
            want = [next(rows), *_data(rows)]
        except EvidenceError as exc:
            want = f"error: {exc}"
        got = site_tab.evaluate(f"async (data) => {{ try {{ return await ({ROWS})(data); }} catch (e) {{ return 'error: ' + e.message; }} }}",
                                _b64(case["path"]))
        assert (got if isinstance(got, str) else _trimmed(got)) == (want if isinstance(want, str) else _trimmed(want)), case["name"]
        try:
            python = to_json(measure_file(case["path"], case["options"], THRESHOLD))
        except EvidenceError as exc:
            python = f"error: {exc}"
        assert site_tab.evaluate(MEASURE, [_b64(case["path"]), case["js_options"], THRESHOLD]) == python, case["name"]


def test_an_entry_that_inflates_past_what_it_declares_stops_at_its_declared_size(site_tab, tmp_path):
    path = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<worksheet><sheetData>" + b" " * 2_000_000 + b"</sheetData></worksheet>")
    data = bytearray(path.read_bytes())
    # The central directory says the sheet inflates to 1,000 bytes; it inflates to 2 MB.
    at = data.rindex(b"PK\x01\x02")
    data[at + 24:at + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    out = site_tab.evaluate("""async (data) => {
      const z = await import('./assets/javascripts/evidence/zip.js');
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const blob = new Blob([bytes]);
      const [entry] = await z.readDirectory(blob);
      let n = 0;
      try { for await (const chunk of z.entryChunks(blob, entry)) n += chunk.length; return 'read ' + n; }
      catch (error) { return error.message; }
    }""", _b64(path))
    assert out == "(file): xl/worksheets/sheet1.xml inflates to more than the 1,000 bytes it declares (a zip bomb?)"
