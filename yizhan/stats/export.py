"""CSV and Excel (xlsx) export of any table of figures: a header row and value rows.

CSV: UTF-8 with a byte-order mark (so that Excel opens Chinese text correctly), comma
separated, CRLF line ends (RFC 4180), None as an empty cell unless ``blank`` says otherwise.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Any]], blank: str = "") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow([blank if v is None else v for v in r])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(header: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "数据") -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    ws.append(list(header))
    for r in rows:
        ws.append([v if v is None or isinstance(v, int | float | str) else str(v) for v in r])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
