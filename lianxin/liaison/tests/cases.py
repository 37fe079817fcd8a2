"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py): every
liaison model and route, with an object inside the township user's scope (西虢镇) and one
outside it (大定街道)."""

from lianxin.liaison import services
from lianxin.liaison.models import (
    AreaAssignment,
    Cadre,
    Consultation,
    Finding,
    FollowUp,
    GuidanceVisit,
    Household,
    HouseholdLink,
    Matter,
    MatterStep,
    PartyMember,
    VillageLiaison,
    Visit,
    VisitDay,
    VisitPhoto,
    WeakBranch,
)
from lianxin.liaison.plugin import Action
from lianxin.liaison.tests import factories as f

INSIDE, OUTSIDE = f.XIGUO_VILLAGE, f.DADING_VILLAGE


def world() -> dict:
    """One of everything in each of the two villages."""
    out = {}
    for key, code in (("in", INSIDE), ("out", OUTSIDE)):
        h = f.household(code=code)
        m = f.member(code=code)
        link = services.link_household(f.SYSTEM, m, h)
        v = services.log_visit(
            f.SYSTEM,
            h,
            member=m,
            day=f.timezone.localdate(),
            way="door",
            raised="路灯坏了",
            category="livelihood",
            make_matter=True,
            photo=f.photo(),
        )
        matter = Matter.objects.get(visit=v)
        cadre = Cadre.objects.filter(org__code="410883").first() or f.cadre()
        finding = f.finding(code=code, cadre_obj=cadre)
        out[key] = {
            "household": h,
            "member": m,
            "link": link,
            "visit": v,
            "photo": v.photos.get(),
            "matter": matter,
            "step": matter.steps.first(),
            "cadre": cadre,
            "assignment": f.assignment(code=code, cadre_obj=cadre),
            "guidance": finding.guidance_visit,
            "finding": finding,
            "consultation": f.consultation(code=code, matters=[matter]),
            "weak": f.weak(code=code, cadre_obj=cadre),
            "summary": VillageLiaison.objects.get(code=code),
            "visit_day": VisitDay.objects.get(code=code),
        }
        out[key]["follow_up"] = out[key]["consultation"].follow_ups.get()
    return out


def _pair(key):
    def cases(users, plans=None):
        w = world()
        return w["in"][key], w["out"][key]

    return cases


def _cadre_cases(users, plans=None):
    # Cadres belong to a county: 孟州市's is inside the 孟州 office's scope, 博爱县's is not.
    return f.cadre(), f.cadre(code=f.BOAI, name="博爱干部")


V = Action.LIAISON_VIEW
SCOPED_MODEL_CASES = {
    Household: (_pair("household"), "township", V),
    PartyMember: (_pair("member"), "township", V),
    HouseholdLink: (_pair("link"), "township", V),
    Visit: (_pair("visit"), "township", V),
    VisitPhoto: (_pair("photo"), "township", V),
    Matter: (_pair("matter"), "township", V),
    MatterStep: (_pair("step"), "township", V),
    Cadre: (_cadre_cases, "office", V),
    AreaAssignment: (_pair("assignment"), "township", V),
    GuidanceVisit: (_pair("guidance"), "township", V),
    Finding: (_pair("finding"), "township", V),
    Consultation: (_pair("consultation"), "township", V),
    FollowUp: (_pair("follow_up"), "township", V),
    WeakBranch: (_pair("weak"), "township", V),
    VillageLiaison: (_pair("summary"), "township", V),
    VisitDay: (_pair("visit_day"), "township", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    """Route -> (user, kwargs of an object that exists outside that user's scope)."""
    o = world()["out"]
    boai_cadre = f.cadre(code=f.BOAI, name="博爱干部")
    t = "township"
    return {
        "liaison:board": (t, {"code": f.DADING}),
        "liaison:household_detail": (t, {"pk": o["household"].pk}),
        "liaison:member_detail": (t, {"pk": o["member"].pk}),
        "liaison:photo": (t, {"pk": o["photo"].pk}),
        "liaison:matter_detail": (t, {"pk": o["matter"].pk}),
        "liaison:finding_detail": (t, {"pk": o["finding"].pk}),
        "liaison:consultation_detail": (t, {"pk": o["consultation"].pk}),
        "liaison:weak_detail": (t, {"pk": o["weak"].pk}),
        "liaison-household-detail": (t, {"pk": o["household"].pk}),
        "liaison-member-detail": (t, {"pk": o["member"].pk}),
        "liaison-link-detail": (t, {"pk": o["link"].pk}),
        "liaison-visit-detail": (t, {"pk": o["visit"].pk}),
        "liaison-matter-detail": (t, {"pk": o["matter"].pk}),
        "liaison-matter-escalate": (t, {"pk": o["matter"].pk}),
        "liaison-matter-close": (t, {"pk": o["matter"].pk}),
        "liaison-cadre-detail": ("office", {"pk": boai_cadre.pk}),
        "liaison-area-detail": (t, {"pk": o["assignment"].pk}),
        "liaison-guidance-detail": (t, {"pk": o["guidance"].pk}),
        "liaison-finding-detail": (t, {"pk": o["finding"].pk}),
        "liaison-finding-rectify": (t, {"pk": o["finding"].pk}),
        "liaison-finding-confirm": ("office_boai", {"pk": o["finding"].pk}),
        "liaison-finding-send-back": ("office_boai", {"pk": o["finding"].pk}),
        "liaison-consultation-detail": (t, {"pk": o["consultation"].pk}),
        "liaison-weak-branch-detail": (t, {"pk": o["weak"].pk}),
        "liaison-weak-branch-delist": ("office_boai", {"pk": o["weak"].pk}),
        "liaison-board-detail": (t, {"code": f.DADING}),
    }


POST_ONLY = {
    "liaison-matter-escalate",
    "liaison-matter-close",
    "liaison-finding-rectify",
    "liaison-finding-confirm",
    "liaison-finding-send-back",
    "liaison-weak-branch-delist",
}
