"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py): every
points model and route, with an object inside the township user's scope (西虢镇) and one
outside it (大定街道)."""

from lianxin.points import rating_services, services
from lianxin.points.models import (
    Account,
    Donation,
    Entry,
    EntryPhoto,
    Goods,
    HouseholdCategory,
    RatedHousehold,
    Rating,
    Redemption,
    Rule,
    Scheme,
)
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
        category = HouseholdCategory.objects.filter(org__code="410883").first() or rating_services.add_category(
            f.SYSTEM, f.org("410883"), name="合格户", rank=2, criteria="遵纪守法"
        )
        rating = rating_services.start_rating(f.SYSTEM, f.org(code), "2026年")
        rated = rating_services.rate(f.SYSTEM, rating, household=h, category=category, reason="积分靠前")
        out[key] = {
            "category": category,
            "rating": rating,
            "rated": rated,
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


def _categories(users, plans=None):
    """A county's categories: 孟州市's inside the county office's scope, 博爱县's outside."""
    return tuple(
        HouseholdCategory.objects.filter(org__code=code, name="示范户").first()
        or rating_services.add_category(f.SYSTEM, f.org(code), name="示范户", rank=1, criteria="家风良好")
        for code in ("410883", "410822")
    )


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
    HouseholdCategory: (_categories, "office", V),
    Rating: (_pair("rating"), "township", V),
    RatedHousehold: (_pair("rated"), "township", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    o = world()["out"]
    t = "township"
    boai = _categories(users)[1]
    return {
        "points:rule_edit": (t, {"pk": o["rule"].pk}),
        "points:rule_retire": (t, {"pk": o["rule"].pk}),
        "points:category_edit": ("office", {"pk": boai.pk}),
        "points:entry_detail": (t, {"pk": o["entry"].pk}),
        "points:account_detail": (t, {"pk": o["account"].pk}),
        "points:photo": (t, {"pk": o["photo"].pk}),
        "points:public": (t, {"token": "not-a-token"}),  # public by token: an unknown one is 404
        "points:rating_detail": (t, {"pk": o["rating"].pk}),
        "points:plaques": (t, {"pk": o["rating"].pk}),
        "points-rule-detail": (t, {"pk": o["rule"].pk}),
        "points-account-detail": (t, {"pk": o["account"].pk}),
        "points-entry-detail": (t, {"pk": o["entry"].pk}),
        "points-entry-approve": (t, {"pk": o["entry"].pk}),
        "points-entry-reject": (t, {"pk": o["entry"].pk}),
        "points-goods-detail": (t, {"pk": o["goods"].pk}),
        "points-redemption-detail": (t, {"pk": o["redemption"].pk}),
    }


POST_ONLY = {"points-entry-approve", "points-entry-reject"}
