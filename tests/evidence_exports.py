"""Synthetic ticket exports of any size, written as a stream (benchmarks and hostile-file tests)."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

CHANNELS = ("热线", "在线客服", "邮件", "微信公众号", "App")
HEADER = "ID,Requester,Subject,Created at,Via,First reply time in minutes,First reply time in minutes within business hours\n"
START = 1_725_120_000  # 2024-09-01T00:00:00+08:00 as epoch seconds; the times below are Beijing time


def write_zendesk(path: Path, rows: int, seed: int = 17, encoding: str = "utf-8") -> Path:
    """A Zendesk-style CSV of `rows` tickets over three months, about 110 bytes a row; 3 % unanswered."""
    rng = random.Random(seed)
    span = 91 * 86400
    with open(path, "w", encoding=encoding, newline="") as out:
        out.write(HEADER)
        block = []
        for n in range(rows):
            at = START + rng.randrange(span)
            y, rest = divmod(at - START, 86400)
            day = 1 + y
            month, day = (9, day) if day <= 30 else (10, day - 30) if day <= 61 else (11, day - 61)
            h, rest = divmod(rest, 3600)
            created = f"2024-{month:02d}-{day:02d} {h:02d}:{rest // 60:02d}:{rest % 60:02d}"
            reply = "" if rng.random() < 0.03 else str(rng.choice((rng.randrange(1, 59), rng.randrange(1, 240))))
            block.append(f"{1_000_000 + n},客户{n % 9973},关于业务的咨询 {n % 97},{created},"
                         f"{CHANNELS[n % 5]},{reply},{reply}\n")
            if len(block) == 10_000:
                out.write("".join(block))
                block = []
        out.write("".join(block))
    return path


def write_zip_bomb(path: Path) -> Path:
    """An XLSX-looking zip whose sheet inflates to 300 MiB of spaces from a few hundred kilobytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            for _ in range(300):
                f.write(block)
    return path
