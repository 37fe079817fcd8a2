"""The three competitions: rounds (a township's preliminary, the county's final), judges,
entries with slides checked by content, judges' scores (each judge sees only their own until the
round closes), and closing: each entry's result is the mean of its judges' totals without the
highest and lowest (when there are three judges or more), places follow, and the winners — a set
number or share — advance from a preliminary into the county's final of the same year and kind."""

import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.assessment.choices import CompetitionKind, Stage
from lianxin.assessment.models import Entry, Judge, JudgeScore, Round, Slides
from lianxin.assessment.plugin import Action
from lianxin.assessment.services.sheet import star_sheet
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import locked
from lianxin.core.permissions import can_at, require
from lianxin.core.scope import in_range
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org

SLIDE_TYPES = ("application/pdf", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
ROUND_ORG_KIND = {Stage.PRELIMINARY: OrgKind.TOWNSHIP, Stage.FINAL: OrgKind.COUNTY}


def _criteria(criteria: list[dict]) -> list[dict]:
    cleaned = [{"name": str(c["name"]).strip(), "max": int(c["max"])} for c in criteria]
    names = [c["name"] for c in cleaned]
    if not cleaned or any(not n for n in names) or len(set(names)) != len(names) or any(c["max"] <= 0 for c in cleaned):
        raise ValidationError(_("评分标准须有名称不重复、满分大于0的评分项"))
    return cleaned


@transaction.atomic
def create_round(
    actor: Actor,
    org: Org,
    *,
    year: int,
    kind: str,
    stage: str,
    title: str,
    criteria: list[dict],
    advance_count: int | None = None,
    advance_share: int | None = None,
) -> Round:
    """A township's preliminary or the county's final of one competition of the year."""
    require(actor, Action.COMPETITION_MANAGE, org.code)
    if org.kind != ROUND_ORG_KIND[Stage(stage)]:
        raise ValidationError(_("乡镇初赛由乡镇（街道）设立，县级决赛由县（市、区）设立"))
    if stage == Stage.PRELIMINARY and (advance_count is None) == (advance_share is None):
        raise ValidationError(_("初赛须设晋级名额或晋级比例（二选一）"))
    if advance_share is not None and not 0 < advance_share <= 100:
        raise ValidationError(_("晋级比例须在1到100之间"))
    contest = Round(
        org=org,
        year=year,
        kind=kind,
        stage=stage,
        title=title.strip(),
        criteria=_criteria(criteria),
        advance_count=advance_count,
        advance_share=advance_share,
    )
    contest.full_clean(exclude=["org"])
    contest.save()
    record(
        actor,
        "assessment.round.create",
        obj=contest,
        org_code=org.code,
        after=snapshot(contest, ("year", "kind", "stage", "title", "criteria")),
    )
    return contest


def _open(actor: Actor, contest: Round) -> Round:
    contest = locked(contest)
    require(actor, Action.COMPETITION_MANAGE, contest.org.code)
    if contest.is_closed:
        raise ValidationError(_("比武已结束"))
    return contest


@transaction.atomic
def assign_judge(actor: Actor, contest: Round, user) -> Judge:
    contest = _open(actor, contest)
    judge, created = Judge.objects.get_or_create(round=contest, user=user)
    if not created:
        raise ValidationError(_("该用户已是本场评委"))
    record(actor, "assessment.judge.assign", obj=contest, org_code=contest.org.code, after={"judge": user.pk})
    return judge


@transaction.atomic
def add_entry(
    actor: Actor, contest: Round, village: Org, *, secretary: str, title: str, site_notes: str = "", sheet=None
) -> Entry:
    """A village's entry in an open round of its township or county; a 成效 round's entry starts
    from the village's star self-assessment of the year."""
    contest = _open(actor, contest)
    if village.kind not in GRASSROOTS_KINDS or not in_range(village.code, contest.org.code):
        raise ValidationError(_("参赛村（社区）须在本场比武的范围内"))
    if sheet is None and contest.kind == CompetitionKind.RESULTS:
        sheet = star_sheet(village, contest.year)
    entry = Entry(
        round=contest,
        org=village,
        secretary=secretary.strip(),
        title=title.strip(),
        site_notes=site_notes.strip(),
        sheet=sheet or [],
    )
    entry.full_clean(exclude=["round", "org", "sheet"])
    entry.save()
    record(
        actor, "assessment.entry.save", obj=entry, org_code=village.code, after=snapshot(entry, ("secretary", "title"))
    )
    return entry


@transaction.atomic
def upload_slides(actor: Actor, entry: Entry, upload) -> Slides:
    """The entry's slides, PDF or PowerPoint by their content (whatever the file is called)."""
    _open(actor, entry.round)
    slides = Slides.objects.filter(entry=entry).first() or Slides(entry=entry)
    slides.fill_from_upload(upload)
    if slides.content_type not in SLIDE_TYPES:
        raise ValidationError(_("演示文稿须为 PDF 或 PPT（pptx）文件"))
    slides.save()
    record(
        actor,
        "assessment.slides.upload",
        obj=entry,
        org_code=entry.org.code,
        after={"file": slides.original_name, "size": slides.size},
    )
    return slides


def is_judge(user, contest: Round) -> bool:
    return Judge.objects.filter(round=contest, user=user).exists()


def can_judge(user, contest: Round) -> bool:
    return not contest.is_closed and user.is_authenticated and is_judge(user, contest)


@transaction.atomic
def score_entry(actor: Actor, entry: Entry, points: dict[str, Decimal]) -> JudgeScore:
    """A judge's points for an entry, one per criterion within its max; changed until the round closes."""
    contest = Round.objects.select_for_update().get(pk=entry.round_id)
    if actor.user is None or not is_judge(actor.user, contest):
        raise ValidationError(_("您不是本场比武的评委"))
    if contest.is_closed:
        raise ValidationError(_("比武已结束，不能再打分"))
    given = {}
    for criterion in contest.criteria:
        value = points.get(criterion["name"])
        if value is None or not Decimal(0) <= Decimal(value) <= criterion["max"]:
            raise ValidationError(_("“%(c)s”须在0到%(m)s之间") % {"c": criterion["name"], "m": criterion["max"]})
        given[criterion["name"]] = str(Decimal(value))
    score = JudgeScore.objects.filter(entry=entry, judge=actor.user).first() or JudgeScore(
        entry=entry, judge=actor.user
    )
    score.points, score.total = given, sum((Decimal(v) for v in given.values()), Decimal(0))
    score.save()
    record(actor, "assessment.entry.score", obj=entry, org_code=entry.org.code, after={"total": score.total})
    return score


def trimmed_mean(totals: list[Decimal]) -> Decimal | None:
    """The mean without the highest and lowest total (with three judges or more)."""
    ordered = sorted(totals)
    kept = ordered[1:-1] if len(ordered) >= 3 else ordered
    return (sum(kept, Decimal(0)) / len(kept)).quantize(Decimal("0.01")) if kept else None


def _advancing(contest: Round, count: int) -> int:
    if contest.stage == Stage.FINAL:
        return 0
    if contest.advance_count is not None:
        return min(contest.advance_count, count)
    return math.ceil(count * contest.advance_share / 100)


def can_close_round(user, contest: Round) -> bool:
    return not contest.is_closed and can_at(user, Action.COMPETITION_MANAGE, contest.org.code)


@transaction.atomic
def close_round(actor: Actor, contest: Round) -> Round:
    """Results, places and advancement; a preliminary's winners are entered in the county's
    final of the same year and kind, when it has been set up and is open."""
    contest = _open(actor, contest)
    entries = list(contest.entries.prefetch_related("judge_scores"))
    for entry in entries:
        entry.result = trimmed_mean([s.total for s in entry.judge_scores.all()])
    ranked = sorted((e for e in entries if e.result is not None), key=lambda e: e.result, reverse=True)
    winners = _advancing(contest, len(ranked))
    for index, entry in enumerate(ranked):
        tied = index and ranked[index - 1].result == entry.result
        entry.place = ranked[index - 1].place if tied else index + 1
        entry.advanced = index < winners
    Entry.objects.bulk_update(entries, ["result", "place", "advanced"])
    contest.closed_at = timezone.now()
    contest.save(update_fields=["closed_at"])
    if contest.stage == Stage.PRELIMINARY:
        _into_final(contest, [e for e in ranked if e.advanced])
    record(
        actor,
        "assessment.round.close",
        obj=contest,
        org_code=contest.org.code,
        after={"entries": len(entries), "advanced": winners},
    )
    return contest


def _into_final(contest: Round, winners: list[Entry]) -> None:
    county = contest.org.ancestor_code(OrgLevel.COUNTY)
    final = Round.objects.filter(
        org__code=county, year=contest.year, kind=contest.kind, stage=Stage.FINAL, closed_at__isnull=True
    ).first()
    if final is None:
        return
    Entry.objects.bulk_create(
        [
            Entry(
                round=final,
                org_id=e.org_id,
                secretary=e.secretary,
                title=e.title,
                site_notes=e.site_notes,
                sheet=e.sheet,
            )
            for e in winners
        ],
        ignore_conflicts=True,
    )


def visible_scores(user, contest: Round):
    """Judges' scores a user may read: all once the round has closed, before that only their own."""
    scores = JudgeScore.objects.restrict(user, Action.ASSESSMENT_VIEW).filter(entry__round=contest)
    return scores if contest.is_closed else scores.filter(judge=user)
