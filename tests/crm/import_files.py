"""Building import files (CSV in Excel's dialects, XLSX) for the import tests."""

import csv
import io

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
