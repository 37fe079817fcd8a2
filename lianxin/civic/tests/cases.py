"""Cases for the project-wide meta-tests: every civic model and route, with an object inside
the township user's scope (西虢镇) and one outside it (大定街道)."""

from datetime import date

from lianxin.civic import selection, services, volunteers
from lianxin.civic.models import (
    Activity,
    Agreement,
    Arrival,
    Campaign,
    Dispute,
    Nomination,
    Objection,
    Session,
    SignIn,
    Team,
    Volunteer,
    Vote,
    ZeroReport,
)
from lianxin.civic.plugin import Action
from lianxin.core.changes import today
from lianxin.registers.tests.factories import DADING, DADING_VILLAGE, SYSTEM, XIGUO_VILLAGE, household, org
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
        arrival = volunteers.arrive(SYSTEM, volunteers.record_activity(SYSTEM, team, title="义诊"), volunteer)
        campaign = selection.create_campaign(
            SYSTEM, village, year=2026, title="好媳妇评选", categories="好媳妇", voting="residents"
        )
        nomination = selection.nominate(SYSTEM, campaign, category="好媳妇", name="刘秀英", reason="孝敬公婆")
        selection.open_voting(SYSTEM, campaign)
        ballot = selection.vote(SYSTEM, nomination, household=household(code, number=f"v{key}"))
        selection.publicise(SYSTEM, campaign, until=today())
        nomination.refresh_from_db()
        objection = selection.lodge_objection(SYSTEM, nomination, "事迹不实")
        out[key] = {
            "campaign": campaign,
            "nomination": nomination,
            "vote": ballot,
            "objection": objection,
            "dispute": dispute,
            "session": session,
            "agreement": agreement,
            "zero": services.report_month(SYSTEM, village, date(2026, 3, 1), petitions=0, incidents=0, cases=0),
            "team": team,
            "volunteer": volunteer,
            "activity": activity,
            "sign_in": activity.sign_ins.get(),
            "arrival": arrival,
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
    Arrival: (_pair("arrival"), "township", V),
    Campaign: (_pair("campaign"), "township", V),
    Nomination: (_pair("nomination"), "township", V),
    Vote: (_pair("vote"), "township", V),
    Objection: (_pair("objection"), "township", V),
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
        "civic:campaign_detail": (t, {"pk": o["campaign"].pk}),
        "civic-campaign-detail": (t, {"pk": o["campaign"].pk}),
        "civic-campaign-vote": (t, {"pk": o["campaign"].pk}),
        **{f"civic-dispute-{verb}": (t, {"pk": o["dispute"].pk}) for verb in DISPUTE_VERBS},
        "civic-activity-detail": (t, {"pk": o["activity"].pk}),
        "civic:activity_sign_in": (t, {"pk": o["activity"].pk}),
        "civic:public_selection": (t, {"token": "not-a-token"}),  # public by token: an unknown one is 404
        "civic-activity-sign-in": (t, {"pk": o["activity"].pk}),
    }


DISPUTE_VERBS = ("sessions", "close", "agreement", "escalate")
POST_ONLY: set[str] = {"civic-campaign-vote", "civic-activity-sign-in", *(f"civic-dispute-{v}" for v in DISPUTE_VERBS)}
