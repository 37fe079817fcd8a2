"""The key-matters lists (重点事项推进清单, the `keymatters` app) as the rhythm reads them: the
bulletin's section on the lists' state, and each unit's list of the month in its dispatch report.

Nothing is typed again: a list's state is counted from the matters themselves (entered, done,
deadline), two queries for any number of units. A county's bulletin has a line per list keeper
(township, task force, responsible unit, creation office); a city's has a line per county,
summing its keepers. A list with fewer than 3 open matters is flagged: the programme asks every
unit to keep its 3–6 hardest matters on it, and a short list usually means one not kept."""

from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from lianxin.core.scope import prefix_q
from lianxin.keymatters.choices import MatterStatus
from lianxin.keymatters.models import KeyMatter
from lianxin.keymatters.months import first_day, on_list
from lianxin.keymatters.services import KEEPER_KINDS, MIN_OPEN
from lianxin.orgs.choices import GEOGRAPHIC_KINDS, OrgKind
from lianxin.orgs.models import Org

COUNTY_CODE_LENGTH = 6
FIGURES = ("open", "overdue", "done_week")


def week_state(org: Org, start: date, end: date) -> list[dict]:
    """One row per keeper (county bulletin) or per county (city bulletin), as of `end`:
    matters open, open past their deadline, done in the week, the lists counted and how many
    of them hold fewer than 3 open matters. Unranked; `compare` ranks them."""
    keepers = list(Org.objects.filter(prefix_q(org.code), kind__in=KEEPER_KINDS).order_by("kind", "code"))
    still_open = Q(entered_on__lte=end) & (Q(done_on__isnull=True) | Q(done_on__gt=end))
    counted = {
        row.pop("org_id"): row
        for row in KeyMatter.objects.filter(prefix_q(org.code, "org__code"))
        .values("org_id")
        .annotate(
            open=Count("pk", filter=still_open),
            overdue=Count("pk", filter=still_open & Q(deadline__lt=end)),
            done_week=Count("pk", filter=Q(done_on__range=(start, end))),
        )
        .order_by()
    }
    empty = dict.fromkeys(FIGURES, 0)
    rows = [_row(k.code, k.short_name, counted.get(k.pk, empty)) for k in keepers]
    return rows if org.kind == OrgKind.COUNTY else _by_county(org, rows)


def _row(code: str, name: str, counts: dict) -> dict:
    return {"code": code, "name": name, **counts, "lists": 1, "short": int(counts["open"] < MIN_OPEN)}


def _by_county(city: Org, rows: list[dict]) -> list[dict]:
    counties = Org.objects.filter(parent=city, kind__in=GEOGRAPHIC_KINDS).order_by("code")
    summed = []
    for county in counties:
        mine = [r for r in rows if r["code"][:COUNTY_CODE_LENGTH] == county.code]
        summed.append(
            {"code": county.code, "name": county.short_name}
            | {key: sum(r[key] for r in mine) for key in (*FIGURES, "lists", "short")}
        )
    return summed


def compare(rows: list[dict], previous: dict | None) -> list[dict]:
    """The rows ranked (fewest overdue first, then most done this week, then most open), each
    with its change of open and overdue matters since last week's bulletin."""
    before = {r["code"]: r for r in (previous or {}).get("key_matters", [])}
    ranked = sorted(rows, key=lambda r: (r["overdue"], -r["done_week"], -r["open"], r["code"]))
    for place, row in enumerate(ranked, 1):
        old = before.get(row["code"])
        row["rank"] = place
        row["change"] = {key: row[key] - old[key] for key in ("open", "overdue")} if old else {}
    return ranked


def section(rows: list[dict] | None, per_county: bool) -> dict:
    """The bulletin's part on the lists, as text and a table (the web page and the Word file)."""
    if rows is None:
        return {"text": [_("本期通报生成时尚未统计重点事项清单。")]}
    if not rows:
        return {"text": [_("本地尚无重点事项清单。")]}
    short = [r for r in rows if r["short"]]
    overdue = [r for r in rows if r["overdue"]]
    text = [
        _("截至本周末，%(lists)d份清单在推事项%(open)d项，逾期%(overdue)d项，本周办结%(done)d项。")
        % {
            "lists": sum(r["lists"] for r in rows),
            "open": sum(r["open"] for r in rows),
            "overdue": sum(r["overdue"] for r in rows),
            "done": sum(r["done_week"] for r in rows),
        },
        _("在推事项不足%(n)d项的：%(units)s，请按要求列足本单位最急最难的重点事项。")
        % {"n": MIN_OPEN, "units": "、".join(_short_text(r, per_county) for r in short)}
        if short
        else _("各单位清单在推事项均不少于%(n)d项。") % {"n": MIN_OPEN},
    ]
    if overdue:
        text.append(
            _("有逾期事项的：%(units)s。") % {"units": "、".join(f"{r['name']}{r['overdue']}项" for r in overdue)}
        )
    header = [_("排名"), _("单位"), _("在推"), _("逾期"), _("本周办结"), _("不足3项"), _("较上周在推"), _("较上周逾期")]
    table = [
        [
            r["rank"],
            r["name"],
            r["open"],
            r["overdue"],
            r["done_week"],
            (r["short"] or "—") if per_county else (_("是") if r["short"] else "—"),
            _signed(r["change"].get("open")),
            _signed(r["change"].get("overdue")),
        ]
        for r in rows
    ]
    return {"text": text, "table": (header, table, [[None] * len(header)] * len(table))}


def _short_text(row: dict, per_county: bool) -> str:
    return f"{row['name']}{row['short']}份" if per_county else f"{row['name']}（{row['open']}项）"


def _signed(value) -> str:
    return "—" if value is None else f"{value:+d}"


# --- the dispatch meeting's reports --------------------------------------------------------------


def month_lists(units, day: date) -> dict[int, list[KeyMatter]]:
    """Unit id -> the matters on its list of `day`'s month, in one query."""
    listed = {}
    for matter in KeyMatter.objects.filter(on_list(first_day(day)), org__in=units).order_by("org_id", "deadline"):
        listed.setdefault(matter.org_id, []).append(matter)
    return listed


def report_text(matters: list[KeyMatter], day: date) -> str:
    """A unit's list of the month, one line a matter, for its pre-filled report."""
    if not matters:
        return _("本月重点事项：（清单暂无事项）")
    lines = [_("本月重点事项（%(n)d项）：") % {"n": len(matters)}]
    for i, matter in enumerate(matters, 1):
        if matter.status == MatterStatus.DONE:
            state = _("%(day)s已办结") % {"day": f"{matter.done_on:%m月%d日}"}
        else:
            state = _("已逾期") if matter.is_overdue_on(day) else _("推进中")
        lines.append(
            _("%(i)d. %(title)s（责任人%(owner)s，完成时限%(deadline)s，%(state)s）")
            % {
                "i": i,
                "title": matter.title,
                "owner": matter.owner,
                "deadline": f"{matter.deadline:%Y-%m-%d}",
                "state": state,
            }
        )
    return "\n".join(lines)
