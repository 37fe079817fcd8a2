"""Cases for the project-wide meta-tests: every civic model and route, with an object inside
the township user's scope (西虢镇) and one outside it (大定街道)."""

from datetime import date

from lianxin.civic import services, volunteers
from lianxin.civic.models import Activity, Agreement, Dispute, Session, SignIn, Team, Volunteer, ZeroReport
from lianxin.civic.plugin import Action
from lianxin.registers.tests.factories import DADING, DADING_VILLAGE, SYSTEM, XIGUO_VILLAGE, org
from lianxin.testing.cases import pair_from
from lianxin.testing.images import real_png, upload


def world() -> dict:
    out = {}
    for key, code in (("in", XIGUO_VILLAGE), ("out", DADING_VILLAGE)):
        village = org(code)
        dispute = services.take_in(
            SYSTEM, village, kind="neighbour", description="争执", mediator="王", parties="甲、乙"
        )
        session = services.add_session(SYSTEM, dispute, kind="counselling", note="疏导")
        agreement = services.attach_agreement(SYSTEM, dispute, upload(real_png(8, 8)))
        team = volunteers.add_team(SYSTEM, village, name=f"队{key}", kind="haircut")
        volunteer = volunteers.register(SYSTEM, village, name=f"人{key}", teams=[team])
        activity = volunteers.record_activity(SYSTEM, team, title="理发", day=date(2026, 3, 1), hours={volunteer: 2})
        out[key] = {
            "dispute": dispute,
            "session": session,
            "agreement": agreement,
            "zero": services.report_month(SYSTEM, village, date(2026, 3, 1), petitions=0, incidents=0, cases=0),
            "team": team,
            "volunteer": volunteer,
            "activity": activity,
            "sign_in": activity.sign_ins.get(),
        }
    return out


_pair = pair_from(world)
V = Action.CIVIC_VIEW
SCOPED_MODEL_CASES = {
    Dispute: (_pair("dispute"), "township", V),
    Session: (_pair("session"), "township", V),
    Agreement: (_pair("agreement"), "township", V),
    ZeroReport: (_pair("zero"), "township", V),
    Team: (_pair("team"), "township", V),
    Volunteer: (_pair("volunteer"), "township", V),
    Activity: (_pair("activity"), "township", V),
    SignIn: (_pair("sign_in"), "township", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    o = world()["out"]
    t = "township"
    return {
        "civic:dispute_detail": (t, {"pk": o["dispute"].pk}),
        "civic:agreement": (t, {"pk": o["agreement"].pk}),
        "civic:three_zero": (t, {"code": DADING}),
        "civic:volunteer_detail": (t, {"pk": o["volunteer"].pk}),
        "civic-dispute-detail": (t, {"pk": o["dispute"].pk}),
        "civic-zero-report-detail": (t, {"pk": o["zero"].pk}),
        "civic-volunteer-detail": (t, {"pk": o["volunteer"].pk}),
    }


POST_ONLY: set[str] = set()
