"""The shape of a personal-data case (security.md items 12–13) that each app's test-case module
lists in `PERSONAL_DATA_CASES` (model -> function(users, plans) -> PersonalDataCase), for
core/tests/test_personal_data.py to walk every path out: audit log, pages, exports, API."""

from dataclasses import dataclass, field

# (URL name, kwargs, query): one request. A page or API route is opened as is; an export with
# its query, say {"export": "xlsx"}, or none for a route that always answers a workbook.
Route = tuple[str, dict, dict]


@dataclass
class PersonalDataCase:
    # (field, full value) pairs the object holds or held, set through its app's services;
    # none of them may leave the system in full, and each must show masked somewhere below.
    raw: list[tuple[str, str]]
    # Key in the `users` fixture of the user who opens the routes below.
    user: str
    pages: list[Route] = field(default_factory=list)
    exports: list[Route] = field(default_factory=list)
    api: list[Route] = field(default_factory=list)
