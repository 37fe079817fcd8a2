"""Cases for the project-wide meta-tests (core/tests/test_scope.py, test_urls.py): every
assessment model and route, with an object inside the township user's scope (西虢镇, or its
county 孟州市 for what the county lays down) and one outside it (大定街道, or 博爱县)."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from lianxin.assessment import services
from lianxin.assessment.choices import Grade, PeriodKind, SubjectKind
from lianxin.assessment.models import (
    Attempt,
    AttemptQuestion,
    Entry,
    ItemScore,
    Judge,
    JudgeScore,
    Meeting,
    Outcome,
    Period,
    Question,
    Quiz,
    Round,
    Scheme,
    SchemeDimension,
    Score,
    ScoringItem,
    Slides,
    Subject,
)
from lianxin.assessment.plugin import Action
from lianxin.assessment.tests import factories as f
from lianxin.audit.services import Actor
from lianxin.core.changes import today


def _county_rows(code: str, user) -> dict:
    scheme = f.scheme(code=code)
    quiz = f.quiz(code=code)
    attempt = services.start_attempt(Actor(user=user), quiz) if user else None
    force = services.save_subject(f.SYSTEM, f.task_force(code), SubjectKind.TASK_FORCE, name="专班")
    meeting = services.record_meeting(f.SYSTEM, force.org, day=today(), attendees="张三", head_attended=True)
    return {
        "scheme": scheme,
        "dimension": scheme.dimensions.first(),
        "item": ScoringItem.objects.filter(dimension__scheme=scheme).first(),
        "period": scheme.periods.first(),
        "question": Question.objects.filter(org__code=code).first(),
        "quiz": quiz,
        "attempt": attempt,
        "meeting": meeting,
    }


def _competition(township: str, village: str, judge) -> dict:
    contest = f.contest(code=township)
    entry = f.entry(village, contest)
    slides = services.upload_slides(f.SYSTEM, entry, SimpleUploadedFile("讲稿.pdf", b"%PDF-1.4\n%%EOF\n"))
    marker = services.assign_judge(f.SYSTEM, contest, judge)
    points = {c["name"]: Decimal(c["max"]) for c in f.CRITERIA}
    judged = services.score_entry(Actor(user=judge), entry, points)
    return {"round": contest, "entry": entry, "slides": slides, "judge": marker, "judge_score": judged}


def world(users) -> dict:
    year = f.scheme().periods.get(kind=PeriodKind.YEAR)
    out = {}
    for key, village, county, person in (
        ("in", f.XIGUO_VILLAGE, f.MENGZHOU, users["township"]),
        ("out", f.DADING_VILLAGE, f.BOAI, users["neighbour"]),
    ):
        subject = f.subject(code=village, name=f"{key}书记")
        score = services.save_score(f.SYSTEM, year, subject, f.full_marks(year, subject))
        out[key] = {"subject": subject, "score": score, "item_score": score.items.first()}
        out[key] |= _county_rows(county, person if key == "in" else None)
    # The neighbour (大定街道) takes 孟州市's test: an attempt outside the township user's scope.
    out["out"]["attempt"] = services.start_attempt(Actor(user=users["neighbour"]), out["in"]["quiz"])
    for key, township, village in (("in", f.XIGUO, f.XIGUO_VILLAGE), ("out", f.DADING, f.DADING_VILLAGE)):
        out[key] |= _competition(township, village, users["township"] if key == "in" else users["neighbour"])
    services.close_period(f.SYSTEM, year)
    for key in ("in", "out"):
        score = Score.objects.get(pk=out[key]["score"].pk)
        out[key]["outcome"] = services.set_outcome(f.SYSTEM, score, award=True, promotion=False, grade=Grade.GOOD)
        out[key]["attempt_question"] = out[key]["attempt"].questions.first()
    return out


def _pair(key):
    def cases(users, plans=None):
        made = world(users)
        return made["in"][key], made["out"][key]

    return cases


V = Action.ASSESSMENT_VIEW
SCOPED_MODEL_CASES = {
    Scheme: (_pair("scheme"), "township", V),
    SchemeDimension: (_pair("dimension"), "township", V),
    ScoringItem: (_pair("item"), "township", V),
    Period: (_pair("period"), "township", V),
    Subject: (_pair("subject"), "township", V),
    Score: (_pair("score"), "township", V),
    ItemScore: (_pair("item_score"), "township", V),
    Outcome: (_pair("outcome"), "township", V),
    Meeting: (_pair("meeting"), "office", V),
    Question: (_pair("question"), "township", V),
    Quiz: (_pair("quiz"), "township", V),
    Attempt: (_pair("attempt"), "township", V),
    AttemptQuestion: (_pair("attempt_question"), "township", V),
    Round: (_pair("round"), "township", V),
    Judge: (_pair("judge"), "township", V),
    Entry: (_pair("entry"), "township", V),
    Slides: (_pair("slides"), "township", V),
    JudgeScore: (_pair("judge_score"), "township", V),
}


def out_of_scope_cases(users, plans=None) -> dict:
    """Route -> (user, kwargs of an object that exists outside that user's scope)."""
    o = world(users)["out"]
    t = "township"
    return {
        "assessment:score_detail": (t, {"pk": o["score"].pk}),
        "assessment:scheme_detail": (t, {"pk": o["scheme"].pk}),
        "assessment:scheme_export": (t, {"pk": o["scheme"].pk}),
        "assessment:period_detail": (t, {"pk": o["period"].pk}),
        "assessment:subject_detail": (t, {"pk": o["subject"].pk}),
        "assessment:quiz_detail": (t, {"pk": o["quiz"].pk}),
        "assessment:attempt_detail": (t, {"pk": o["attempt"].pk}),
        "assessment:round_detail": (t, {"pk": o["round"].pk}),
        "assessment:entry_detail": (t, {"pk": o["entry"].pk}),
        "assessment:entry_slides": (t, {"pk": o["entry"].pk}),
        "assessment-scheme-detail": (t, {"pk": o["scheme"].pk}),
        "assessment-score-detail": (t, {"pk": o["score"].pk}),
        "assessment-quiz-detail": (t, {"pk": o["quiz"].pk}),
        "assessment-quiz-start": (t, {"pk": o["quiz"].pk}),
        "assessment-attempt-detail": (t, {"pk": o["attempt"].pk}),
        "assessment-attempt-submit": (t, {"pk": o["attempt"].pk}),
        "assessment-round-detail": (t, {"pk": o["round"].pk}),
        "assessment-entry-detail": (t, {"pk": o["entry"].pk}),
        "assessment-score-save": (t, {"pk": o["score"].pk}),
        "assessment-score-submit": (t, {"pk": o["score"].pk}),
        # Returning a score is an office's (a township holds no such action: 403, not 404).
        "assessment-score-return-score": ("office_boai", {"pk": o["score"].pk}),
        "assessment-entry-score": (t, {"pk": o["entry"].pk}),
        "assessment-round-close": (t, {"pk": o["round"].pk}),
    }


POST_ONLY = {
    "assessment-quiz-start",
    "assessment-attempt-submit",
    "assessment-score-save",
    "assessment-score-submit",
    "assessment-score-return-score",
    "assessment-entry-score",
    "assessment-round-close",
}
