"""Publicity of approved results, objections lodged by the public and their handling by the
office."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record
from lianxin.core.permissions import can_at, require
from lianxin.core.scope import in_range
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.rating import workdays
from lianxin.rating.choices import ApplicationStatus, ObjectionStatus
from lianxin.rating.models import Application, Objection, Publicity
from lianxin.rating.plugin import Action
from lianxin.rating.services.applications import lock_application
from lianxin.rating.services.config import config_for


def can_decide(user, org: Org) -> bool:
    """The county office publicises results and handles objections in its county."""
    return can_at(user, Action.RATING_DECIDE, org.code)


BATCH_NUMERALS = "一二三四五六七八九十"


def publicity_title(county: Org, year: int, batch: int) -> str:
    """Every batch of a county's year named alike: 孟州市2026年度五星支部评星结果公示（第二批）."""
    numeral = BATCH_NUMERALS[batch - 1] if batch <= len(BATCH_NUMERALS) else str(batch)
    return f"{county.short_name}{year}年度五星支部评星结果公示（第{numeral}批）"


@transaction.atomic
def start_publicity(
    actor: Actor, county: Org, year: int, applications, *, start_date=None, title: str = ""
) -> Publicity:
    require(actor, Action.RATING_DECIDE, county.code)
    if county.level != OrgLevel.COUNTY or county.is_unit:
        raise ValidationError(_("公示由县（市、区）创建办发布"))
    pks = [a.pk for a in applications]
    if not pks:
        raise ValidationError(_("请选择要公示的申报"))
    locked = list(
        Application.objects.select_for_update(of=("self",)).filter(pk__in=pks).select_related("org").order_by("pk")
    )
    if len(locked) != len(set(pks)) or any(
        a.status != ApplicationStatus.APPROVED or a.year != year or not in_range(a.org.code, county.code)
        for a in locked
    ):
        raise ValidationError(_("只能公示本县（市、区）本年度审定通过、尚未公示的申报"))
    start_date = start_date or workdays.today()
    if start_date < workdays.today():
        raise ValidationError(_("公示开始日期不能早于今天"))
    config = config_for(county, year)
    end_date = workdays.add_working_days(start_date, config.publicity_days)
    batch = Publicity.objects.filter(org=county, year=year).count() + 1
    publicity = Publicity.objects.create(
        org=county,
        year=year,
        title=title.strip() or publicity_title(county, year, batch),
        start_date=start_date,
        end_date=end_date,
        working_days=config.publicity_days,
        created_by=actor.user,
    )
    Application.objects.filter(pk__in=pks).update(status=ApplicationStatus.PUBLICITY, publicity=publicity)
    record(
        actor,
        "rating.publicity.start",
        obj=publicity,
        org_code=county.code,
        after={
            "start_date": start_date,
            "end_date": end_date,
            "working_days": config.publicity_days,
            "applications": pks,
        },
    )
    for application in locked:
        record(
            actor,
            "rating.application.publicise",
            obj=application,
            org_code=application.org.code,
            before={"status": ApplicationStatus.APPROVED},
            after={"status": ApplicationStatus.PUBLICITY, "publicity": publicity.pk},
        )
    return publicity


@transaction.atomic
def lodge_objection(
    actor: Actor, application: Application, *, content: str, name: str = "", contact: str = ""
) -> Objection:
    """Anyone, without logging in, objects to a result under publicity (the public page)."""
    application = lock_application(application)
    publicity = application.publicity
    if (
        application.status != ApplicationStatus.PUBLICITY
        or publicity is None
        or not publicity.is_open_on(workdays.today())
    ):
        raise ValidationError(_("该结果不在公示期内，不能提出异议"))
    content = (content or "").strip()
    if not content:
        raise ValidationError(_("请填写异议内容"))
    objection = Objection.objects.create(
        publicity=publicity,
        application=application,
        content=content[:2000],
        name=name.strip()[:50],
        contact=contact.strip()[:50],
        ip=actor.ip or None,
    )
    record(
        actor,
        "rating.objection.lodge",
        obj=objection,
        object_repr=str(application),
        org_code=application.org.code,
        after={"application": application.pk, "publicity": publicity.pk},
    )
    return objection


@transaction.atomic
def handle_objection(actor: Actor, objection: Objection, *, handling: str, upheld: bool) -> Objection:
    """The office records how an objection was handled. An upheld objection means the result
    does not stand: the application is not approved."""
    objection = (
        Objection.objects.select_for_update(of=("self",)).select_related("application__org").get(pk=objection.pk)
    )
    require(actor, Action.RATING_DECIDE, objection.application.org.code)
    if objection.status != ObjectionStatus.PENDING:
        raise ValidationError(_("该异议已处理"))
    handling = (handling or "").strip()
    if not handling:
        raise ValidationError(_("请填写处理情况"))
    objection.status, objection.upheld, objection.handling = ObjectionStatus.HANDLED, bool(upheld), handling
    objection.handled_by, objection.handled_at = actor.user, timezone.now()
    objection.save()
    after = {"status": objection.status, "upheld": objection.upheld, "handling": handling}
    if upheld:
        application = lock_application(objection.application)
        if application.status == ApplicationStatus.PUBLICITY:
            application.status, application.reject_reason = ApplicationStatus.REJECTED, _("公示异议成立：") + handling
            application.save(update_fields=["status", "reject_reason"])
            after["application_status"] = application.status
    record(
        actor,
        "rating.objection.handle",
        obj=objection,
        object_repr=str(objection.application),
        org_code=objection.application.org.code,
        before={"status": ObjectionStatus.PENDING},
        after=after,
    )
    return objection
