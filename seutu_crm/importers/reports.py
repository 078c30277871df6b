"""What an import found: :class:`ImportReport` (every row) and :class:`ReportPreview` (a page).

The report holds every outcome and every error; the preview holds what a page shows of it —
the counts, the file's errors and warnings, the first created, updated and bad rows — and is
small enough to keep as JSON while a background import waits for its confirmation.
"""

from dataclasses import asdict, dataclass, field

from django.utils.translation import ngettext

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
PREVIEW_ROWS = 200  # created and updated rows listed on a preview
PREVIEW_ERRORS = 1000  # row errors listed on a preview; the command prints them all


@dataclass
class RowError:
    row: int
    column: str
    message: str
    value: str = ""


@dataclass
class RowOutcome:
    row: int
    action: str
    name: str
    business_id: str
    changed: list = field(default_factory=list)  # columns that differ from what is stored
    pk: int | None = None


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    outcomes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    applied: bool = False
    seconds: float = 0.0

    @property
    def ok(self):
        return not self.errors and not self.file_errors

    def _of(self, action):
        return [o for o in self.outcomes if o.action == action]

    @property
    def created(self):
        return self._of(CREATE)

    @property
    def updated(self):
        return self._of(UPDATE)

    @property
    def unchanged(self):
        return self._of(UNCHANGED)

    @property
    def rejected_rows(self):
        return sorted({error.row for error in self.errors})


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0  # rows with at least one error


@dataclass
class ReportPreview:
    dry_run: bool
    applied: bool
    rows: int
    counts: Counts
    created: list  # the first PREVIEW_ROWS RowOutcomes of each kind
    updated: list
    errors: list  # the first PREVIEW_ERRORS RowErrors
    error_count: int
    file_errors: list
    warnings: list

    @classmethod
    def of(cls, report):
        created, updated = report.created, report.updated
        return cls(
            dry_run=report.dry_run,
            applied=report.applied,
            rows=report.rows,
            counts=Counts(len(created), len(updated), len(report.unchanged),
                          len(report.rejected_rows)),
            created=created[:PREVIEW_ROWS],
            updated=updated[:PREVIEW_ROWS],
            errors=report.errors[:PREVIEW_ERRORS],
            error_count=len(report.errors),
            file_errors=list(report.file_errors),
            warnings=list(report.warnings),
        )

    def to_json(self):
        return asdict(self)

    @classmethod
    def from_json(cls, data):
        return cls(**data | {
            "counts": Counts(**data["counts"]),
            "created": [RowOutcome(**o) for o in data["created"]],
            "updated": [RowOutcome(**o) for o in data["updated"]],
            "errors": [RowError(**e) for e in data["errors"]],
        })

    @property
    def ok(self):
        return not self.error_count and not self.file_errors

    @property
    def more_created(self):
        return self.counts.created - len(self.created)

    @property
    def more_updated(self):
        return self.counts.updated - len(self.updated)

    @property
    def more_errors(self):
        return self.error_count - len(self.errors)

    def summary(self):
        """One sentence of counts: what would happen, or — once applied — what happened."""
        values = {"rows": self.rows, **asdict(self.counts)}
        if not self.applied:
            return ngettext(
                "%(rows)d row: %(created)d would be created, %(updated)d updated, "
                "%(unchanged)d unchanged, %(rejected)d rejected.",
                "%(rows)d rows: %(created)d would be created, %(updated)d updated, "
                "%(unchanged)d unchanged, %(rejected)d rejected.",
                self.rows,
            ) % values
        return ngettext(
            "Imported %(rows)d row: %(created)d organisations created, %(updated)d updated, "
            "%(unchanged)d unchanged.",
            "Imported %(rows)d rows: %(created)d organisations created, %(updated)d updated, "
            "%(unchanged)d unchanged.",
            self.rows,
        ) % values
