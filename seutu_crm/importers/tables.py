"""Reading a spreadsheet — CSV or XLSX — into a header and a stream of numbered rows of text.

Row numbers are the ones a person sees in Excel: the header is row 1, the first data row 2.
Excel's habits are undone here, once, for every importer: a UTF-8 byte-order mark, semicolons
as separators (Finnish Excel), cells that turned into numbers (``91.0`` for ``091``). So is
our own exports' apostrophe before a cell that would run as a formula
(:func:`seutu_crm.spreadsheets.unquote_formula`): an export imports back unchanged.

A hostile file must not hold a worker for minutes, so the limits of :class:`Limits`
(``SEUTU_CRM["IMPORT_MAX_*"]``) are checked before any row is read: the file's size, what an
XLSX file expands to (the sum of its members' sizes in the zip directory, read before
anything is unpacked; Python's zipfile never inflates a member past its declared size, so the
directory is a true bound) and the number of rows its sheet declares. A declared count may
lie, so the rows are also counted as they stream and reading stops once they pass the limit.
Only the header is read by :func:`read_table`; the rows are read as ``Table.rows`` is iterated.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple
from xml.etree.ElementTree import ParseError

from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from ..conf import get_setting
from ..spreadsheets import unquote_formula

XLSX_MAGIC = b"PK\x03\x04"
DELIMITERS = (";", ",", "\t")
# A line with its line break (\r\n, \n or a lone \r, as Excel on a Mac once wrote), so that
# csv reads one line at a time from the decoded text instead of from a copy of it.
LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


class UnreadableFile(Exception):
    """The file is not a CSV or XLSX we can read; the message says why, for the user."""


class FileTooLarge(UnreadableFile):
    """The file passes one of the import limits; the message names the size and the limit."""


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    uncompressed_bytes: int
    rows: int

    @classmethod
    def from_settings(cls):
        return cls(
            file_bytes=get_setting("IMPORT_MAX_FILE_BYTES"),
            uncompressed_bytes=get_setting("IMPORT_MAX_UNCOMPRESSED_BYTES"),
            rows=get_setting("IMPORT_MAX_ROWS"),
        )


class Row(NamedTuple):
    number: int
    cells: list


@dataclass
class Table:
    header: list
    rows: Iterator  # of Row; reads the file as it goes and may raise UnreadableFile
    #: Data rows the file appears to hold (the sheet's dimension, the CSV's line breaks):
    #: an estimate for progress bars, never a limit (the rows are counted as they stream).
    expected_rows: int = 0
    warnings: list = field(default_factory=list)

    def close(self):
        self.rows.close()


def read_table(data, filename="", limits=None):
    """Read ``data`` (bytes) as XLSX when it is one, otherwise as CSV, within ``limits``."""
    limits = limits or Limits.from_settings()
    check_file_size(len(data), limits)
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data, limits)
    return _read_csv(data, limits)


def check_file_size(size, limits=None):
    """Raise :class:`FileTooLarge` when a file of ``size`` bytes is over the limit."""
    limit = (limits or Limits.from_settings()).file_bytes
    if size > limit:
        raise FileTooLarge(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


# --- CSV -------------------------------------------------------------------------------------


def _read_csv(data, limits):
    warnings = []
    try:
        text = data.decode("utf-8-sig")  # with or without a byte-order mark
    except UnicodeDecodeError:
        # Older Excel saves "CSV" in Windows-1252; every byte decodes, so read it and say so.
        text = data.decode("cp1252", errors="replace")
        warnings.append(
            _("The file is not UTF-8; it was read as Windows-1252. Save it as CSV UTF-8 to be sure.")
        )
    if "\x00" in text:
        raise UnreadableFile(_("The file is not a CSV or XLSX file."))
    first_line = LINE.match(text)
    delimiter = max(DELIMITERS, key=first_line.group().count) if first_line else ","
    records = _csv_records(text, delimiter)
    return _table(records, max(text.count("\n") - 1, 0), warnings, limits)


def _csv_records(text, delimiter):
    lines = (match.group() for match in LINE.finditer(text))
    try:
        yield from csv.reader(lines, delimiter=delimiter)
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error


# --- XLSX ------------------------------------------------------------------------------------

UNREADABLE_XLSX = (zipfile.BadZipFile, KeyError, OSError, ValueError, ParseError, EOFError)
SHEET_HEAD_BYTES = 64 * 1024  # where <dimension> sits: before <sheetData>, after <sheetPr>
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=[\"']([A-Za-z0-9:$]+)[\"']")


class _Sheet(ReadOnlyWorksheet):
    """openpyxl's read-only sheet, its size read from the head of its XML only.

    openpyxl looks for ``<dimension>`` by parsing the sheet until it finds one or the data
    ends: a sheet without one is parsed whole while the workbook opens (18 s for 50 MB of
    XML), before any limit on its rows can act.
    """

    def _get_size(self):
        with self._get_source() as source:
            head = source.read(SHEET_HEAD_BYTES)
        end = head.find(b"sheetData")
        match = DIMENSION.search(head, 0, end if end >= 0 else len(head))
        if match:
            try:
                bounds = range_boundaries(match.group(1).decode())
            except ValueError:
                return  # unsized, as openpyxl leaves a sheet with a broken dimension
            self._min_column, self._min_row, self._max_column, self._max_row = bounds


class _WorkbookReader(ExcelReader):
    """openpyxl's read-only workbook reader (``load_workbook``), opening sheets as _Sheet."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            worksheet = _Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)


