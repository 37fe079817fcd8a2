"""Cases for the project-wide meta-tests: every training model and route. Orders belong to a
township (西虢镇 inside the township user's scope, 大定街道 outside); questionnaires to a county
(the 孟州市 office with 孟州市's inside, 博爱县's outside); recipients and sign-ins to a village."""

from lianxin.accounts.roles import Role
from lianxin.conftest import make_user
from lianxin.testing.cases import pair_from
from lianxin.training import sessions, surveys
from lianxin.training.models import Attendance, Recipient, Survey, TrainingOrder
from lianxin.training.plugin import Action
from lianxin.training.tests import factories as f


def world() -> dict:
    lecturer = f.lecturer(f"lecturer{TrainingOrder.objects.count()}")
    out = {}
    for key, township, village in (("in", f.XIGUO, f.XIGUO_VILLAGE), ("out", f.DADING, f.DADING_VILLAGE)):
        secretary = f.secretary(village, f"{key}书记{TrainingOrder.objects.count()}")
        order = f.order(township)
        sessions.dispatch(f.SYSTEM, order, lecturer=lecturer)
        sessions.accept(f.SYSTEM, order)
        out[key] = {
            "order": order,
            "attendance": sessions.sign_in(f.SYSTEM, order, secretary),
            "secretary": secretary,
        }
    for key, county in (("in", f.MENGZHOU), ("out", f.BOAI)):
        out[key]["survey"] = f.survey(county)
    # by hand: other apps' cases may rate these villages, so a rule could pick other people
    surveys.send_survey(f.SYSTEM, out["in"]["survey"], members=[out["in"]["secretary"], out["out"]["secretary"]])
    recipients = {r.org.code: r for r in out["in"]["survey"].recipients.select_related("org")}
    out["in"]["recipient"], out["out"]["recipient"] = recipients[f.XIGUO_VILLAGE], recipients[f.DADING_VILLAGE]
    return out


_pair = pair_from(world)

V = Action.TRAINING_VIEW
SCOPED_MODEL_CASES = {
    TrainingOrder: (_pair("order"), "township", V),
    Attendance: (_pair("attendance"), "township", V),
    Recipient: (_pair("recipient"), "township", V),
    Survey: (_pair("survey"), "office", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    """Route -> (user, kwargs of an object that exists outside that user's scope)."""
    o = world()["out"]
    t = "township"
    for name, role, code in (("member_xiguo", Role.MEMBER, f.XIGUO_VILLAGE), ("lecturer_boai", Role.LECTURER, f.BOAI)):
        if name not in users:
            users[name] = make_user(name, role, code)
    return {
        "training:order_detail": (t, {"pk": o["order"].pk}),
        "training:attend": ("member_xiguo", {"pk": o["order"].pk}),
        "training:survey_detail": ("office", {"pk": o["survey"].pk}),
        "training:answer": (t, {"pk": o["recipient"].pk}),
        "training-order-detail": (t, {"pk": o["order"].pk}),
        "training-order-accept": ("lecturer_boai", {"pk": o["order"].pk}),
        "training-order-hold": ("lecturer_boai", {"pk": o["order"].pk}),
        "training-survey-detail": ("office", {"pk": o["survey"].pk}),
        "training-recipient-detail": (t, {"pk": o["recipient"].pk}),
        "training-recipient-answer": ("village", {"pk": o["recipient"].pk}),
    }


POST_ONLY = {"training-order-accept", "training-order-hold", "training-recipient-answer"}
