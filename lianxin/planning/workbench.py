"""创星规划 on the workbench (工作台): a village sees its plan's state (and why it was returned)
and its measures due within 7 days or overdue; a township the plans and self-assessments it has
to review, its villages with overdue measures, its declaration against the county's rule and
the villages whose self-assessment the computed indicators contradict; a county office its
townships whose declaration falls short of the rule.

Each role's counts come from one query on `restrict(user, action)` with conditional
aggregation, with the same conditions as the list filters the cards link to (filters.py)."""

from urllib.parse import urlencode

from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.core.plugins import Card, card_day
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.planning import services
from lianxin.planning.choices import PlanStatus
from lianxin.planning.differing import differing_url, differing_villages
from lianxin.planning.filters import has_overdue_measures, has_pending_assessments, measure_due
from lianxin.planning.models import CreationPlan, DeclarationRule, Measure, TownshipDeclaration
from lianxin.planning.plugin import Action


def cards(user, today) -> list[Card]:
    found = []
    if user.can(Action.PLANS_EDIT):
        found += village_cards(user, today)
    if user.can(Action.PLANS_REVIEW):
        found += township_cards(user, today)
    if user.can(Action.PLANS_RULES):
        found += county_cards(user, today)
    return found


def link(name: str, **query) -> str:
    return f"{reverse(name)}?{urlencode(query)}"


def village_cards(user, today) -> list[Card]:
    group, year = _("创星规划"), today.year
    plans = CreationPlan.objects.restrict(user, Action.PLANS_EDIT).filter(year=year)
    counts = plans.aggregate(
        total=Count("pk"),
        reason=Max("return_reason", filter=Q(status=PlanStatus.RETURNED)),
        **{f"n_{status}": Count("pk", filter=Q(status=status)) for status in PlanStatus.values},
    )
    found = []
    if not counts["total"]:
        detail = _("%(year)d 年度尚未新建创星规划") % {"year": year}
        found.append(Card(_("本年度创星规划"), 0, reverse("planning:plan_create"), "warn", detail, group))
    tones = {PlanStatus.RETURNED: "danger", PlanStatus.DRAFT: "warn"}
    for status in (PlanStatus.RETURNED, PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.ACCEPTED):
        if counts[f"n_{status}"]:
            detail = plan_detail(status, counts["reason"])
            url = link("planning:plan_list", year=year, status=status)
            found.append(
                Card(
                    _("规划%(status)s") % {"status": status.label},
                    counts[f"n_{status}"],
                    url,
                    tones.get(status, "info"),
                    detail,
                    group,
                )
            )
    measures = Measure.objects.restrict(user, Action.PLANS_EDIT).filter(plan__year=year)
    week, overdue = measure_due("week", today), measure_due("overdue", today)
    due = measures.aggregate(
        week=Count("pk", filter=week),
        overdue=Count("pk", filter=overdue),
        next=Min("deadline", filter=week),
        oldest=Min("deadline", filter=overdue),
    )
    found += [
        Card(
            _("7日内到期的措施"),
            due["week"],
            link("planning:measure_list", year=year, due="week"),
            "warn" if due["week"] else "info",
            _("最近节点 %(day)s") % {"day": card_day(due["next"], today)} if due["next"] else "",
            group,
        ),
        Card(
            _("已逾期的措施"),
            due["overdue"],
            link("planning:measure_list", year=year, due="overdue"),
            "danger" if due["overdue"] else "info",
            _("最早节点 %(day)s") % {"day": card_day(due["oldest"], today)} if due["oldest"] else "",
            group,
        ),
    ]
    return found


def plan_detail(status: str, reason: str | None) -> str:
    if status == PlanStatus.RETURNED:
        return _("退回理由：%(reason)s") % {"reason": reason or _("未填写")}
    if status == PlanStatus.DRAFT:
        return _("填好后提交乡镇（街道）审核")
    if status == PlanStatus.SUBMITTED:
        return _("等待乡镇（街道）审核")
    return _("可按措施推进、记录台账")


