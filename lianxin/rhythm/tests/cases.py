"""Cases for the project-wide meta-tests: a 孟州市 bulletin (which the 西虢镇 township user reads,
its county's) and a 博爱县 one (outside)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, MENGZHOU, XIGUO
from lianxin.orgs.models import Org
from lianxin.rhythm import dispatch, duties, observation, services
from lianxin.rhythm.figures import week_of
from lianxin.rhythm.models import (
    Bulletin,
    Decision,
    DispatchMeeting,
    DutyOccurrence,
    LeaderDuty,
    MeetingUnit,
    ObservationTour,
    RhythmConfig,
    SitePhoto,
    TourSite,
)
from lianxin.rhythm.plugin import Action
from lianxin.testing.cases import pair_from


def bulletin(code: str) -> Bulletin:
    from django.utils import timezone

    monday, _ = week_of(timezone.localdate())
    made = services.request_bulletin(Actor.system("tests"), Org.objects.get(code=code), monday)
    made.refresh_from_db()
    return made


def _pair(users, plans=None):
    return bulletin(MENGZHOU), bulletin(BOAI)


def meeting_world() -> dict:
    """A meeting of 孟州市 (its 西虢镇 row and a decision owned by 西虢镇) and one of 博爱县."""
    from django.utils import timezone

    made = {}
    for key, code in (("in", MENGZHOU), ("out", BOAI)):
        org = Org.objects.get(code=code)
        meeting = dispatch.create_meeting(
            Actor.system("tests"), org, day=timezone.localdate(), title="月调度会", chair="书记"
        )
        unit = meeting.units.filter(org__parent=org).order_by("org__code").last()
        if key == "in":
            unit = meeting.units.get(org__code=XIGUO)
        decision = dispatch.add_decision(
            Actor.system("tests"), meeting, text="整改", owner=unit.org, deadline=timezone.localdate()
        )
        made[key] = {"meeting": meeting, "unit": unit, "decision": decision}
    return made


_meeting_pair = pair_from(meeting_world)


def duty_world() -> dict:
    from django.utils import timezone

    made = {}
    for key, code in (("in", MENGZHOU), ("out", BOAI)):
        duty = duties.add_duty(
            Actor.system("tests"), Org.objects.get(code=code), title="专题研究", holder="书记", frequency="quarterly"
        )
        done = duties.record_occurrence(Actor.system("tests"), duty, day=timezone.localdate(), note="研究")
        made[key] = {"duty": duty, "occurrence": done}
    return made


_duty_pair = pair_from(duty_world)


def tour_world() -> dict:
    """A 孟州市 tour with a site at 西虢镇 and a 博爱县 tour with one of its townships."""
    from django.utils import timezone

    made = {}
    for key, code, site in (("in", MENGZHOU, XIGUO), ("out", BOAI, None)):
        org = Org.objects.get(code=code)
        site = site or org.children.order_by("code").first().code
        tour = observation.plan_tour(
            Actor.system("tests"), org, day=timezone.localdate(), title="观摩", site_codes=[site]
        )
        made[key] = {"tour": tour, "site": tour.sites.get()}
    return made


_tour_pair = pair_from(tour_world)


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")
    return out.getvalue()


_PNG = _png()


def _configs(users, plans=None):
    return tuple(RhythmConfig.objects.get_or_create(org=Org.objects.get(code=code))[0] for code in (MENGZHOU, BOAI))


SCOPED_MODEL_CASES = {
    Bulletin: (_pair, "township", Action.RHYTHM_VIEW),
    RhythmConfig: (_configs, "office", Action.RHYTHM_MANAGE),
    DispatchMeeting: (_meeting_pair("meeting"), "township", Action.RHYTHM_VIEW),
    MeetingUnit: (_meeting_pair("unit"), "township", Action.RHYTHM_REPORT),
    Decision: (_meeting_pair("decision"), "township", Action.RHYTHM_VIEW),
    LeaderDuty: (_duty_pair("duty"), "office", Action.RHYTHM_VIEW),
    DutyOccurrence: (_duty_pair("occurrence"), "office", Action.RHYTHM_VIEW),
    ObservationTour: (_tour_pair("tour"), "township", Action.RHYTHM_VIEW),
    TourSite: (_tour_pair("site"), "township", Action.RHYTHM_VIEW),
}


def out_of_scope_cases(users, plans=None) -> dict:
    out = bulletin(BOAI)
    o = meeting_world()["out"]
    tours = tour_world()["out"]
    photo = SitePhoto(site=tours["site"])
    photo.fill_from_upload(SimpleUploadedFile("p.png", _PNG))
    photo.save()
    return {
        "rhythm:meeting_detail": ("township", {"pk": o["meeting"].pk}),
        "rhythm:meeting_minutes": ("township", {"pk": o["meeting"].pk}),
        "rhythm:meeting_unit": ("township", {"pk": o["unit"].pk}),
        "rhythm:decision_detail": ("township", {"pk": o["decision"].pk}),
        "rhythm:duty_detail": ("office", {"pk": duty_world()["out"]["duty"].pk}),
        "rhythm:tour_detail": ("township", {"pk": tours["tour"].pk}),
        "observation-tour-detail": ("township", {"pk": tours["tour"].pk}),
        "rhythm:site_score": ("township", {"pk": tours["site"].pk}),
        "rhythm:site_photo": ("township", {"pk": photo.pk}),
        "rhythm:bulletin_detail": ("township", {"pk": out.pk}),
        "rhythm:bulletin_file": ("township", {"pk": out.pk}),
        "rhythm:floors": ("office", {"code": BOAI}),
        "bulletin-detail": ("township", {"pk": out.pk}),
        "dispatch-meeting-detail": ("township", {"pk": o["meeting"].pk}),
        "decision-detail": ("township", {"pk": o["decision"].pk}),
        "leader-duty-detail": ("office", {"pk": duty_world()["out"]["duty"].pk}),
    }


POST_ONLY: set[str] = set()
