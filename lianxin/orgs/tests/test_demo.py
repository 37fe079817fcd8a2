"""The demo tells the domain's truth: 孟州市 is a county-level city, so its departments are 市…;
it has 10 task forces and 38 responsible units (the seed page), each task force and some units
with a login. (Weak branches are never star candidates: planning's and rating's demo tests.)"""

import pytest

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.orgs import demo
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.orgs.naming import county_prefix

pytestmark = pytest.mark.django_db


def test_a_county_level_units_are_named_after_its_kind():
    assert (county_prefix("孟州市"), county_prefix("武陟县"), county_prefix("解放区")) == ("市", "县", "区")
    names = demo.responsible_units("孟州市")
    assert len(names) == len(set(names)) == 38
    assert "市委组织部" in names and "市农业农村局" in names and "团市委" in names
    assert not any(name.startswith("县") for name in names)
    assert "县委组织部" in demo.responsible_units("武陟县")


def test_units_are_made_once_in_their_places_and_stale_names_renamed():
    mengzhou = Org.objects.get(code=demo.MENGZHOU)
    actor = Actor.system("tests")
    demo._ensure_units(actor)
    Org.objects.filter(code=f"{demo.MENGZHOU}ZR08").update(name="县住建局", short_name="县住建局")
    demo._ensure_units(actor)
    units = Org.objects.filter(parent=mengzhou)
    assert units.filter(kind=OrgKind.TASK_FORCE).count() == 10
    assert units.filter(kind=OrgKind.RESPONSIBLE_UNIT).count() == 38
    assert Org.objects.get(code=f"{demo.MENGZHOU}ZR08").name == "市住房和城乡建设局"
    for _username, _name, role, code, _place in demo.DEMO_USERS:
        if role == Role.UNIT:
            org = Org.objects.get(code=code)
            assert org.kind == OrgKind.RESPONSIBLE_UNIT and org.name.startswith("市")
    forces = {code for _u, _n, role, code, _p in demo.DEMO_USERS if role == Role.TASK_FORCE}
    assert forces == set(units.filter(kind=OrgKind.TASK_FORCE).values_list("code", flat=True))
    assert sum(1 for spec in demo.DEMO_USERS if spec[2] == Role.UNIT) >= 3
