"""The quarterly observation tour (季观摩): the office plans the sites in order; participants
score each site on their phone (one sheet per person and site, changeable until the day after
the tour); the results rank the sites by their average score; photos are kept per site."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record
from lianxin.core.permissions import require
from lianxin.core.scope import prefix_q
from lianxin.core.uploads import UploadError
from lianxin.orgs.models import Org
from lianxin.rhythm.models import ObservationTour, SitePhoto, SiteScore, TourSite
from lianxin.rhythm.plugin import Action
from lianxin.rhythm.services import BULLETIN_KINDS


@transaction.atomic
def plan_tour(actor: Actor, org: Org, *, day, title: str, site_codes: list[str]) -> ObservationTour:
    require(actor, Action.RHYTHM_MANAGE, org.code)
    if org.kind not in BULLETIN_KINDS:
        raise ValidationError(_("观摩由市或县（市、区）组织"))
    found = {o.code: o for o in Org.objects.filter(prefix_q(org.code), code__in=site_codes).exclude(pk=org.pk)}
    missing = [c for c in site_codes if c not in found]
    if missing or not site_codes:
        raise ValidationError({"sites": _("这些代码不是本地的单位：%(c)s") % {"c": "、".join(missing) or "—"}})
    if len(set(site_codes)) != len(site_codes):
        raise ValidationError({"sites": _("观摩点有重复")})
    tour = ObservationTour.objects.create(org=org, date=day, title=title.strip())
    TourSite.objects.bulk_create(TourSite(tour=tour, org=found[c], order=i) for i, c in enumerate(site_codes, 1))
    record(actor, "rhythm.tour.plan", obj=tour, org_code=org.code, after={"date": str(day), "sites": site_codes})
    return tour


def can_score(user, site: TourSite) -> bool:
    return user.can(Action.RHYTHM_SCORE) and timezone.localdate() <= site.tour.date + timedelta(days=1)


@transaction.atomic
def score_site(actor: Actor, site: TourSite, *, score: int, remark: str = "", photo=None) -> SiteScore:
    """A participant's sheet for a site (a second one replaces the first), with a photo."""
    require(actor, Action.RHYTHM_SCORE)
    if not can_score(actor.user, site):
        raise ValidationError(_("观摩已结束，不能再评分"))
    if not 0 <= score <= 100:
        raise ValidationError({"score": _("得分应在 0 到 100 之间")})
    sheet, _created = SiteScore.objects.update_or_create(
        site=site, scorer=actor.user, defaults={"score": score, "remark": remark.strip()}
    )
    if photo is not None:
        _keep_photo(site, photo)
    record(actor, "rhythm.tour.score", obj=site, org_code=site.org.code, after={"score": score})
    return sheet


def _keep_photo(site: TourSite, upload) -> SitePhoto:
    """A site photo, checked by its content (the core's upload checks: type from the bytes,
    size, pixel bombs): a document or a renamed file is refused, whatever its name says."""
    image = SitePhoto(site=site)
    image.fill_from_upload(upload)
    if not image.is_image:
        image.file.delete(save=False)
        raise UploadError(_("现场照片须为 JPG、PNG 或 WebP 图片"))
    image.save()
    return image


def results(tour: ObservationTour) -> list[dict]:
    """The sites ranked by average score (unscored last), from one query."""
    rows = tour.sites.select_related("org").annotate(average=Avg("scores__score"), sheets=Count("scores"))
    ranked = sorted(rows, key=lambda s: (s.average is None, -(s.average or 0), s.order))
    return [
        {"site": s, "average": round(s.average, 1) if s.average is not None else None, "sheets": s.sheets, "rank": i}
        for i, s in enumerate(ranked, 1)
    ]
