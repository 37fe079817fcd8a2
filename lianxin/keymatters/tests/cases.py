"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py): every
key-matters model and route, with a row inside the township user's scope (西虢镇's list) and
one outside it (大定街道's)."""

from datetime import date

from lianxin.keymatters import services
from lianxin.keymatters.choices import Grade
from lianxin.keymatters.models import KeyMatter, ListReview, ProgressNote
from lianxin.keymatters.plugin import Action
from lianxin.keymatters.tests import factories as f
from lianxin.testing.cases import pair_from


def world() -> dict:
    out = {}
    for key, code in (("in", f.XIGUO), ("out", f.DADING)):
        matter = f.matter(code)
        out[key] = {
            "matter": matter,
            "note": services.add_progress(f.SYSTEM, matter, "推进中"),
            "review": services.review_list(f.SYSTEM, f.org(code), date(2026, 1, 1), grade=Grade.GOOD, comment="好"),
        }
    return out


_pair = pair_from(world)

V = Action.KEYMATTERS_VIEW
SCOPED_MODEL_CASES = {
    KeyMatter: (_pair("matter"), "township", V),
    ProgressNote: (_pair("note"), "township", V),
    ListReview: (_pair("review"), "township", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    """Route -> (user, kwargs of an object that exists outside that user's scope)."""
    o = world()["out"]
    t = "township"
    return {
        "keymatters:matter_detail": (t, {"pk": o["matter"].pk}),
        "keymatters:review": ("office_boai", {"code": f.DADING}),
        "keymatters-matter-detail": (t, {"pk": o["matter"].pk}),
        "keymatters-matter-progress": (t, {"pk": o["matter"].pk}),
        "keymatters-matter-complete": (t, {"pk": o["matter"].pk}),
        "keymatters-review-detail": (t, {"pk": o["review"].pk}),
    }


POST_ONLY = {"keymatters-matter-progress", "keymatters-matter-complete"}
