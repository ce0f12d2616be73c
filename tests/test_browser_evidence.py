"""The checklist's evidence view in Chromium: a ticket export picked in the page gives the command line's
figures, columns are mapped by hand, Cancel keeps nothing, hostile files are refused with the command
line's message while the page stays responsive, Attach stores the aggregate alone (and it survives a
reload), no request leaves the site, axe finds nothing, and the keyboard alone does all of it."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

import assessment
from assessment.evidence.measure import threshold_minutes
from assessment.criteria.texts import table
from tests.browser_checks import axe_violations, record_requests
from tests.checklist_page import entries, open_checklist
from tests.cli import run
from tests.evidence_exports import write_zip_bomb
from tests.evidence_vectors import DIR
from tests.xlsx_files import write_xlsx

T = table("evidence_view")
THRESHOLD = threshold_minutes(assessment.load())


@pytest.fixture
def view(page, served_site):
    """The evidence view of a checklist with nothing saved; every request off 127.0.0.1 fails, and every
    request the page and its workers make is recorded and must stay on 127.0.0.1."""
    away: list[str] = []

    def guard(route):
        away.append(route.request.url)
        return route.abort()

    # Only foreign addresses are routed, and only for the page: Chromium holds up a module worker's own
    # script while its requests are intercepted; the worker's requests are recorded below all the same.
    page.route(lambda url: urlparse(url).hostname not in ("127.0.0.1", None), guard)
    seen = record_requests(page)
    open_checklist(page, served_site, empty=True)
    page.locator("[data-view-link=evidence]").click()
    page.wait_for_selector("#cl-evidence[data-ready=true]")
    yield page
    assert away == [], f"requests left the site: {away}"
    assert [u for u in seen if urlparse(u).hostname != "127.0.0.1"] == []


def cli_json(path, *extra) -> dict:
    code, out, err = run(["evidence", path, "--format", "json", *extra])
    assert code == 0, err
    return json.loads(out)


def cli_refusal(path) -> str:
    code, out, err = run(["evidence", path])
    assert code == 2, out
    return err[len(str(path)) + 2:].strip()


def measure(page, path):
    page.set_input_files("#cl-ev-file", str(path))
    page.wait_for_selector("#cl-ev-headline, .cl-ev__message--error", timeout=60_000)


def stored_evidence(page):
    return [e["doc"].get("evidence") for e in entries(page).values()]


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def zendesk_xlsx(tmp_path, shared=True):
    from tests.evidence_xlsx_cases import _vector_rows
    return write_xlsx(tmp_path / "zendesk.xlsx", _vector_rows(DIR / "zendesk.csv"), shared=shared)


@pytest.mark.parametrize("name", ["zendesk.csv", "freshdesk-bom.csv", "zammad-gb18030.csv", "qidian.csv", "xlsx"])
def test_a_picked_export_shows_and_attaches_the_command_lines_figures(view, tmp_path, name):
    path = zendesk_xlsx(tmp_path) if name == "xlsx" else DIR / name
    want = cli_json(path)
    measure(view, path)
    measured = want["within"] + want["late"] + want["unanswered_breached"]
    headline = view.locator("#cl-ev-headline").text_content()
    assert percent(want["attainment"]) in headline and str(measured) in headline
    table_text = view.locator("#cl-ev-figures").text_content()
    for channel in want["by_channel"]:
        assert channel["channel"] in table_text
    view.locator("#cl-ev-attach-button").click()
    view.wait_for_selector("#cl-ev-remove:not([hidden])")
    assert stored_evidence(view) == [want]


def test_attach_stores_only_the_aggregate_and_it_survives_a_reload(view, served_site, tmp_path):
    path = tmp_path / "secret.csv"
    rows = ["ID,Subject,Created at,First reply time in minutes,Via"]
    rows += [f"TICKET-QZX-{n:04d},SECRET-SUBJECT-{n},2024-03-0{1 + n % 5} 0{n % 10}:15:00,{n * 7 % 90},web" for n in range(40)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    measure(view, path)
    view.locator("#cl-ev-attach-button").click()
    view.wait_for_selector("#cl-ev-remove:not([hidden])")
    dump = view.evaluate("JSON.stringify(Object.fromEntries(Object.entries(localStorage)))")
    assert "TICKET-QZX" not in dump and "SECRET-SUBJECT" not in dump
    assert stored_evidence(view) == [cli_json(path)]
    view.reload()
    view.wait_for_selector("#sp-checklist[data-ready=true]")
    view.locator("[data-view-link=evidence]").click()
    view.wait_for_selector("#cl-evidence[data-ready=true]")
    view.wait_for_selector("#cl-ev-headline")  # the attached figures are drawn again
    assert stored_evidence(view) == [cli_json(path)]
    view.locator("#cl-ev-remove").click()
    assert stored_evidence(view) == [None]
    assert view.locator("#cl-ev-message").text_content() == T[view_lang(view)]["removed"]


def view_lang(page) -> str:
    return page.locator("#sp-checklist").get_attribute("data-lang")


def test_unknown_columns_are_mapped_by_hand(view, tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("单号,进线时间,首答秒数,渠道\nA1,2024-03-01 08:00:00,120,热线\nA2,2024-03-01 09:00:00,7200,热线\n"
                    "A3,2024-03-02 03:00:00,,在线\nA4,2024-03-02 03:10:00,30,在线\n", encoding="utf-8")
    measure(view, path)
    lang = view_lang(view)
    assert view.locator("#cl-ev-preset").text_content() == T[lang]["preset_none"]
    assert view.locator(".cl-ev__message--error").count() == 1
    view.locator("[data-role=kind]").select_option("reply_seconds")
    view.locator("[data-role=id]").select_option(label="单号")
    view.locator("[data-role=channel]").select_option(label="渠道")
    view.locator("[data-role=arrived]").select_option(label="进线时间")
    view.locator("[data-role=reply]").select_option(label="首答秒数")
    view.wait_for_selector("#cl-ev-headline", timeout=30_000)
    want = cli_json(path, "--map", "进线时间=arrived", "--map", "首答秒数=reply_seconds", "--map", "单号=id", "--map", "渠道=channel")
    view.locator("#cl-ev-attach-button").click()
    view.wait_for_selector("#cl-ev-remove:not([hidden])")
    assert stored_evidence(view) == [want]


def big_csv(path, rows=400_000):
    with open(path, "w", encoding="utf-8") as f:
        f.write("ID,Created at,First reply time in minutes,Via\n")
        for n in range(rows):
            f.write(f"{n},2024-03-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:00,{n % 120},web\n")
    return path


def test_cancel_stops_the_reading_and_keeps_nothing(view, tmp_path):
    path = big_csv(tmp_path / "big.csv")
    view.set_input_files("#cl-ev-file", str(path))
    view.wait_for_selector("#cl-ev-progress:not([hidden])")
    view.locator("#cl-ev-cancel").click()
    lang = view_lang(view)
    assert view.locator("#cl-ev-message").text_content() == T[lang]["cancelled"]
    assert view.locator("#cl-ev-progress").is_hidden()
    # A terminated worker posts nothing more, and a message already on its way is not heard: the view
    # listens only to its current worker (evidence/view.js), so nothing below can change later.
    assert view.locator("#cl-ev-figures").inner_html() == ""
    assert view.locator("#cl-ev-attach").is_hidden()
    assert stored_evidence(view) == [None]


def hostile(tmp_path, kind):
    path = tmp_path / f"{kind}.{'xlsx' if kind == 'bomb' else 'csv'}"
    if kind == "bomb":
        return write_zip_bomb(path)
    if kind == "nul":
        path.write_bytes(b"ID,Created at,First reply time in minutes\n1,2024-03-01 08:00:00\x00,5\n")
    if kind == "cell":
        path.write_bytes(b"ID,Created at,First reply time in minutes\n1,2024-03-01 08:00:00,5\n2,\"" + b"x" * 10_000_000 + b"\",5\n")
    if kind == "fake":
        path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    return path


@pytest.mark.parametrize("kind", ["bomb", "nul", "cell", "fake"])
def test_a_hostile_file_is_refused_with_the_command_lines_message_and_the_page_answers(view, tmp_path, kind):
    path = hostile(tmp_path, kind)
    measure(view, path)
    message = view.locator(".cl-ev__message--error").text_content()
    if kind == "cell":  # DuckDB cannot say on which line the long row starts; the browser's reader can
        assert "a row longer than 8000000" in cli_refusal(path) and "a row longer than 8000000" in message
    else:
        assert cli_refusal(path) in message
    assert view.evaluate("1 + 1") == 2
    view.locator("[data-view-link=answers]").click()  # the page still works
    view.wait_for_selector("#cl-form", state="visible")
    assert stored_evidence(view) == [None]


def test_an_xlsx_claiming_a_billion_rows_and_a_year_9999_are_contained(view, tmp_path):
    path = write_xlsx(tmp_path / "claim.xlsx", [["ID", "Created at", "First reply time in minutes"],
                                                [1, "2024-03-01 08:00:00", 5], [2, "9999-12-31 23:59:59", None]],
                      dimension="A1:XFD1000000000")
    want = cli_json(path)
    assert want["excluded"]["out_of_range_time"] == 1
    measure(view, path)
    view.locator("#cl-ev-attach-button").click()
    view.wait_for_selector("#cl-ev-remove:not([hidden])")
    assert stored_evidence(view) == [want]


def test_the_view_with_figures_has_no_axe_violations_in_either_palette(view, tmp_path):
    measure(view, DIR / "zendesk.csv")
    view.locator(".cl-ev__details summary").first.click()
    assert axe_violations(view) == []
    view.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert axe_violations(view) == []


def test_the_keyboard_alone_picks_a_file_measures_and_attaches(view, tmp_path):
    view.locator("[data-view-link=evidence]").focus()
    for _ in range(10):
        view.keyboard.press("Tab")
        if view.evaluate("document.activeElement.id") == "cl-ev-file":
            break
    assert view.evaluate("document.activeElement.id") == "cl-ev-file"
    with view.expect_file_chooser() as chooser:
        view.keyboard.press("Space")
    chooser.value.set_files(str(DIR / "zendesk.csv"))
    view.wait_for_selector("#cl-ev-headline")
    assert view.evaluate("document.activeElement.id") == "cl-ev-headline"  # the result is announced where focus is
    for _ in range(80):
        view.keyboard.press("Tab")
        if view.evaluate("document.activeElement.id") == "cl-ev-attach-button":
            break
    view.keyboard.press("Enter")
    view.wait_for_selector("#cl-ev-remove:not([hidden])")
    assert stored_evidence(view) == [cli_json(DIR / "zendesk.csv")]


def test_another_time_zone_typed_and_a_cut_off_give_the_command_lines_figures(view):
    path = DIR / "zendesk.csv"
    measure(view, path)
    view.locator("#cl-ev-zone").select_option("")
    name = view.locator("#cl-ev-zone-name")
    name.fill("Mars/Olympus_Mons")
    name.press("Enter")
    lang = view_lang(view)
    assert view.locator("#cl-ev-zone-msg").text_content() == T[lang]["zone_bad"].format(zone="Mars/Olympus_Mons")
    assert name.get_attribute("aria-invalid") == "true"
    name.fill("Europe/London")
    name.press("Enter")
    view.wait_for_selector("#cl-ev-headline")
    view.locator("#cl-ev-until").fill("2024-03-02 10:30")
    view.locator("#cl-ev-until").press("Enter")
    view.wait_for_selector("#cl-ev-headline")
    view.locator("#cl-ev-attach-button").click()
    view.wait_for_selector("#cl-ev-remove:not([hidden])")
    assert stored_evidence(view) == [cli_json(path, "--tz", "Europe/London", "--until", "2024-03-02 10:30")]


def test_a_column_the_preset_maps_can_be_left_out_by_hand(view, tmp_path):
    path = DIR / "zendesk.csv"
    measure(view, path)
    view.locator("[data-role=channel]").select_option("")
    view.wait_for_selector("#cl-ev-headline")
    view.locator("#cl-ev-attach-button").click()
    view.wait_for_selector("#cl-ev-remove:not([hidden])")
    [got] = stored_evidence(view)
    # The command line on the same export without its channel column gives the same figures.
    import csv
    import io
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    at = rows[0].index("Via")
    plain = tmp_path / "no-via.csv"
    with open(plain, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([r[:at] + r[at + 1:] for r in rows])
    want = cli_json(plain)
    assert got["preset"] == "zendesk+map" and "channel" not in got["columns"] and got["by_channel"] == []
    skip = {"preset", "source"}
    assert {k: v for k, v in got.items() if k not in skip} == {k: v for k, v in want.items() if k not in skip}


def test_papa_parse_and_the_worker_load_only_when_the_view_is_used(page, served_site):
    seen = record_requests(page)
    open_checklist(page, served_site, empty=True)
    loaded = lambda: {u.split("/assets/", 1)[-1] for u in seen}  # noqa: E731
    papa, worker, view_js, reader = ("vendor/papaparse/papaparse.js", "javascripts/evidence/worker.js",
                                     "javascripts/evidence/view.js", "javascripts/evidence/export-file.js")
    assert not {papa, worker, view_js, reader} & loaded()
    page.locator("[data-view-link=evidence]").click()
    page.wait_for_selector("#cl-evidence[data-ready=true]")
    assert view_js in loaded() and not {papa, worker} & loaded()
    measure(page, DIR / "zendesk.csv")
    assert {worker, papa} <= loaded()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_view_with_figures_fits_a_phone_and_its_targets_a_finger(browser, served_site, lang):
    from tests.test_browser_phone import PHONE, TARGETS
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    open_checklist(phone, served_site, lang, empty=True)
    phone.locator("[data-view-link=evidence]").click()
    phone.wait_for_selector("#cl-evidence[data-ready=true]")
    measure(phone, DIR / "zammad-gb18030.csv")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate(TARGETS) == []
    bottom = phone.evaluate("document.getElementById('cl-bar').getBoundingClientRect().bottom")
    assert bottom <= 110, bottom  # four view tabs still leave the sticky bar short
    context.close()


def test_evidence_attached_in_one_tab_and_a_note_typed_in_another_are_both_kept(view, served_site):
    from tests.checklist_page import current_doc, texts, wait_saved
    other = view.context.new_page()
    open_checklist(other, served_site)
    texts(other, "cs-process").locator("[data-field=note]").fill("另一个标签页的备注")  # before the attach reaches it
    measure(view, DIR / "zendesk.csv")
    view.locator("#cl-ev-attach-button").click()
    view.wait_for_selector("#cl-ev-remove:not([hidden])")
    wait_saved(other)
    for tab in (view, other):
        tab.reload()
        tab.wait_for_selector("#sp-checklist[data-ready=true]")
        doc = current_doc(tab)
        assert doc["evidence"] == cli_json(DIR / "zendesk.csv")
        assert doc["answers"]["cs-process"]["note"] == "另一个标签页的备注"
