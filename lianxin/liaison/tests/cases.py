"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py): every
liaison model and route, with an object inside the township user's scope (西虢镇) and one
outside it (大定街道)."""

from django.utils import timezone

from lianxin.liaison import services
from lianxin.liaison.models import (
    Consultation,
    CountyLiaisonRollup,
    FollowUp,
    Matter,
    MatterStep,
    ReturnVisit,
    VillageLiaison,
    Visit,
    VisitDay,
    VisitPhoto,
)
from lianxin.liaison.plugin import Action
from lianxin.liaison.tests import factories as f
from lianxin.orgs.models import Org
from lianxin.testing.cases import pair_from


def world() -> dict:
    """One of everything in each of the two villages (its household and member numbered apart
    from the registers' own cases, which the URL walk creates alongside)."""
    out = {}
    for key, code in (("in", f.XIGUO_VILLAGE), ("out", f.DADING_VILLAGE)):
        h = f.household(code=code, number="L01")
        m = f.member(code=code, name="走访党员")
        v = services.log_visit(
            f.SYSTEM,
            h,
            member=m,
            day=timezone.localdate(),
            way="door",
            raised="路灯坏了",
            category="livelihood",
            make_matter=True,
            photo=f.photo(),
        )
        matter = Matter.objects.get(visit=v)
        consultation = f.consultation(code=code, matters=[matter])
        closed = services.close_matter(f.SYSTEM, f.matter(code=code, title="回访事项"), resolution="已修")
        answer = services.record_return_visit(
            f.SYSTEM, closed, day=timezone.localdate(), way="phone", satisfaction="satisfied"
        )
        out[key] = {
            "visit": v,
            "visit_without_matter": f.visit(h, m),  # its `matter` reads null (the API schema walk)
            "photo": v.photos.get(),
            "matter": matter,
            "step": matter.steps.first(),
            "consultation": consultation,
            "follow_up": consultation.follow_ups.get(),
            "summary": VillageLiaison.objects.get(code=code),
            "visit_day": VisitDay.objects.get(code=code),
            "return_visit": answer,
        }
    return out


_pair = pair_from(world)


def _rollup_cases(users, plans=None):
    """The 孟州市 rollup (the office's county) and 博爱县's, made by a matter reported there."""
    f.matter(f.XIGUO_VILLAGE)
    f.matter(Org.objects.filter(code__gte=f.BOAI, code__lt="410823", level=5).order_by("code").first().code)
    rollups = CountyLiaisonRollup.objects.all()
    return rollups.get(county_code=f.MENGZHOU), rollups.get(county_code=f.BOAI)


V = Action.LIAISON_VIEW
SCOPED_MODEL_CASES = {
    Visit: (_pair("visit"), "township", V),
    VisitPhoto: (_pair("photo"), "township", V),
    Matter: (_pair("matter"), "township", V),
    MatterStep: (_pair("step"), "township", V),
    Consultation: (_pair("consultation"), "township", V),
    FollowUp: (_pair("follow_up"), "township", V),
    VillageLiaison: (_pair("summary"), "township", V),
    VisitDay: (_pair("visit_day"), "township", V),
    ReturnVisit: (_pair("return_visit"), "township", V),
    CountyLiaisonRollup: (_rollup_cases, "office", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    """Route -> (user, kwargs of an object that exists outside that user's scope)."""
    o = world()["out"]
    t = "township"
    return {
        "liaison:board": (t, {"code": f.DADING}),
        "liaison:photo": (t, {"pk": o["photo"].pk}),
        "liaison:matter_detail": (t, {"pk": o["matter"].pk}),
        "liaison:consultation_detail": (t, {"pk": o["consultation"].pk}),
        "liaison-visit-detail": (t, {"pk": o["visit"].pk}),
        "liaison-matter-detail": (t, {"pk": o["matter"].pk}),
        "liaison-matter-escalate": (t, {"pk": o["matter"].pk}),
        "liaison-matter-close": (t, {"pk": o["matter"].pk}),
        "liaison-matter-return-visit": (t, {"pk": o["matter"].pk}),
        "liaison-consultation-detail": (t, {"pk": o["consultation"].pk}),
        "liaison-board-detail": (t, {"code": f.DADING}),
        # A unit sees only the matters handed to it: this one was not.
        "liaison:unit_matter": (_unit_user(users), {"pk": o["matter"].pk}),
    }


def _unit_user(users) -> str:
    """A 住建局 user of 孟州市 (made once per test), added to `users` under its name."""
    from lianxin.accounts.roles import Role
    from lianxin.conftest import make_user
    from lianxin.orgs.choices import OrgKind
    from lianxin.orgs.services import create_unit

    if "unit" not in users:
        unit = create_unit(f.SYSTEM, f.org(f.MENGZHOU), OrgKind.RESPONSIBLE_UNIT, "市住房和城乡建设局")
        users["unit"] = make_user("unit_zjj", Role.UNIT, unit.code)
    return "unit"


POST_ONLY = {"liaison-matter-escalate", "liaison-matter-close", "liaison-matter-return-visit"}
