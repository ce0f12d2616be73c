"""The command line's reader of large CSV exports: DuckDB computes, in SQL, what evidence/measure.py computes row by row.

Python reads a CSV export at about 35,000 rows a second; an SP's year of tickets is millions of
rows. DuckDB reads and groups them vectorised, in parallel, spilling to disk rather than growing
without bound. The SQL below is a twin of the row rule (evidence/measure.py, evidence/times.py): same
trimming, same regular expressions (RE2 has no back-references, so the date separators are compared
instead), integer arithmetic for days and durations, the zone's offsets as a search tree over the
changes `Zone.changes` finds, the same exclusion order. It reduces the rows to counts per month,
channel, forwarded flag and first-reply time; `Measure.add_counted` turns those into the aggregate,
so the figures and the JSON are made by the same code as the row-by-row reading. Tests run every
vector and random files through both and require the same bytes.

Before DuckDB sees the file, Python streams it once: SHA-256, a NUL byte refused, the encoding
checked (DuckDB cannot read GB18030, so such a file is transcoded to a temporary UTF-8 copy, chunk
by chunk).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import tempfile
from pathlib import Path

import duckdb

from assessment.evidence import columns as columns_mod
from assessment.evidence.measure import MAX_CHANNELS, EvidenceError, Measure
from assessment.evidence.csv_text import ENCODING_NAMES, SNIFF_BYTES, delimiter, detect_encoding
from assessment.evidence.reading import until_of, zone_of
from assessment.evidence.times import BLANKS, DAY, EARLIEST, EXCEL_EPOCH_DAYS, HOUR, LATEST, MAX_DURATION, MINUTE, UNITS_MS, Zone

CHUNK = 1 << 20
MAX_LINE_BYTES = 8_000_000
MEMORY_LIMIT = "1GB"
_DASHED = (r"^([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})(?:T| +)([0-9]{1,2}):([0-9]{2})"
           r"(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?(?: *(Z|[+-][0-9]{2}(?::?[0-9]{2})?))?$")
_DASHED_NAMES = ["y", "s1", "mo", "s2", "d", "h", "mi", "s", "f", "z"]
_CHINESE = (r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日 *([0-9]{1,2})(?:[:：]([0-9]{2})(?:[:：]([0-9]{2}))?"
            r"|时([0-9]{1,2})分(?:([0-9]{1,2})秒)?)$")
_CHINESE_NAMES = ["y", "mo", "d", "h", "mi", "s", "mi2", "s2"]
_NUMBER = r"^[0-9]{1,15}(?:\.[0-9]{1,17})?$"
_FAST = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"  # a case of _DASHED
_DURATION = r"^(-?)([0-9]{1,13})(?:\.([0-9]{1,6}))?$"
_FORWARDED = ("1", "true", "yes", "y", "是", "√", "✓", "x")
OK, UNPARSEABLE, OUT_OF_RANGE = 0, 1, 2


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_TRIM_CHARS = _quote(BLANKS)


# --- the file, streamed once by Python ------------------------------------------------------------


def _prepare(path: Path, workdir: str) -> tuple[str, str, dict]:
    """(UTF-8 file for DuckDB, first decoded text, source) after one pass: hash, NUL, encoding, transcoding."""
    sha, size, lines = hashlib.sha256(), 0, 0
    with open(path, "rb") as raw:
        head = raw.read(SNIFF_BYTES)
        encoding = detect_encoding(head)
        decoder = codecs.getincrementaldecoder(encoding)()
        target, out = str(path), None
        if encoding == "gb18030":
            target = os.path.join(workdir, "export.csv")
            out = open(target, "wb")
        first_text = ""
        chunk = head
        try:
            while chunk:
                sha.update(chunk)
                size += len(chunk)
                if b"\x00" in chunk:
                    line = lines + chunk.count(b"\n", 0, chunk.index(b"\x00")) + 1
                    raise EvidenceError(f"line {line}: a NUL byte; this is not a text export")
                try:
                    text = decoder.decode(chunk)
                except UnicodeDecodeError:
                    raise EvidenceError(f"after line {lines}: bytes that are not {encoding.upper().replace('-SIG', '')} "
                                        "(mixed encodings?); save the export in one encoding") from None
                if not first_text:
                    first_text = text
                if out is not None:
                    out.write(text.encode("utf-8"))
                lines += chunk.count(b"\n")
                chunk = raw.read(CHUNK)
            try:
                tail = decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise EvidenceError(f"line {lines + 1}: the file ends inside a character") from None
            if out is not None:
                out.write(tail.encode("utf-8"))
        finally:
            if out is not None:
                out.close()
    if size == 0:
        raise EvidenceError("line 1: the file is empty")
    source = {"format": "csv", "encoding": ENCODING_NAMES[encoding], "bytes": size, "sha256": sha.hexdigest()}
    return target, first_text.lstrip("\ufeff"), source


def _header(first_text: str) -> tuple[list[str], str]:
    line = first_text.split("\n", 1)[0].split("\r", 1)[0]
    sep = delimiter(line)
    try:
        header = next(csv.reader(io.StringIO(first_text), delimiter=sep, strict=False), None)
    except csv.Error as exc:
        raise EvidenceError(f"line 1: {exc}") from None
    if header is None or not any(h.strip() for h in header):
        raise EvidenceError("line 1: no header row")
    return header, sep


# --- SQL twins of the row rule --------------------------------------------------------------------


def _days_from_civil(y: str, m: str, d: str) -> str:
    """days_from_civil for year 0–9999 (no negative years here), integer arithmetic as in Python."""
    yy = f"({y} - CASE WHEN {m} <= 2 THEN 1 ELSE 0 END)"
    era = f"({yy} // 400)"
    yoe = f"({yy} - {era} * 400)"
    doy = f"((153 * ({m} + CASE WHEN {m} > 2 THEN -3 ELSE 9 END) + 2) // 5 + {d} - 1)"
    doe = f"({yoe} * 365 + {yoe} // 4 - {yoe} // 100 + {doy})"
    return f"({era} * 146097 + {doe} - 719468)"


def _month_days(y: str, m: str) -> str:
    leap = f"(({y} % 4 = 0 AND {y} % 100 <> 0) OR {y} % 400 = 0)"
    return f"(CASE WHEN {m} = 2 THEN CASE WHEN {leap} THEN 29 ELSE 28 END WHEN {m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)"


def _tree(value: str, starts: list[int], offsets: list[int]) -> str:
    """offsets[i] for the last starts[i] <= value (offsets[0] below starts[1]), as a balanced CASE."""
    if len(offsets) == 1:
        return str(offsets[0])
    mid = len(offsets) // 2
    return (f"(CASE WHEN {value} < {starts[mid]} THEN {_tree(value, starts[:mid], offsets[:mid])} "
            f"ELSE {_tree(value, starts[mid:], offsets[mid:])} END)")


def _zone_sql(zone: Zone) -> tuple[callable, callable]:
    """(local ms -> UTC ms, UTC ms -> offset) as SQL builders reproducing Zone.to_utc and Zone.offset."""
    changes = zone.changes()
    first = zone.offset(EARLIEST - 3 * DAY)
    utc_starts = [0] + [at for at, _, _ in changes]
    offsets = [first] + [after for _, _, after in changes]
    # A naive local time switches offset at the change's instant plus the larger offset (see evidence_time).
    local_starts = [0] + [at + max(before, after) for at, before, after in changes]
    return (lambda local: f"({local} - {_tree(local, local_starts, offsets)})",
            lambda utc: _tree(f"(({utc}) // 900000 * 900000)", utc_starts, offsets))


# A cell's reading is one BIGINT, value × 8 + kind, so that each cell's expression is evaluated once
# (DuckDB inlines a column defined in a subquery wherever it is used; a parse used five times
# would run five times). Kinds of a time:
EMPTY, UNREADABLE, OUTSIDE, NAIVE, ABSOLUTE = 0, 1, 2, 3, 4


def _big(sql: str) -> str:
    return f"TRY_CAST({sql} AS BIGINT)"


def _fields(y: str, mo: str, d: str, h: str, mi: str, s: str, ms: str, z: str) -> str:
    """The encoded reading of date and time fields, as evidence_time._local decides it."""
    near = f"BETWEEN {EARLIEST - 2 * DAY} AND {LATEST + 2 * DAY - 1}"
    valid = (f"coalesce({mo} BETWEEN 1 AND 12 AND {d} >= 1 AND {d} <= {_month_days(y, mo)} AND {h} <= 23 "
             f"AND {mi} <= 59 AND {s} <= 59, false)")
    local = f"({_days_from_civil(y, mo, d)} * {DAY} + {h} * {HOUR} + {mi} * {MINUTE} + {s} * 1000 + {ms})"
    if z == "''":
        return (f"CASE WHEN NOT {valid} THEN {UNREADABLE} WHEN NOT ({local} {near}) THEN {OUTSIDE} "
                f"ELSE {local} * 8 + {NAIVE} END")
    digits = f"replace(substr({z}, 2), ':', '')"
    oh = _big(f"left({digits}, 2)")
    om = f"coalesce({_big(f'nullif(substr({digits}, 3), {chr(39)}{chr(39)})')}, 0)"
    shift = f"(({oh} * {HOUR} + {om} * {MINUTE}) * CASE WHEN left({z}, 1) = '+' THEN 1 ELSE -1 END)"
    return (f"CASE WHEN NOT {valid} THEN {UNREADABLE} WHEN NOT ({local} {near}) THEN {OUTSIDE} "
            f"WHEN {z} = '' THEN {local} * 8 + {NAIVE} WHEN {z} = 'Z' THEN {local} * 8 + {ABSOLUTE} "
            f"WHEN {oh} > 14 OR {om} > 59 THEN {UNREADABLE} ELSE ({local} - {shift}) * 8 + {ABSOLUTE} END")


def _instant(x: str) -> str:
    """The encoded reading of a trimmed cell `x` (EMPTY when ''), as evidence_time.parse_instant reads it.

    NAIVE values are local milliseconds, still to be placed in the zone; ABSOLUTE ones are UTC;
    neither is yet checked against 2000–2099."""
    v = f"TRY_CAST({x} AS DOUBLE)"
    excel = _big(f"{EXCEL_EPOCH_DAYS * DAY}::DOUBLE + floor({v} * 86400 + 0.5) * 1000")
    near = f"BETWEEN {EARLIEST - 2 * DAY} AND {LATEST + 2 * DAY - 1}"
    number = (f"CASE WHEN {v} < 1 THEN {UNREADABLE} "
              f"WHEN {v} < 1000000 THEN CASE WHEN {excel} {near} THEN {excel} * 8 + {NAIVE} ELSE {OUTSIDE} END "
              f"WHEN {v} >= 1e9 AND {v} < 1e11 THEN {_big(f'floor({v} * 1000 + 0.5)')} * 8 + {ABSOLUTE} "
              f"WHEN {v} >= 1e11 AND {v} < 1e14 THEN {_big(f'floor({v} + 0.5)')} * 8 + {ABSOLUTE} "
              f"ELSE {OUTSIDE} END")
    # The form nearly every export writes, read by DuckDB's strptime (for text of exactly this form
    # it accepts what _fields accepts and reads the same value); its range is checked with NAIVE's.
    # Before 1970 the encoded value is negative: `kind` counts it OUTSIDE, as the range check would.
    fast = f"coalesce(epoch_ms(try_strptime({x}, '%Y-%m-%d %H:%M:%S')) * 8 + {NAIVE}, {UNREADABLE})"
    names = lambda fields: "[" + ", ".join(map(_quote, fields)) + "]"
    dm = f"regexp_extract({x}, {_quote(_DASHED)}, {names(_DASHED_NAMES)})"
    cm = f"regexp_extract({x}, {_quote(_CHINESE)}, {names(_CHINESE_NAMES)})"
    dashed = _fields(_big(f"{dm}.y"), _big(f"{dm}.mo"), _big(f"{dm}.d"), _big(f"{dm}.h"), _big(f"{dm}.mi"),
                     f"coalesce({_big(f'nullif({dm}.s, {chr(39)}{chr(39)})')}, 0)",
                     f"coalesce({_big(f'rpad(left({dm}.f, 3), 3, {chr(39)}0{chr(39)})')}, 0)", f"{dm}.z")
    mi = f"CASE WHEN {cm}.mi <> '' THEN {cm}.mi ELSE {cm}.mi2 END"
    sec = f"CASE WHEN {cm}.mi <> '' THEN {cm}.s ELSE {cm}.s2 END"
    chinese = _fields(_big(f"{cm}.y"), _big(f"{cm}.mo"), _big(f"{cm}.d"), _big(f"{cm}.h"), _big(mi),
                      f"coalesce({_big(f'nullif({sec}, {chr(39)}{chr(39)})')}, 0)", "0", "''")
    return (f"CASE WHEN {x} = '' THEN {EMPTY} "
            f"WHEN regexp_full_match({x}, {_quote(_FAST)}) THEN {fast} "
            f"WHEN regexp_full_match({x}, {_quote(_NUMBER)}) THEN {number} "
            f"WHEN {dm}.y <> '' AND {dm}.s1 = {dm}.s2 THEN {dashed} "
            f"WHEN {cm}.y <> '' THEN {chinese} ELSE {UNREADABLE} END")


def _in_range(value: str) -> str:
    return f"({value} >= {EARLIEST} AND {value} < {LATEST})"


def _duration(x: str, unit: str) -> str:
    """The encoded reading of a trimmed duration cell: (ms + MAX_DURATION) × 8 + kind (EMPTY, UNREADABLE,
    OUTSIDE, or NAIVE for a duration read), as evidence_time.parse_duration reads it."""
    per = UNITS_MS[unit]
    m = f"regexp_extract({x}, {_quote(_DURATION)}, ['sign', 'whole', 'frac'])"
    scale = f"CAST(pow(10, length({m}.frac)) AS HUGEINT)"
    frac = (f"(CASE WHEN {m}.frac = '' THEN 0 ELSE (2 * TRY_CAST({m}.frac AS HUGEINT) * {per} + {scale}) "
            f"// (2 * {scale}) END)")
    ms = f"(TRY_CAST({m}.whole AS HUGEINT) * {per} + {frac})"
    # Whole numbers, what exports write, without the capturing groups (five times slower in DuckDB).
    whole = f"TRY_CAST({x} AS BIGINT) * {per}"
    return (f"CASE WHEN {x} = '' THEN {EMPTY} "
            f"WHEN regexp_full_match({x}, '^[0-9]{{1,12}}$') THEN CASE WHEN {whole} > {MAX_DURATION} THEN {OUTSIDE} "
            f"ELSE ({whole} + {MAX_DURATION}) * 8 + {NAIVE} END "
            f"WHEN {m}.whole = '' THEN {UNREADABLE} "
            f"WHEN {ms} > {MAX_DURATION} THEN {OUTSIDE} "
            f"ELSE CAST(((CASE WHEN {m}.sign = '-' THEN -{ms} ELSE {ms} END) + {MAX_DURATION}) * 8 + {NAIVE} AS BIGINT) END")


# --- the measurement --------------------------------------------------------------------------------


def measure_csv(path: Path, options, threshold: float) -> dict:
    """The aggregate of a CSV export, computed by DuckDB; the same JSON as evidence.measure on its rows."""
    with tempfile.TemporaryDirectory(prefix="sp-evidence-") as workdir:
        target, first_text, source = _prepare(path, workdir)
        header, sep = _header(first_text)
        try:
            preset, mapping = columns_mod.resolve(header, options.preset, list(options.overrides))
        except columns_mod.MappingError as exc:
            raise EvidenceError(str(exc)) from None
        zone = zone_of(options.zone)
        until = until_of(options.until, zone)
        names = {role: header[index].strip(BLANKS) for role, index in mapping.items()}
        m = Measure(mapping, zone, threshold, until, names)
        con = duckdb.connect(config={"temp_directory": workdir, "preserve_insertion_order": True})
        con.execute("SET enable_progress_bar = false")  # its bar would go to the terminal
        # Beyond this DuckDB spills to the temporary folder: 10M rows stay well under 2 GB.
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        try:
            _run(con, target, header, sep, mapping, zone, until, m, threshold)
        except duckdb.Error as exc:
            raise EvidenceError(_duckdb_message(exc)) from None
        finally:
            con.close()
        return m.result(preset, source)


def _duckdb_message(exc: Exception) -> str:
    text = str(exc)
    line = next((part for part in text.split("\n") if part.startswith("CSV Error on Line")), None)
    if "Maximum line size" in text:
        where = line.split(":", 1)[1].strip() if line else "?"
        return f"line {where}: a row longer than {MAX_LINE_BYTES} bytes"
    if line:
        return f"line {line.split(':', 1)[1].strip()}: {text.split(chr(10))[1].strip() if chr(10) in text else text}"
    return f"(file): cannot be read as CSV ({text.split(chr(10))[0]})"


def _run(con, target: str, header: list[str], sep: str, mapping: dict[str, int], zone: Zone, until: int | None,
         m: Measure, threshold: float) -> None:
    columns = "{" + ", ".join(f"'c{n}': 'VARCHAR'" for n in range(len(header))) + "}"
    to_utc, offset = _zone_sql(zone)
    thr = threshold * MINUTE

    def cell(role: str) -> str:
        return f"trim(coalesce(c{mapping[role]}, ''), {_TRIM_CHARS})" if role in mapping else "''"

    reply_role = next(r for r in columns_mod.REPLY_ROLES if r in mapping)
    lower = "translate({x}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    forwarded = (f"{lower.format(x=cell('forwarded'))} IN ({', '.join(map(_quote, _FORWARDED))})"
                 if "forwarded" in mapping else "false")
    duplicate = ("(id <> '' AND row_number() OVER (PARTITION BY id ORDER BY rn) > 1)" if "id" in mapping else "false")
    reply_read = (_instant("rep") if reply_role == "replied"
                  else _duration("rep", columns_mod.DURATION_UNIT[reply_role]))

    def load(parallel: bool) -> None:
        # Step 1: each cell read once, into a narrow table.
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE cells AS
            SELECT {duplicate} AS dup, {_instant("arr")} AS a, {reply_read} AS r, chan, fwd
            FROM (SELECT rn, {cell('id')} AS id, {cell('arrived')} AS arr, {cell(reply_role)} AS rep,
                         {cell('channel') if 'channel' in mapping else 'NULL'} AS chan, {forwarded} AS fwd
                  FROM (SELECT row_number() OVER () AS rn, * FROM read_csv({_quote(target)}, header = true,
                        all_varchar = true, auto_detect = false, delim = {_quote(sep)}, quote = '"', escape = '"',
                        columns = {columns}, null_padding = true, strict_mode = false, parallel = {parallel},
                        max_line_size = {MAX_LINE_BYTES}, encoding = 'utf-8')))""")

    try:
        load(True)
    except duckdb.Error as exc:
        # DuckDB's parallel reader cannot pad short rows once a quoted cell holds a line break.
        if "parallel" not in str(exc):
            raise
        load(False)
    # Step 2: the zone, the ranges and the exclusion reasons, in the order evidence.Measure.add checks them.
    near = f"BETWEEN {EARLIEST - 2 * DAY} AND {LATEST + 2 * DAY - 1}"

    def kind(enc: str) -> str:
        """The kind of an encoded time, a naive one beyond the zone's range counted as OUTSIDE."""
        return (f"CASE WHEN {enc} < 0 THEN {OUTSIDE} WHEN {enc} % 8 = {NAIVE} AND NOT ({enc} // 8 {near}) "
                f"THEN {OUTSIDE} ELSE {enc} % 8 END")

    a_kind, a_val = "a_kind", "(a // 8)"
    arrival_raw = f"CASE WHEN {a_kind} = {NAIVE} THEN {to_utc(a_val)} WHEN {a_kind} = {ABSOLUTE} THEN {a_val} END"
    if reply_role == "replied":
        reply_raw = f"CASE WHEN r_kind = {NAIVE} THEN {to_utc('(r // 8)')} WHEN r_kind = {ABSOLUTE} THEN r // 8 END"
        reply_code = (f"CASE WHEN r_kind = {EMPTY} THEN NULL WHEN r_kind IN ({UNREADABLE}, {OUTSIDE}) THEN r_kind "
                      f"WHEN {_in_range('reply_raw')} THEN 0 ELSE {OUTSIDE} END")
    else:
        reply_raw = f"CASE WHEN r_kind = {NAIVE} THEN arrival + (r // 8 - {MAX_DURATION}) END"
        reply_code = (f"CASE WHEN r_kind = {EMPTY} THEN NULL WHEN r_kind IN ({UNREADABLE}, {OUTSIDE}) THEN r_kind "
                      f"WHEN {_in_range('reply_raw')} THEN 0 ELSE {OUTSIDE} END")
    con.execute(f"""
        CREATE TEMP TABLE parsed AS
        SELECT fwd, chan, arrival, CASE WHEN rcode = 0 THEN reply_raw END AS reply,
          CASE WHEN dup THEN 'duplicate_id' WHEN a_kind = {EMPTY} THEN 'no_arrival'
               WHEN a_kind = {UNREADABLE} THEN 'unparseable_time' WHEN arrival IS NULL THEN 'out_of_range_time'
               WHEN rcode = {UNREADABLE} THEN 'unparseable_time' WHEN rcode = {OUTSIDE} THEN 'out_of_range_time'
               WHEN rcode = 0 AND reply_raw < arrival THEN 'reply_before_arrival'
               {f"WHEN arrival > {until} THEN 'after_cutoff'" if until is not None else ""}
               END AS reason
        FROM (SELECT *, {reply_code} AS rcode FROM (
              SELECT *, {reply_raw} AS reply_raw FROM (
                SELECT *, CASE WHEN {_in_range(arrival_raw)} THEN {arrival_raw} END AS arrival FROM (
                  SELECT dup, a, r, chan, fwd, {kind('a')} AS a_kind,
                         {kind('r') if reply_role == 'replied' else 'r % 8'} AS r_kind
                  FROM cells))))""")
    if "channel" in mapping:
        distinct = con.execute("SELECT count(DISTINCT chan) FROM parsed").fetchone()[0]
        if distinct > MAX_CHANNELS:
            raise EvidenceError(f"column '{m.columns['channel']}': more than {MAX_CHANNELS} different channels; "
                                f"is it the channel column?")
    rows, latest = con.execute(
        "SELECT count(*), max(greatest(arrival, coalesce(reply, arrival))) FILTER (WHERE reason IS NULL) FROM parsed").fetchone()
    excluded = dict(con.execute("SELECT reason, count(*) FROM parsed WHERE reason IS NOT NULL GROUP BY reason").fetchall())
    cutoff = until if until is not None else latest
    cutoff_sql = "NULL" if cutoff is None else str(cutoff)
    con.execute(f"""
        CREATE TEMP TABLE counted AS
        SELECT fwd, chan, arrival, reply_at, arrival + {offset('arrival')} AS arrival_local,
               reply_at + {offset('reply_at')} AS reply_local
        FROM (SELECT *, CASE WHEN reply > {cutoff_sql} THEN NULL ELSE reply END AS reply_at
              FROM parsed WHERE reason IS NULL)""")
    how = "((({x}) // {day} + 3) % 7 * 24 + (({x}) % {day}) // {hour})"
    groups = con.execute(f"""
        SELECT strftime(epoch_ms(arrival_local), '%Y-%m') AS month, chan, fwd, reply_at - arrival AS spent,
               reply_at IS NULL AND {cutoff_sql} - arrival > {thr} AS breached, count(*)
        FROM counted GROUP BY ALL""").fetchall()
    received = dict(con.execute(f"SELECT {how.format(x='arrival_local', day=DAY, hour=HOUR)} AS h, count(*) "
                                "FROM counted GROUP BY h").fetchall())
    replied = con.execute(f"SELECT chan, {how.format(x='reply_local', day=DAY, hour=HOUR)} AS h, count(*) "
                          "FROM counted WHERE reply_at IS NOT NULL GROUP BY chan, h").fetchall()
    first, last = con.execute("SELECT min(arrival), max(arrival) FROM counted").fetchone()
    for month, chan, fwd, spent, breached, n in sorted(groups, key=lambda g: (g[0], g[1] or "", g[2], g[3] is None, g[3] or 0)):
        m.add_counted(n, month, chan, fwd, spent, bool(breached))
    m.add_frame(rows, excluded, received, sorted(replied, key=lambda r: (r[0] or "", r[1])), first, last, latest)
