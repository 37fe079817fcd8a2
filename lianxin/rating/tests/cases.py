"""Cases for the project-wide meta-tests (core/tests/test_scope.py, test_urls.py and
test_personal_data.py): every
rating model and route, with an object inside the user's scope and one outside it. Village
objects: 西虢村 (西虢镇, the `township` user's) inside, 迎秀社区 (大定街道) outside; county
objects: 孟州市 (the `office` user's) inside, 博爱县 outside."""

from datetime import timedelta

from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, DADING, MENGZHOU, XIGUO
from lianxin.orgs.models import Org
from lianxin.rating import services
from lianxin.rating.choices import ApplicationStatus, QuotaKind, StepKind
from lianxin.rating.models import (
    Application,
    CountyRatingRollup,
    Objection,
    ProgressAward,
    Publicity,
    Quota,
    RatingConfig,
    ReviewStep,
    VillageRating,
)
from lianxin.rating.plugin import Action
from lianxin.testing.personal import PersonalDataCase

IN_VILLAGE, OUT_VILLAGE = XIGUO + "201", DADING + "002"


def _year():
    return timezone.localdate().year


def _publicity(code):
    today = timezone.localdate()
    return Publicity.objects.create(
        org=Org.objects.get(code=code),
        year=_year(),
        title="公示",
        start_date=today,
        end_date=today + timedelta(days=7),
        working_days=5,
    )


def _application(code, status=ApplicationStatus.IN_REVIEW, publicity=None):
    return Application.objects.create(
        org=Org.objects.get(code=code),
        year=_year(),
        stars=["branch"],
        approved_stars=["branch"],
        status=status,
        chain=["township"],
        step_kind=StepKind.TOWNSHIP,
        round=1,
        publicity=publicity,
    )


def _step(application):
    return ReviewStep.objects.create(
        application=application,
        round=1,
        index=0,
        kind=StepKind.TOWNSHIP,
        reviewer_org=application.org.parent,
        deadline=timezone.localdate(),
    )


def _objection(code):
    publicity = _publicity(code[:6])
    application = _application(code, ApplicationStatus.PUBLICITY, publicity)
    return Objection.objects.create(publicity=publicity, application=application, content="异议")


def _rating(code):
    return VillageRating.objects.create(org=Org.objects.get(code=code), year=_year(), level=1, branch=True)


def _award(code):
    application = _application(code, ApplicationStatus.DETERMINED)
    return ProgressAward.objects.create(org=application.org, year=_year(), star="branch", application=application)


def _pair(make, inside=IN_VILLAGE, outside=OUT_VILLAGE):
    def cases(users, plans=None):
        return make(inside), make(outside)

    return cases


def _rollup(code):
    """A county's rating rollup, as the services count it."""
    from django.utils import timezone

    from lianxin.orgs import rollups
    from lianxin.rating.rollups import RATINGS

    rollups.refresh(RATINGS, Org.objects.get(code=code), _year(), timezone.localdate())
    return CountyRatingRollup.objects.get(county_code=code, year=_year())


SCOPED_MODEL_CASES = {
    CountyRatingRollup: (_pair(_rollup, MENGZHOU, BOAI), "office", Action.RATING_VIEW),
    RatingConfig: (
        _pair(lambda c: RatingConfig.objects.create(org=Org.objects.get(code=c), year=_year()), MENGZHOU, BOAI),
        "office",
        Action.RATING_VIEW,
    ),
    Publicity: (_pair(_publicity, MENGZHOU, BOAI), "office", Action.RATING_VIEW),
    Quota: (
        _pair(
            lambda c: Quota.objects.create(
                org=Org.objects.get(code=c), year=_year(), kind=QuotaKind.LEVEL, level=5, limit=1
            ),
            MENGZHOU,
            BOAI,
        ),
        "office",
        Action.RATING_VIEW,
    ),
    Application: (_pair(_application), "township", Action.RATING_VIEW),
    ReviewStep: (_pair(lambda c: _step(_application(c))), "township", Action.RATING_VIEW),
    Objection: (_pair(_objection), "township", Action.RATING_VIEW),
    VillageRating: (_pair(_rating), "township", Action.RATING_VIEW),
    ProgressAward: (_pair(_award), "township", Action.RATING_VIEW),
}


