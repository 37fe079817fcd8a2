"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py): every
points model and route, with an object inside the township user's scope (西虢镇) and one
outside it (大定街道)."""

from lianxin.points import services
from lianxin.points.models import Account, Donation, Entry, EntryPhoto, Goods, Redemption, Rule, Scheme
from lianxin.points.plugin import Action
from lianxin.points.tests import factories as f
from lianxin.testing.cases import pair_from
from lianxin.testing.images import real_png, upload


def world() -> dict:
    out = {}
    for key, code, number in (("in", f.XIGUO_VILLAGE, "p01"), ("out", f.DADING_VILLAGE, "p02")):
        f.scheme(code)
        h = f.household(code, number=number)
        entry = services.enter_points(f.SYSTEM, h, f.rule(code, "移风易俗"), day=f.DAY, photo=upload(real_png(8, 8)))
        services.approve_entry(f.SYSTEM, entry)
        goods = f.goods(code)
        redemption = services.redeem(f.SYSTEM, h, goods)
        out[key] = {
            "scheme": Scheme.objects.get(org__code=code),
            "rule": entry.rule,
            "account": entry.account,
            "entry": entry,
            "photo": entry.photos.get(),
            "goods": goods,
            "donation": goods.donations.first(),
            "redemption": redemption,
        }
    return out


_pair = pair_from(world)

V = Action.POINTS_VIEW
SCOPED_MODEL_CASES = {
    Scheme: (_pair("scheme"), "township", V),
    Rule: (_pair("rule"), "township", V),
    Account: (_pair("account"), "township", V),
    Entry: (_pair("entry"), "township", V),
    EntryPhoto: (_pair("photo"), "township", V),
    Goods: (_pair("goods"), "township", V),
    Donation: (_pair("donation"), "township", V),
    Redemption: (_pair("redemption"), "township", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    o = world()["out"]
    t = "township"
    return {
        "points:entry_detail": (t, {"pk": o["entry"].pk}),
        "points:account_detail": (t, {"pk": o["account"].pk}),
        "points:photo": (t, {"pk": o["photo"].pk}),
        "points:public": (t, {"token": "not-a-token"}),  # public by token: an unknown one is 404
        "points-rule-detail": (t, {"pk": o["rule"].pk}),
        "points-account-detail": (t, {"pk": o["account"].pk}),
        "points-entry-detail": (t, {"pk": o["entry"].pk}),
        "points-entry-approve": (t, {"pk": o["entry"].pk}),
        "points-entry-reject": (t, {"pk": o["entry"].pk}),
        "points-goods-detail": (t, {"pk": o["goods"].pk}),
        "points-redemption-detail": (t, {"pk": o["redemption"].pk}),
    }


POST_ONLY = {"points-entry-approve", "points-entry-reject"}
