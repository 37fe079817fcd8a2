"""The assessment API: scoped reads, and a test taken through it — start, submit, refused twice."""

import pytest

from lianxin.assessment.tests import factories as f

pytestmark = pytest.mark.django_db


def test_take_a_test_through_the_api(users, login):
    quiz = f.quiz(count=3)
    client = login(users["township"])
    started = client.post(f"/api/v1/assessment/quizzes/{quiz.pk}/start/", content_type="application/json")
    assert started.status_code == 200, started.content
    body = started.json()
    assert len(body["questions"]) == 3 and all(q["answer"] is None for q in body["questions"])
    from lianxin.assessment.models import Attempt

    right = f.right_answers(Attempt.objects.get(pk=body["id"]))
    answers = [{"position": p, "answer": a} for p, a in right.items()]
    url = f"/api/v1/assessment/attempts/{body['id']}/submit/"
    done = client.post(url, {"answers": answers}, content_type="application/json")
    assert done.status_code == 200 and done.json()["percent"] == "100.0"
    again = client.post(url, {"answers": answers}, content_type="application/json")
    assert again.status_code == 400 and "已交卷" in again.content.decode()
    bad = client.post(url, {"answers": "A"}, content_type="application/json")
    assert bad.status_code == 400


def test_scores_are_scoped(users, login):
    f.score()
    f.score(f.subject(code=f.DADING_VILLAGE, name="大定书记"))
    rows = login(users["township"]).get("/api/v1/assessment/scores/").json()
    results = rows["results"] if isinstance(rows, dict) else rows
    assert [r["subject_name"] for r in results] == ["王书记"]
