"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py): a notice
from 西虢镇 to its villages (inside the township user's scope) and one from 大定街道 (outside)."""

from lianxin.notices.models import Notice, NoticeReceipt, NoticeUnit
from lianxin.notices.plugin import Action
from lianxin.notices.tests import factories as f
from lianxin.testing.cases import pair_from


def world() -> dict:
    made = f.township_notices()
    return {
        key: {
            "notice": notice,
            "unit": notice.units.filter(persons_total__gt=0).first(),
            "receipt": notice.receipts.first(),
            "file": notice.attachments.first(),
        }
        for key, notice in made.items()
    }


_pair = pair_from(world)

SCOPED_MODEL_CASES = {
    Notice: (_pair("notice"), "township", Action.NOTICES_SEND),
    NoticeUnit: (_pair("unit"), "township", Action.NOTICES_READ),
    NoticeReceipt: (_pair("receipt"), "township", Action.NOTICES_READ),
}


def out_of_scope_cases(users, plans=None) -> dict:
    o = world()["out"]
    t = "township"
    return {
        "notices:detail": (t, {"pk": o["notice"].pk}),
        "notices:remind": (t, {"pk": o["notice"].pk}),
        "notices:received": (t, {"pk": o["receipt"].pk}),
        "notices:attachment": (t, {"pk": o["file"].pk}),
        "notice-detail": (t, {"pk": o["notice"].pk}),
        "notice-receipt-detail": (t, {"pk": o["receipt"].pk}),
    }


POST_ONLY = {"notices:remind"}
