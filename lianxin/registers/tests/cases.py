"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py): every
registers model and route, with an object inside the township user's scope (西虢镇) and one
outside it (大定街道)."""

from datetime import date

from lianxin.conftest import MENGZHOU
from lianxin.registers import services
from lianxin.registers.models import Cadre, Household, HouseholdLink, PartyMember
from lianxin.registers.plugin import Action
from lianxin.registers.tests import factories as f
from lianxin.testing.cases import pair_from
from lianxin.testing.personal import PersonalDataCase


def world() -> dict:
    """A household, a member and their link in each of the two villages."""
    out = {}
    for key, code in (("in", f.XIGUO_VILLAGE), ("out", f.DADING_VILLAGE)):
        h, m = f.household(code=code), f.member(code=code)
        out[key] = {"household": h, "member": m, "link": services.link_household(f.SYSTEM, m, h)}
    return out


_pair = pair_from(world)


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


# Personal data (core/tests/test_personal_data.py): raw values stored through the services must
# leave by no path in full.
def _household_personal(users, plans):
    id_number, phone = "410883199001011230", "13912340006"
    household = services.create_household(
        f.SYSTEM,
        f.org(f.XIGUO_VILLAGE),
        number="901",
        head_name="王建国",
        size=3,
        phone="13912340007",
        head_id_number="11010519491231002X",
        consent_on=date(2023, 1, 2),
    )
    services.update_household(f.SYSTEM, household, head_id_number=id_number, phone=phone)
    return PersonalDataCase(
        raw=[
            ("head_id_number", "11010519491231002X"),
            ("head_id_number", id_number),
            ("phone", "13912340007"),
            ("phone", phone),
        ],
        user="township",
        pages=[("registers:household_list", {}, {}), ("registers:household_detail", {"pk": household.pk}, {})],
        exports=[("registers:household_list", {}, {"export": "xlsx"})],
        api=[("registers-household-list", {}, {}), ("registers-household-detail", {"pk": household.pk}, {})],
    )


def _member_personal(users, plans):
    id_number, mobile = "410883199001011230", "13912340008"
    member = services.create_member(
        f.SYSTEM,
        f.org(f.XIGUO_VILLAGE),
        name="李红梅",
        birth_date=date(1990, 1, 1),
        gender="F",
        mobile=mobile,
        id_number=id_number,
        post="党员",
        consent_on=date(2023, 1, 2),
    )
    return PersonalDataCase(
        raw=[("id_number", id_number), ("mobile", mobile)],
        user="township",
        pages=[("registers:member_list", {}, {}), ("registers:member_detail", {"pk": member.pk}, {})],
        exports=[("registers:member_list", {}, {"export": "xlsx"})],
        api=[("registers-member-list", {}, {}), ("registers-member-detail", {"pk": member.pk}, {})],
    )


def _cadre_personal(users, plans):
    mobile = "13912340009"
    cadre = services.create_cadre(f.SYSTEM, f.org(MENGZHOU), name="赵组工", unit="市委组织部", mobile=mobile)
    return PersonalDataCase(
        raw=[("mobile", mobile)],
        user="office",
        api=[("registers-cadre-list", {}, {}), ("registers-cadre-detail", {"pk": cadre.pk}, {})],
    )


PERSONAL_DATA_CASES = {Household: _household_personal, PartyMember: _member_personal, Cadre: _cadre_personal}
