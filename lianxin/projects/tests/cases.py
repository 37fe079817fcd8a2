"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py): every
project-list model and route. Demands, allocations and photos: a village of 西虢镇 inside the
township user's scope and one of 大定街道 outside it; the supply library belongs to a county, so
its case is the 孟州市 office with 孟州市's library inside and 博爱县's outside."""

from decimal import Decimal

from lianxin.projects import services
from lianxin.projects.models import Allocation, DemandPhoto, DemandProject, SupplyProject
from lianxin.projects.plugin import Action
from lianxin.projects.tests import factories as f
from lianxin.testing.cases import pair_from


def world() -> dict:
    supply = f.supply()
    out = {}
    for key, code in (("in", f.XIGUO_VILLAGE), ("out", f.DADING_VILLAGE)):
        demand = f.demand(code, photos=[f.upload()])
        out[key] = {
            "demand": demand,
            "allocation": services.match(f.SYSTEM, demand, supply=supply, amount=Decimal("1"), reason="x"),
            "photo": demand.photos.get(),
        }
    out["in"]["supply"], out["out"]["supply"] = supply, f.supply(county=f.BOAI)
    return out


_pair = pair_from(world)

V = Action.PROJECTS_VIEW
SCOPED_MODEL_CASES = {
    SupplyProject: (_pair("supply"), "office", V),
    DemandProject: (_pair("demand"), "township", V),
    Allocation: (_pair("allocation"), "township", V),
    DemandPhoto: (_pair("photo"), "township", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    """Route -> (user, kwargs of an object that exists outside that user's scope)."""
    o = world()["out"]
    t = "township"
    return {
        "projects:demand_detail": (t, {"pk": o["demand"].pk}),
        "projects:photo": (t, {"pk": o["photo"].pk}),
        "projects:supply_detail": ("office", {"pk": o["supply"].pk}),
        "projects:supply_import": ("office", {"code": f.BOAI}),
        "projects-supply-detail": ("office", {"pk": o["supply"].pk}),
        "projects-demand-detail": (t, {"pk": o["demand"].pk}),
        "projects-demand-match": ("office_boai", {"pk": o["demand"].pk}),
        "projects-allocation-detail": (t, {"pk": o["allocation"].pk}),
    }


POST_ONLY = {"projects-demand-match"}
