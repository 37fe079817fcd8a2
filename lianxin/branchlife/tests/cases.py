"""Cases for the project-wide meta-tests: every branch life model and route, with an object
inside the township user's scope (西虢镇) and one outside it (大定街道)."""

from lianxin.branchlife import services
from lianxin.branchlife.models import Attendance, Meeting, MeetingPhoto
from lianxin.branchlife.plugin import Action
from lianxin.branchlife.tests import factories as f
from lianxin.testing.cases import pair_from
from lianxin.testing.images import real_png, upload


def world() -> dict:
    out = {}
    for key, code, name in (("in", f.XIGUO_VILLAGE, "周建设"), ("out", f.DADING_VILLAGE, "吴为民")):
        meeting = services.record_meeting(
            f.SYSTEM,
            f.org(code),
            kind="theme_day",
            day=f.DAY,
            topic="主题党日",
            present=[f.member(code, name=name)],
            photos=[upload(real_png(8, 8))],
        )
        out[key] = {"meeting": meeting, "attendance": meeting.attendance.get(), "photo": meeting.photos.get()}
    return out


_pair = pair_from(world)
V = Action.BRANCHLIFE_VIEW
SCOPED_MODEL_CASES = {
    Meeting: (_pair("meeting"), "township", V),
    Attendance: (_pair("attendance"), "township", V),
    MeetingPhoto: (_pair("photo"), "township", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    o = world()["out"]
    return {
        "branchlife:meeting_detail": ("township", {"pk": o["meeting"].pk}),
        "branchlife:photo": ("township", {"pk": o["photo"].pk}),
        "branchlife-meeting-detail": ("township", {"pk": o["meeting"].pk}),
    }


POST_ONLY: set[str] = set()
