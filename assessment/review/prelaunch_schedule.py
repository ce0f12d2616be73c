"""When the operator's pre-launch test contacts should be made: night hours and public holidays.

The data live in assessment/prelaunch_schedule.yml (China's statutory holidays as the State Council
announced them, with the source); this module reads and checks them, and `published()` is what the
build hands to the review page and the checklist (docs/assets/javascripts/review/prelaunch-log.js), so both
languages judge "night", "weekend" and "public holiday" from the same days.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path

from assessment.shared.yaml_file import read_yaml
from assessment.shared.data_files import data_file

PATH = data_file("prelaunch_schedule.yml")


class ScheduleError(ValueError):
    """The schedule data file is refused; "FILE: where: what"."""


@dataclass(frozen=True)
class Schedule:
    night: tuple[int, int]  # local hours [from, to)
    holidays: dict[str, str]  # YYYY-MM-DD -> the holiday's name
    make_up_working_days: tuple[str, ...]
    sources: tuple[dict, ...]

    def published(self) -> dict:
        """The JSON the browser receives (review/prelaunch-log.js `schedule`)."""
        return {"night": list(self.night), "holidays": self.holidays,
                "make_up_working_days": list(self.make_up_working_days),
                "years": sorted({int(s["year"]) for s in self.sources})}


def _day(value: object, where: str, path: Path) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime) and 2000 <= value.year <= 2099:
        return value
    raise ScheduleError(f"{path}: {where}: expected a date from 2000-01-01 to 2099-12-31, got {value!r}")


@functools.cache
def load(path: Path = PATH) -> Schedule:
    data = read_yaml(path, ScheduleError)
    if not isinstance(data, dict) or set(data) != {"night", "sources", "public_holidays", "make_up_working_days"}:
        raise ScheduleError(f"{path}: (top level): expected the keys night, sources, public_holidays, make_up_working_days")
    night = data["night"]
    if not (isinstance(night, dict) and set(night) == {"from", "to"}
            and all(isinstance(night[k], int) and not isinstance(night[k], bool) for k in night)
            and 0 <= night["from"] < night["to"] <= 24):
        raise ScheduleError(f"{path}: night: expected {{from: H, to: H}} with 0 <= from < to <= 24")
    sources = data["sources"]
    if not (isinstance(sources, list) and sources and all(
            isinstance(s, dict) and isinstance(s.get("year"), int) and isinstance(s.get("title"), str)
            and isinstance(s.get("url"), str) for s in sources)):
        raise ScheduleError(f"{path}: sources: expected a list of {{year, title, url, …}}: every holiday needs its source")
    years = {s["year"] for s in sources}
    holidays: dict[str, str] = {}
    for n, h in enumerate(data["public_holidays"] or []):
        where = f"public_holidays[{n}]"
        if not (isinstance(h, dict) and set(h) == {"name", "from", "to"} and isinstance(h["name"], str)):
            raise ScheduleError(f"{path}: {where}: expected {{name, from, to}}")
        first, last = _day(h["from"], f"{where}.from", path), _day(h["to"], f"{where}.to", path)
        if last < first or (last - first).days > 31:
            raise ScheduleError(f"{path}: {where}: 'to' must be on or after 'from', within a month")
        if first.year not in years:
            raise ScheduleError(f"{path}: {where}: no source names the year {first.year}")
        day = first
        while day <= last:
            holidays[day.isoformat()] = h["name"]
            day += datetime.timedelta(days=1)
    make_up = tuple(_day(d, f"make_up_working_days[{n}]", path).isoformat()
                    for n, d in enumerate(data["make_up_working_days"] or []))
    return Schedule((night["from"], night["to"]), dict(sorted(holidays.items())), make_up,
                    tuple({k: str(v) for k, v in s.items()} | {"year": s["year"]} for s in sources))