def township_cards(user, today) -> list[Card]:
    group, year = _("创星规划"), today.year
    plans = CreationPlan.objects.restrict(user, Action.PLANS_REVIEW).filter(year=year)
    counts = plans.aggregate(
        submitted=Count("pk", filter=Q(status=PlanStatus.SUBMITTED)),
        assessments=Count("pk", filter=has_pending_assessments()),
        overdue=Count("pk", filter=has_overdue_measures(today)),
    )
    found = [
        Card(
            _("待审核的规划"),
            counts["submitted"],
            link("planning:plan_list", year=year, status=PlanStatus.SUBMITTED),
            "warn" if counts["submitted"] else "info",
            _("村（社区）已提交，等待本级审核"),
            group,
        ),
        Card(
            _("待确认自评的村"),
            counts["assessments"],
            link("planning:plan_list", year=year, assessment="pending"),
            "warn" if counts["assessments"] else "info",
            _("有未确认的工作项自评"),
            group,
        ),
        Card(
            _("有逾期措施的村"),
            counts["overdue"],
            link("planning:plan_list", year=year, overdue="true"),
            "danger" if counts["overdue"] else "info",
            _("措施过了时间节点仍未完成"),
            group,
        ),
    ]
    township = user.home_org
    if township is not None and township.level == OrgLevel.TOWNSHIP and township.is_geographic:
        found.append(declaration_card(township, year, group))
        found += differing_card(user, township, year, group)
    return found


def differing_card(user, township: Org, year: int, group: str) -> list[Card]:
    """The villages whose self-assessment the computed indicators contradict, when there are any
    (one query for the claims, one computation per indicator named)."""
    villages = differing_villages(user, township, year)
    if not villages:
        return []
    detail = "、".join(villages[:3]) + (_("等") if len(villages) > 3 else "")
    url = differing_url(township.code, year)
    return [Card(_("自评与系统计算不一致的村"), len(villages), url, "warn", detail, group)]


def declared_counts(townships, year: int) -> dict[int, dict]:
    """Township id -> how many five- and four-star villages it declared (one query)."""
    rows = (
        TownshipDeclaration.objects.filter(org__in=townships, year=year)
        .annotate(five=Count("five_star", distinct=True), four=Count("four_star", distinct=True))
        .values("org_id", "five", "four")
    )
    return {row["org_id"]: row for row in rows}


def county_rule(county_code: str, year: int) -> DeclarationRule:
    """The county's rule, or the default one (as services.rule_for), found by code in one query."""
    return DeclarationRule.objects.filter(org__code=county_code, year=year).first() or DeclarationRule(year=year)


def declaration_card(township: Org, year: int, group: str) -> Card:
    """The township's own declaration against its county's rule (two queries)."""
    county_code = township.ancestor_code(OrgLevel.COUNTY)
    rule = county_rule(county_code, year)
    declared = declared_counts([township.pk], year).get(township.pk, {"five": 0, "four": 0})
    met = services.declaration_met(rule, declared["five"], declared["four"])
    detail = _("拟创五星 %(five)d（至少 %(min_five)d）· 四星 %(four)d（至少 %(min_four)d）") % {
        "five": declared["five"],
        "min_five": rule.min_five_star,
        "four": declared["four"],
        "min_four": rule.min_four_star,
    }
    title = _("乡镇申报已达县里要求") if met else _("乡镇申报未达县里要求")
    return Card(title, None, declarations_url(county_code, year), "info" if met else "warn", detail, group)


def county_cards(user, today) -> list[Card]:
    """Townships whose declaration falls short of the rule, for a county office (three queries)."""
    county = user.home_org
    if county is None or county.level != OrgLevel.COUNTY or not county.is_geographic:
        return []
    year = today.year
    townships = list(
        Org.objects.restrict(user, Action.PLANS_VIEW)
        .filter(parent__code=county.code, level=OrgLevel.TOWNSHIP)
        .order_by("code")
        .only("pk", "short_name")
    )
    rule, declared = county_rule(county.code, year), declared_counts([t.pk for t in townships], year)
    none = {"five": 0, "four": 0}
    behind = [
        t.short_name
        for t in townships
        if not services.declaration_met(rule, declared.get(t.pk, none)["five"], declared.get(t.pk, none)["four"])
    ]
    return [
        Card(
            _("申报未达要求的乡镇"),
            len(behind),
            declarations_url(county.code, year),
            "warn" if behind else "info",
            "、".join(behind[:3]) + (_("等") if len(behind) > 3 else ""),
            _("创星规划"),
        )
    ]


def declarations_url(county_code: str, year: int) -> str:
    return link("planning:declarations", county=county_code, year=year)
