"""What every Excel import answers (architecture §6, security.md item 18): either a report of
what it changed, or every bad row with its column and reason, in Chinese, and nothing written.
Importers raise `RowErrors` before writing; `ImportView` (core/views/imports.py) shows either."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


class RowErrors(Exception):
    """The file was checked and nothing was written: one line per problem."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class ImportReport:
    """What an import changed; importing the same file again reports everything unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self):
        return _("导入完成：新增 %(created)d，更新 %(updated)d，未变 %(unchanged)d") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