def _objection_personal(users, plans=None):
    """An objection from the public page to a result of 西虢村 under publicity, leaving a mobile."""
    publicity = _publicity(MENGZHOU)
    application = _application(IN_VILLAGE, ApplicationStatus.PUBLICITY, publicity)
    contact = "13912340003"
    objection = services.lodge_objection(Actor.system("public"), application, content="材料不实", contact=contact)
    return PersonalDataCase(
        raw=[("contact", contact)],
        user="office",
        pages=[("rating:publicity_detail", {"pk": publicity.pk}, {})],
        api=[("rating-objection-list", {}, {}), ("rating-objection-detail", {"pk": objection.pk}, {})],
    )


PERSONAL_DATA_CASES = {Objection: _objection_personal}

# API routes that only accept POST: checked with POST for their out-of-scope 404.
POST_ONLY = {
    "rating-application-submit",
    "rating-application-evidence",
    "rating-application-determine",
    "rating-step-decide",
    "rating-objection-handle",
    "rating-result-adjust",
    "rating-award-pay",
}


def out_of_scope_cases(users, plans=None) -> dict:
    """Route -> (user, kwargs of an object outside that user's scope)."""
    inside_app = _application(IN_VILLAGE)  # 西虢镇: outside the `village` user (迎秀社区)
    outside_app = _application(OUT_VILLAGE)  # 大定街道: outside the `township` user (西虢镇)
    step = _step(outside_app)
    publicity = _publicity(MENGZHOU)
    objection = _objection(XIGUO + "202")
    rating = _rating(IN_VILLAGE)
    award = _award(IN_VILLAGE)
    quota = Quota.objects.create(
        org=Org.objects.get(code=MENGZHOU), year=_year(), kind=QuotaKind.LEVEL, level=4, limit=3
    )
    return {
        "rating:application_detail": ("township", {"pk": outside_app.pk}),
        "rating:application_edit": ("village", {"pk": inside_app.pk}),
        "rating:publicity_detail": ("office_boai", {"pk": publicity.pk}),
        "rating:publicity_notice": ("office_boai", {"pk": publicity.pk}),
        # public: no login; a village is no jurisdiction, so its public page does not exist
        "rating:public": ("nobody", {"code": OUT_VILLAGE}),
        "rating:result_adjust": ("office_boai", {"pk": rating.pk}),
        "rating:award_pay": ("office_boai", {"pk": award.pk}),
        "rating:stats": ("township", {"code": DADING}),
        "rating:certificates": ("township", {"code": DADING}),
        "rating:determination": ("township", {"code": DADING}),
        "rating:settings": ("office_boai", {"code": MENGZHOU}),
        "rating-application-detail": ("township", {"pk": outside_app.pk}),
        "rating-application-submit": ("village", {"pk": inside_app.pk}),
        "rating-application-evidence": ("village", {"pk": inside_app.pk}),
        "rating-application-determine": ("office_boai", {"pk": inside_app.pk}),
        "rating-step-detail": ("township", {"pk": step.pk}),
        "rating-step-decide": ("township", {"pk": step.pk}),
        "rating-publicity-detail": ("office_boai", {"pk": publicity.pk}),
        "rating-objection-detail": ("office_boai", {"pk": objection.pk}),
        "rating-objection-handle": ("office_boai", {"pk": objection.pk}),
        "rating-quota-detail": ("office_boai", {"pk": quota.pk}),
        "rating-result-detail": ("office_boai", {"pk": rating.pk}),
        "rating-result-adjust": ("office_boai", {"pk": rating.pk}),
        "rating-award-detail": ("office_boai", {"pk": award.pk}),
        "rating-award-pay": ("office_boai", {"pk": award.pk}),
    }
