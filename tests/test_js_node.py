"""The Node tests of the DOM-free modules (tests/js/*.test.mjs, Node's own test runner), run on
fixtures Python writes: answers/scoring.js, review/review-file.js, plan/plan.js, answers/fields.js, evidence/measure.js and evidence/display.js
against the Python reference. One test per module, each writing only the fixtures its file reads, so a
mutation run (`make mutate`) runs for a mutant of plan/plan.py only the plan's Node test."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests import js_fixtures
from tests.site_build import ROOT

MODULES = sorted(p.name.removesuffix(".test.mjs") for p in (ROOT / "tests" / "js").glob("*.test.mjs"))


def test_every_node_test_file_has_its_fixtures_named():
    assert MODULES and set(MODULES) == set(js_fixtures.PARTS)


@pytest.mark.parametrize("module", MODULES)
def test_the_node_tests_of_the_dom_free_module_pass(tmp_path, module):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: install Debian's nodejs")
    fixtures = js_fixtures.write(tmp_path / "fixtures.json", js_fixtures.PARTS[module])
    proc = subprocess.run([node, "--test", "--test-reporter=tap", f"tests/js/{module}.test.mjs"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "SP_JS_FIXTURES": str(fixtures)}, timeout=240)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert "# fail 0" in proc.stdout and "# pass 0" not in proc.stdout
