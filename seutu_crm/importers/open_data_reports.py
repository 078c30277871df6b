"""What an open-data import read and did (:class:`OpenDataReport`), and what it reads.

A reader (:mod:`.prh`) turns a register's file into :class:`OpenDataRecordValues`; the write
path (:mod:`.open_data`) fills the report. The report is a plain dataclass: the command prints
it as JSON (:meth:`OpenDataReport.to_json`) and the admin's preview shows it.
"""

import datetime
from dataclasses import asdict, dataclass, field

PREVIEW_OUTCOMES = 200  # created and updated organisations listed on a preview (each)


@dataclass
class OpenDataRecordValues:
    """What a register says of one organisation: the input of :func:`.open_data.import_records`."""

    position: int  # in the file, 1-based
    record_id: str  # the register's ID (the business ID)
    fields: dict  # open_data.FIELDS -> value as JSON keeps it (dates as ISO text)
    extra: dict = field(default_factory=dict)  # kept in the record, not written anywhere
    source_updated: datetime.datetime | None = None

    @property
    def values(self):
        return self.fields | self.extra


@dataclass
class RecordProblem:
    position: int
    business_id: str
    reason: str


@dataclass
class KeptValue:
    """A field a person edited in Seutu, kept although the register says otherwise."""

    position: int
    business_id: str
    field: str
    seutu_value: object
    register_value: object


@dataclass
class RecordOutcome:
    position: int
    action: str
    business_id: str
    name: str
    changed: list = field(default_factory=list)
    pk: int | None = None


@dataclass
class OpenDataReport:
    source: str
    dry_run: bool
    applied: bool = False
    records: int = 0  # in the file
    filtered_out: int = 0  # outside the municipality asked for
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    outcomes: list = field(default_factory=list)  # the first created and updated
    errors: list = field(default_factory=list)  # broken records: RecordProblem
    skipped: list = field(default_factory=list)  # valid but not written: RecordProblem
    outside_register: dict = field(default_factory=dict)  # municipality code -> companies
    kept: list = field(default_factory=list)  # KeptValue
    file_errors: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self):
        return not self.file_errors

    @property
    def skipped_count(self):
        return len(self.skipped) + sum(self.outside_register.values())

    def add_error(self, position, business_id, reason):
        self.errors.append(RecordProblem(position, business_id, reason))

    def to_json(self):
        return asdict(self) | {"skipped_count": self.skipped_count}
