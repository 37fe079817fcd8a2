"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py): every
guidance model and route, with an object inside the township user's scope (西虢镇) and one
outside it (大定街道)."""

from lianxin.guidance.models import AreaAssignment, Finding, GuidanceVisit, WeakBranch
from lianxin.guidance.plugin import Action
from lianxin.guidance.tests import factories as f
from lianxin.registers.models import Cadre
from lianxin.testing.cases import pair_from


def world() -> dict:
    """An assignment, a guidance visit with a finding and a weak branch in each village."""
    cadre = Cadre.objects.filter(org__code=f.MENGZHOU).first() or f.cadre()
    out = {}
    for key, code in (("in", f.XIGUO_VILLAGE), ("out", f.DADING_VILLAGE)):
        finding = f.finding(code=code, cadre_obj=cadre)
        out[key] = {
            "assignment": f.assignment(code=code, cadre_obj=cadre),
            "guidance": finding.guidance_visit,
            "finding": finding,
            "weak": f.weak(code=code, cadre_obj=cadre),
        }
    return out


_pair = pair_from(world)


V = Action.GUIDANCE_VIEW
SCOPED_MODEL_CASES = {
    AreaAssignment: (_pair("assignment"), "township", V),
    GuidanceVisit: (_pair("guidance"), "township", V),
    Finding: (_pair("finding"), "township", V),
    WeakBranch: (_pair("weak"), "township", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    """Route -> (user, kwargs of an object that exists outside that user's scope)."""
    o = world()["out"]
    t = "township"
    return {
        "guidance:finding_detail": (t, {"pk": o["finding"].pk}),
        "guidance:weak_detail": (t, {"pk": o["weak"].pk}),
        "guidance-area-detail": (t, {"pk": o["assignment"].pk}),
        "guidance-visit-detail": (t, {"pk": o["guidance"].pk}),
        "guidance-finding-detail": (t, {"pk": o["finding"].pk}),
        "guidance-finding-rectify": (t, {"pk": o["finding"].pk}),
        "guidance-finding-confirm": ("office_boai", {"pk": o["finding"].pk}),
        "guidance-finding-send-back": ("office_boai", {"pk": o["finding"].pk}),
        "guidance-weak-branch-detail": (t, {"pk": o["weak"].pk}),
        "guidance-weak-branch-delist": ("office_boai", {"pk": o["weak"].pk}),
    }


POST_ONLY = {
    "guidance-finding-rectify",
    "guidance-finding-confirm",
    "guidance-finding-send-back",
    "guidance-weak-branch-delist",
}
