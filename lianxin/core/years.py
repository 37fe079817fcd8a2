"""Years are first-class (architecture §7): one list of the programme's years for every form,
filter and page."""

from django.utils import timezone
from django.utils.translation import gettext

FIRST_YEAR = 2022  # the Five-Star Branch programme began in 2022


def current_year() -> int:
    return timezone.localdate().year


def year_choices() -> list[tuple[int, str]]:
    """Next year down to 2022; evaluated per request, so a new year appears on its own and the
    labels are in the reader's language."""
    return [(y, gettext("%(year)d年") % {"year": y}) for y in range(current_year() + 1, FIRST_YEAR - 1, -1)]


def request_year(request) -> int:
    """The `year` a page was asked for (query string or form), else this year."""
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or current_year())
    except ValueError:
        return current_year()
    return year if year in dict(year_choices()) else current_year()
