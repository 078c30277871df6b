"""Building import files (CSV in Excel's dialects, XLSX) for the import tests."""

import csv
import io
import zipfile
from xml.sax.saxutils import escape

from seutu_crm.importers.organisations import COLUMNS


def row(**values):
    """A full row of the import's columns; unspecified columns are empty."""
    return {column: values.get(column, "") for column in COLUMNS}


def csv_bytes(rows, *, delimiter=",", bom=False, columns=COLUMNS, encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for values in rows:
        writer.writerow([values.get(column, "") for column in columns])
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, *, columns=COLUMNS):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(columns))
    for values in rows:
        sheet.append([values.get(column) for column in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '{dimension}<sheetData>'
)
SHEET_END = "</sheetData></worksheet>"
CHUNK_ROWS = 2000


def _sheet_row(cells):
    # Inline strings and no r="" attributes: every repeated row is a row of its own.
    text = "".join(
        f'<c t="inlineStr"><is><t>{escape(str(value))}</t></is></c>' for value in cells
    )
    return f"<row>{text}</row>"


def streamed_xlsx(header, values, *, rows=None, sheet_bytes=None, dimension=None, tail=""):
    """An XLSX of ``header`` and the row ``values`` repeated ``rows`` times, or until its
    sheet's XML is at least ``sheet_bytes`` long, written a chunk at a time.

    The same row again and again compresses about 150 to 1: with ``sheet_bytes`` this is a
    zip bomb, a few MB that unzip to as much as asked. ``dimension`` is the row count the
    sheet declares (``<dimension ref="A1:Q…">``; None leaves it out, and it may lie);
    ``tail`` is written after the rows, before the sheet ends (e.g. broken XML).
    """
    from openpyxl import Workbook

    skeleton = io.BytesIO()
    Workbook().save(skeleton)
    sheet_name = "xl/worksheets/sheet1.xml"
    declared = f'<dimension ref="A1:Q{dimension}"/>' if dimension else ""
    chunk = (_sheet_row(values) * CHUNK_ROWS).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(skeleton) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED, compresslevel=1
    ) as target:
        for member in source.infolist():
            if member.filename != sheet_name:
                target.writestr(member, source.read(member))
        with target.open(sheet_name, "w", force_zip64=True) as sheet:
            written = sheet.write(SHEET_START.format(dimension=declared).encode())
            written += sheet.write(_sheet_row(header).encode())
            left = rows
            while (left is not None and left > 0) or (sheet_bytes and written < sheet_bytes):
                if left is not None and left < CHUNK_ROWS:
                    written += sheet.write((_sheet_row(values) * left).encode())
                    left = 0
                    continue
                written += sheet.write(chunk)
                if left is not None:
                    left -= CHUNK_ROWS
            sheet.write((tail + SHEET_END).encode())
    return out.getvalue()
