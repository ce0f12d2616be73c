"""Which column of a ticket export holds what: roles, the helpdesks' presets, header recognition.

Contract with docs/assets/javascripts/evidence/columns.js: same presets, same recognition, same
messages. Header names come from /work/shared/reference/ticket-exports.md (see docs/*/maintainers.md):
- Zendesk's CSV has no first-reply timestamp, only "First reply time in minutes" (calendar
  minutes; the "within business hours" column is deliberately not used: clause 4.2 is calendar time);
- Freshdesk's "Initial response time" and Zammad's "First Response At" are timestamps; Zammad's
  "First Response In Min" is business minutes and is not used;
- 腾讯企点 session exports start the clock at the customer's first message (客户首次发送消息时间);
- 网易七鱼 exports carry the Open API's field names, with epoch-millisecond times.

Twin: docs/assets/javascripts/evidence/columns.js (the same rule in the browser).
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("id", "arrived", "replied", "reply_minutes", "reply_seconds", "reply_milliseconds", "channel", "forwarded")
REPLY_ROLES = ("replied", "reply_minutes", "reply_seconds", "reply_milliseconds")
DURATION_UNIT = {"reply_minutes": "minutes", "reply_seconds": "seconds", "reply_milliseconds": "milliseconds"}


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    columns: dict[str, tuple[str, ...]]  # role -> header names it may carry, first found wins


PRESETS = (
    Preset("zendesk", "Zendesk", {
        "id": ("ID",), "arrived": ("Created at",), "reply_minutes": ("First reply time in minutes",),
        "channel": ("Via",)}),
    Preset("freshdesk", "Freshdesk", {
        "id": ("Ticket ID",), "arrived": ("Created time",), "replied": ("Initial response time",),
        "channel": ("Source",)}),
    Preset("zammad", "Zammad", {
        "id": ("#", "Number"), "arrived": ("Created At",), "replied": ("First Response At",),
        "channel": ("Create Channel",)}),
    Preset("qidian", "腾讯企点", {
        "arrived": ("客户首次发送消息时间", "会话开始时间"), "replied": ("客服首次发送消息时间",),
        "channel": ("会话通路",)}),
    Preset("qiyu", "网易七鱼", {
        "id": ("sessionId", "id"), "arrived": ("clientFirstMessageTime",), "replied": ("staffFirstReplyTime",),
        "channel": ("fromType",)}),
)
PRESET_NAMES = tuple(p.name for p in PRESETS)
REQUIRED = ("arrived",)  # and one reply role


def header_key(name: str) -> str:
    """A header as compared: trimmed of blanks and a BOM, ASCII letters in lower case."""
    text = name.strip(" \t\r\n\u00a0\u3000\ufeff")
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    keys = [header_key(h) for h in header]
    for name in names:
        key = header_key(name)
        if key in keys:
            return keys.index(key)
    return None


def preset_mapping(preset: Preset, header: list[str]) -> dict[str, int]:
    """The columns a preset finds in a header: role -> column index."""
    out = {}
    for role, names in preset.columns.items():
        index = _find(header, names)
        if index is not None:
            out[role] = index
    return out


def _complete(mapping: dict[str, int]) -> bool:
    return "arrived" in mapping and any(r in mapping for r in REPLY_ROLES)


def recognise(header: list[str]) -> str | None:
    """The first preset whose arrival and reply columns are all in the header, or None."""
    for preset in PRESETS:
        if _complete(preset_mapping(preset, header)):
            return preset.name
    return None


class MappingError(ValueError):
    """The columns cannot be mapped; the message says "where: what"."""


def resolve(header: list[str], preset: str | None, overrides: list[tuple[str, str]]) -> tuple[str | None, dict[str, int]]:
    """(preset used, role -> column index) from a preset (named, or recognised) and hand mappings.

    A hand mapping (column name = role) replaces what the preset gave that role; a reply role
    given by hand replaces the preset's reply role, so that one reply role is ever used.
    """
    if preset is not None and preset not in PRESET_NAMES:
        raise MappingError(f"--preset: unknown preset '{preset}' (known: {', '.join(PRESET_NAMES)})")
    used = preset if preset is not None else recognise(header)
    mapping = preset_mapping(next(p for p in PRESETS if p.name == used), header) if used else {}
    for column, role in overrides:
        if role not in ROLES:
            raise MappingError(f"--map {column}={role}: unknown role '{role}' (roles: {', '.join(ROLES)})")
        index = _find(header, (column,))
        if index is None:
            raise MappingError(f"--map {column}={role}: no column '{column}' in the header")
        if role in REPLY_ROLES:
            for other in REPLY_ROLES:
                mapping.pop(other, None)
        mapping[role] = index
    if "arrived" not in mapping:
        raise MappingError("header: no column for the contact's arrival time; choose a preset or map one "
                           "(COLUMN=arrived)")
    if not any(r in mapping for r in REPLY_ROLES):
        raise MappingError("header: no column for the first reply; map one (COLUMN=replied, or a duration: "
                           "reply_minutes, reply_seconds, reply_milliseconds)")
    if used is not None and overrides:
        used = f"{used}+map"
    elif used is None:
        used = "map"
    return used, {role: mapping[role] for role in ROLES if role in mapping}
