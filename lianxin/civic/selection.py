"""Model-person selection (先进人物评选): nominations, votes (one per household and category for
a residents' vote, checked here and by a unique constraint), publicity with objections, and the
results kept per year. Each step is one service call with its audit event."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.civic.choices import CampaignStatus, Voting
from lianxin.civic.models import Campaign, Nomination, Objection, Vote
from lianxin.civic.plugin import Action
from lianxin.core.changes import audited, locked, today
from lianxin.core.permissions import can_at, require
from lianxin.core.scope import in_range
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org


@transaction.atomic
def create_campaign(actor: Actor, org: Org, *, year: int, title: str, categories: str, voting: str) -> Campaign:
    require(actor, Action.CIVIC_VOLUNTEER, org.code)
    if org.kind != OrgKind.TOWNSHIP and org.kind not in GRASSROOTS_KINDS:
        raise ValidationError(_("评选由村（社区）或乡镇（街道）组织"))
    campaign = Campaign(org=org, year=year, title=title.strip(), categories=categories.strip(), voting=voting)
    campaign.full_clean()
    if not campaign.category_list:
        raise ValidationError(_("请填写评选类别"))
    campaign.save()
    record(
        actor,
        "civic.campaign.create",
        obj=campaign,
        org_code=org.code,
        after=snapshot(campaign, ("year", "title", "voting")),
    )
    return campaign


def _in(actor: Actor, campaign: Campaign, status: str, refusal: str) -> Campaign:
    campaign = locked(campaign)
    require(actor, Action.CIVIC_VOLUNTEER, campaign.org.code)
    if campaign.status != status:
        raise ValidationError(refusal)
    return campaign


def can_run(user, campaign: Campaign) -> bool:
    return campaign.status != CampaignStatus.CLOSED and can_at(user, Action.CIVIC_VOLUNTEER, campaign.org.code)


@transaction.atomic
def nominate(actor: Actor, campaign: Campaign, *, category: str, name: str, reason: str, household=None) -> Nomination:
    campaign = _in(actor, campaign, CampaignStatus.NOMINATING, _("推荐提名阶段已结束"))
    if category not in campaign.category_list:
        raise ValidationError(_("没有这个评选类别"))
    if household is not None and not in_range(household.org.code, campaign.org.code):
        raise ValidationError(_("被推荐人须是本地农户"))
    nomination = Nomination(
        campaign=campaign, category=category, name=name.strip(), reason=reason.strip(), household=household
    )
    nomination.full_clean()
    nomination.save()
    record(
        actor,
        "civic.campaign.nominate",
        obj=campaign,
        org_code=campaign.org.code,
        after={"category": category, "name": name},
    )
    return nomination


def _move(actor: Actor, campaign: Campaign, event: str, status: str, **fields) -> Campaign:
    with audited(actor, event, campaign, ("status",)):
        campaign.status = status
        for name, value in fields.items():
            setattr(campaign, name, value)
        campaign.save(update_fields=["status", *fields])
    return campaign


@transaction.atomic
def open_voting(actor: Actor, campaign: Campaign) -> Campaign:
    campaign = _in(actor, campaign, CampaignStatus.NOMINATING, _("只有推荐提名阶段可以开始投票"))
    if not campaign.nominations.exists():
        raise ValidationError(_("还没有推荐人选"))
    return _move(actor, campaign, "civic.campaign.open_voting", CampaignStatus.VOTING)


@transaction.atomic
def vote(actor: Actor, nomination: Nomination, *, household=None) -> Vote:
    """A household's vote (村民投票) or the acting committee member's (评议委员会): one per
    category. Checked here for a clear message, and by the unique constraints against a race."""
    campaign = _in(actor, nomination.campaign, CampaignStatus.VOTING, _("不在投票阶段"))
    residents = campaign.voting == Voting.RESIDENTS
    if residents and (household is None or not in_range(household.org.code, campaign.org.code)):
        raise ValidationError(_("村民投票须选择本地的一户"))
    voter = None if residents else actor.user
    if not residents and voter is None:
        raise ValidationError(_("评议委员会投票须由委员本人登录投票"))
    who = {"household": household} if residents else {"voter": voter}
    if Vote.objects.filter(campaign=campaign, category=nomination.category, **who).exists():
        raise ValidationError(_("该户已在此类别投票") if residents else _("您已在此类别投票"))
    try:
        with transaction.atomic():
            ballot = Vote.objects.create(campaign=campaign, nomination=nomination, category=nomination.category, **who)
    except IntegrityError as exc:
        raise ValidationError(_("该户已在此类别投票")) from exc
    record(
        actor, "civic.campaign.vote", obj=campaign, org_code=campaign.org.code, after={"category": nomination.category}
    )
    return ballot


@transaction.atomic
def publicise(actor: Actor, campaign: Campaign, *, until: date) -> Campaign:
    """The most-voted nominee of each category is selected and put under publicity."""
    campaign = _in(actor, campaign, CampaignStatus.VOTING, _("只有投票阶段结束后可以公示"))
    if until < today():
        raise ValidationError(_("公示截止日期不能早于今天"))
    best = {}
    for n in campaign.nominations.annotate(n_votes=Count("votes")).order_by("category", "-n_votes", "id"):
        if n.n_votes and n.category not in best:
            best[n.category] = n.pk
    campaign.nominations.filter(pk__in=best.values()).update(selected=True)
    return _move(actor, campaign, "civic.campaign.publicise", CampaignStatus.PUBLICITY, publicity_until=until)


@transaction.atomic
def lodge_objection(actor: Actor, nomination: Nomination, content: str) -> Objection:
    campaign = _in(actor, nomination.campaign, CampaignStatus.PUBLICITY, _("不在公示期"))
    if not nomination.selected or not content.strip():
        raise ValidationError(_("请对当选人选填写异议内容"))
    objection = Objection.objects.create(nomination=nomination, content=content.strip())
    record(
        actor, "civic.campaign.objection", obj=campaign, org_code=campaign.org.code, after={"nomination": nomination.pk}
    )
    return objection


@transaction.atomic
def close_campaign(actor: Actor, campaign: Campaign, *, withdraw=()) -> Campaign:
    """After the publicity: the results stand, except the nominees withdrawn after objections."""
    campaign = _in(actor, campaign, CampaignStatus.PUBLICITY, _("只有公示中的评选可以结束"))
    if campaign.publicity_until and campaign.publicity_until > today():
        raise ValidationError(_("公示期未满"))
    campaign.nominations.filter(pk__in=[n.pk for n in withdraw]).update(selected=False)
    return _move(actor, campaign, "civic.campaign.close", CampaignStatus.CLOSED)
