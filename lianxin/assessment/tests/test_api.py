"""The assessment API: scoped reads, and a test taken through it — start, submit, refused twice."""

from decimal import Decimal

import pytest

from lianxin.assessment import services
from lianxin.assessment.choices import ScoreStatus
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


def post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_score_save_submit_and_return_once_through_the_api(users, login):
    period = f.period()
    subject = f.subject()
    score = services.save_score(f.SYSTEM, period, subject, {})
    url = f"/api/v1/assessment/scores/{score.pk}"
    township, office = login(users["township"]), login(users["office"])
    items = [{"item": pk, "points": "8", "evidence": "会议记录"} for pk in f.full_marks(period, subject)]
    too_many = [{**row, "points": "11"} for row in items]
    refused = post(township, f"{url}/save/", {"items": too_many})
    assert refused.status_code == 400 and "得分须在0到" in refused.content.decode()
    saved = post(township, f"{url}/save/", {"items": items})
    assert saved.status_code == 200, saved.content
    rows = {row["item"]: row for row in saved.json()["items"]}
    assert all(rows[r["item"]]["points"] == "8.0" and rows[r["item"]]["evidence"] == "会议记录" for r in items)
    assert any(row["auto"] for row in rows.values())  # the knowledge test: from data
    assert post(office, f"{url}/return/", {"reason": "x"}).status_code == 400  # not submitted yet
    assert post(township, f"{url}/submit/").json()["status"] == ScoreStatus.SUBMITTED
    assert post(township, f"{url}/return/", {"reason": "佐证不全"}).status_code == 403  # no manage action
    returned = post(office, f"{url}/return/", {"reason": "佐证不全"}).json()
    assert returned["status"] == ScoreStatus.RETURNED and returned["return_reason"] == "佐证不全"
    post(township, f"{url}/submit/")
    again = post(office, f"{url}/return/", {"reason": "再退"})
    assert again.status_code == 400 and "退回" in again.content.decode()
    outside = services.save_score(f.SYSTEM, period, f.subject(code=f.DADING_VILLAGE, name="大定书记"), {})
    assert post(township, f"/api/v1/assessment/scores/{outside.pk}/save/", {"items": items}).status_code == 404


def test_judges_score_blind_and_the_round_closes_through_the_api(users, login):
    contest = f.contest()
    entry = f.entry()
    services.assign_judge(f.SYSTEM, contest, users["township"])
    township = login(users["township"])
    url = f"/api/v1/assessment/entries/{entry.pk}/score/"
    assert post(township, url, {"points": {"思路清晰": "41", "举措可行": "50"}}).status_code == 400
    given = post(township, url, {"points": {"思路清晰": "35", "举措可行": "50"}})
    assert given.status_code == 200 and Decimal(given.json()["total"]) == 85
    assert given.json().keys() == {"entry", "points", "total"}  # the judge's own score, no one else's
    assert township.get(f"/api/v1/assessment/entries/{entry.pk}/").json()["result"] is None
    not_judge = post(login(users["office"]), url, {"points": {"思路清晰": "1", "举措可行": "1"}})
    assert not_judge.status_code == 400 and "评委" in not_judge.content.decode()
    assert post(login(users["village"]), f"/api/v1/assessment/rounds/{contest.pk}/close/").status_code == 403
    closed = post(township, f"/api/v1/assessment/rounds/{contest.pk}/close/")
    assert closed.status_code == 200 and closed.json()["closed_at"]
    assert township.get(f"/api/v1/assessment/entries/{entry.pk}/").json()["result"] in ("85.0", "85.00")
    assert post(township, url, {"points": {"思路清晰": "1", "举措可行": "1"}}).status_code == 400