def _read_xlsx(data, limits):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _unreadable_xlsx(error) from error
    if expanded > limits.uncompressed_bytes:
        raise FileTooLarge(
            _("The file expands to %(size)s when unzipped; the limit is %(limit)s.")
            % {"size": filesizeformat(expanded), "limit": filesizeformat(limits.uncompressed_bytes)}
        )
    try:
        reader = _WorkbookReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read()
    except UNREADABLE_XLSX as error:
        raise _unreadable_xlsx(error) from error
    workbook = reader.wb
    try:
        if not workbook.worksheets:
            raise UnreadableFile(_("The XLSX file has no sheet."))
        sheet = workbook.worksheets[0]
        declared = (sheet.max_row - sheet.min_row) if sheet.max_row and sheet.min_row else 0
        if declared > limits.rows:
            raise FileTooLarge(_too_many_rows(declared, limits.rows))
        # Read the rows there are: openpyxl would otherwise stop at a dimension that is too
        # small, or make up empty rows up to one that is too large.
        sheet.reset_dimensions()
    except BaseException:
        workbook.close()
        raise
    return _table(_xlsx_records(workbook, sheet), declared, [], limits)


def _xlsx_records(workbook, sheet):
    try:
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in values]
    except UNREADABLE_XLSX as error:
        raise _unreadable_xlsx(error) from error
    finally:
        workbook.close()


def _unreadable_xlsx(error):
    return UnreadableFile(_("The XLSX file cannot be read: %(error)s") % {"error": error})


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value).strip()


# --- both ------------------------------------------------------------------------------------


def _too_many_rows(rows, limit):
    return _("The file has %(rows)s rows; the limit is %(limit)s. Split it into smaller files.") % {
        "rows": number_format(rows, force_grouping=True),
        "limit": number_format(limit, force_grouping=True),
    }


def _table(records, expected_rows, warnings, limits):
    """Read the header — the first row with text — and leave the rows to be streamed."""
    numbered = enumerate(records, start=1)
    try:
        for number, header in numbered:
            if any(cell.strip() for cell in header):
                break
            if number > limits.rows:  # a file of nothing but empty rows
                raise FileTooLarge(_too_many_rows(number, limits.rows))
        else:
            raise UnreadableFile(_("The file is empty."))
    except BaseException:
        records.close()
        raise
    return Table(
        header=[cell.strip().lstrip("\ufeff") for cell in header],
        rows=_data_rows(records, numbered, number, limits.rows),
        expected_rows=expected_rows,
        warnings=warnings,
    )


def _data_rows(records, numbered, header_row, limit):
    try:
        for number, cells in numbered:
            # Empty rows count too: a sheet of a million empty rows is a million rows to read.
            if number - header_row > limit:
                raise FileTooLarge(
                    _("The file has more than %(limit)s rows. Split it into smaller files.")
                    % {"limit": number_format(limit, force_grouping=True)}
                )
            if any(cell.strip() for cell in cells):
                yield Row(number, [unquote_formula(cell.strip()) for cell in cells])
    finally:
        records.close()
