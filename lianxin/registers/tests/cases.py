"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py): every
registers model and route, with an object inside the township user's scope (西虢镇) and one
outside it (大定街道)."""

from lianxin.registers import services
from lianxin.registers.models import Cadre, Household, HouseholdLink, PartyMember
from lianxin.registers.plugin import Action
from lianxin.registers.tests import factories as f


def world() -> dict:
    """A household, a member and their link in each of the two villages."""
    out = {}
    for key, code in (("in", f.XIGUO_VILLAGE), ("out", f.DADING_VILLAGE)):
        h, m = f.household(code=code), f.member(code=code)
        out[key] = {"household": h, "member": m, "link": services.link_household(f.SYSTEM, m, h)}
    return out


def _pair(key):
    def cases(users, plans=None):
        w = world()
        return w["in"][key], w["out"][key]

    return cases


def _cadre_cases(users, plans=None):
    # Cadres belong to a county: 孟州市's is inside the 孟州 office's scope, 博爱县's is not.
    return f.cadre(), f.cadre(code=f.BOAI, name="博爱干部")


V = Action.REGISTERS_VIEW
SCOPED_MODEL_CASES = {
    Household: (_pair("household"), "township", V),
    PartyMember: (_pair("member"), "township", V),
    HouseholdLink: (_pair("link"), "township", V),
    Cadre: (_cadre_cases, "office", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    """Route -> (user, kwargs of an object that exists outside that user's scope)."""
    o = world()["out"]
    boai_cadre = f.cadre(code=f.BOAI, name="博爱干部")
    t = "township"
    return {
        "registers:household_detail": (t, {"pk": o["household"].pk}),
        "registers:member_detail": (t, {"pk": o["member"].pk}),
        "registers:household_personal": (t, {"pk": o["household"].pk}),
        "registers:member_personal": (t, {"pk": o["member"].pk}),
        "registers-household-detail": (t, {"pk": o["household"].pk}),
        "registers-member-detail": (t, {"pk": o["member"].pk}),
        "registers-link-detail": (t, {"pk": o["link"].pk}),
        "registers-cadre-detail": ("office", {"pk": boai_cadre.pk}),
    }


POST_ONLY: set[str] = set()
