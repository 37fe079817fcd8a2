"""Pages, the public notice with its rate-limited objection form, statistics and exports, the
API (mass assignment included) and the demo."""

import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document

from lianxin.accounts.roles import Role
from lianxin.conftest import BOAI, DADING, MENGZHOU, XIGUO, make_user
from lianxin.orgs.models import Org
from lianxin.rating import demo, services, workdays
from lianxin.rating.choices import ApplicationStatus, Decision, ObjectionStatus
from lianxin.rating.models import Application, Objection, ReviewStep, VillageRating
from lianxin.rating.tests.helpers import SYSTEM, actor, approve_all, pending, this_year
from lianxin.testing.xlsx import table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(users, world):
    application = services.create_application(actor(users["village"]), world["village"], this_year(), stars=["branch"])
    return services.submit_application(actor(users["village"]), application, without_evidence=True)


@pytest.fixture
def publicised(users, world, submitted):
    application = approve_all(submitted, users["neighbour"], world["tf"], users["office"])
    services.start_publicity(actor(users["office"]), world["county"], this_year(), [application])
    application.refresh_from_db()
    return application


class TestPages:
    def test_village_applies_through_the_pages(self, users, world, login):
        client = login(users["village"])
        assert client.get("/rating/new/").status_code == 200
        response = client.post(
            "/rating/new/",
            {
                "year": this_year(),
                "kind": "stars",
                "stars": ["branch", "safety"],
                "self_score": "90",
                "statement": "申报",
                "status": "determined",
            },
        )
        application = Application.objects.get(org=world["village"])
        assert response.status_code == 302 and application.status == ApplicationStatus.DRAFT  # status ignored
        assert client.get(f"/rating/{application.pk}/").status_code == 200
        client.post(f"/rating/{application.pk}/", {"op": "submit", "without_evidence": "1"})
        application.refresh_from_db()
        assert application.status == ApplicationStatus.IN_REVIEW

    def test_reviewers_see_their_queue_and_decide_on_the_page(self, users, world, submitted, login):
        township = login(users["neighbour"])
        assert submitted.org.short_name in township.get("/rating/queue/").content.decode()
        assert "不在" not in township.get(f"/rating/{submitted.pk}/").content.decode()
        step = pending(submitted).get()
        township.post(
            f"/rating/{submitted.pk}/", {"op": "review", "step": step.pk, "decision": "approve", "comment": "好"}
        )
        tf = login(world["tf"]["branch"])
        page = tf.get("/rating/queue/").content.decode()
        assert submitted.org.short_name in page
        other_tf = login(world["tf"]["industry"]).get("/rating/queue/").content.decode()
        assert submitted.org.short_name not in other_tf
        tf_step = pending(submitted).get()
        tf.post(f"/rating/{submitted.pk}/", {"op": "review", "step": tf_step.pk, "decision": "return", "comment": ""})
        assert pending(submitted).get().pk == tf_step.pk  # a return needs a reason: nothing changed

    def test_queue_page_api_and_service_apply_one_reviewer_rule(self, users, world, submitted, login, api_client_for):
        """A member of the branch task force who is also a cadre of the village's township may
        not review it: the queue, the page, the API's list and the service agree, in one message."""
        services.review(actor(users["neighbour"]), pending(submitted).get(), Decision.APPROVE)
        step = pending(submitted, star="branch").get()
        double = make_user("double", Role.TASK_FORCE, world["forces"]["branch"].code)
        double.role_assignments.create(role=Role.TOWNSHIP, org=world["village"].parent)
        refusal = services.review_refusal(double, step)
        assert refusal == "不能审核本人所在单位的申报"
        assert services.review_refusal(world["tf"]["branch"], step) is None
        client = login(double)
        assert submitted.org.short_name not in client.get("/rating/queue/").content.decode()
        assert 'data-testid="review-card"' not in client.get(f"/rating/{submitted.pk}/").content.decode()
        assert api_client_for(double).get("/api/v1/rating/steps/?mine=1").json()["results"] == []
        response = client.post(f"/rating/{submitted.pk}/", {"op": "review", "step": step.pk, "decision": "approve"})
        assert [str(m) for m in get_messages(response.wsgi_request)] == [refusal]
        assert pending(submitted, star="branch").get().pk == step.pk
        page = login(world["tf"]["branch"]).get(f"/rating/{submitted.pk}/").content.decode()
        assert page.count('data-testid="review-card"') == 1

    def test_every_page_renders_for_the_office(self, users, world, publicised, login):
        client = login(users["office"])
        for url in (
            "/rating/",
            "/rating/queue/",
            "/rating/publicity/",
            f"/rating/publicity/{publicised.publicity_id}/",
            "/rating/results/",
            "/rating/awards/",
            f"/rating/stats/{MENGZHOU}/",
            f"/rating/stats/{DADING}/",
            f"/rating/settings/{MENGZHOU}/",
            f"/rating/{publicised.pk}/",
            "/rating/?export=xlsx",
            "/rating/results/?export=xlsx",
        ):
            assert client.get(url).status_code == 200, url
        assert client.get("/rating/stats/").status_code == 302

    def test_settings_and_quota_through_the_page(self, users, world, login):
        client = login(users["office"])
        url = f"/rating/settings/{MENGZHOU}/"
        client.post(
            url,
            {
                "op": "config",
                "chain": "township,office",
                "progress_chain": "township,taskforce",
                "step_days": 3,
                "publicity_days": 7,
                "award_amount": "60000",
                "tf_branch": "",
            },
        )
        config = services.config_for(world["county"], this_year())
        assert config.pk and config.chain == ["township", "office"] and config.publicity_days == 7
        client.post(url, {"op": "quota", "target": "level:5", "limit": 11})
        assert world["county"] and config.org.code == MENGZHOU
        from lianxin.rating.models import Quota

        assert Quota.objects.get(org=world["county"], level=5).limit == 11


class TestPublicPage:
    def test_anyone_reads_it_and_it_prints(self, client, publicised):
        response = client.get(f"/rating/public/{MENGZHOU}/")
        page = response.content.decode()
        assert response.status_code == 200 and publicised.org.short_name in page and "rating.css" in page
        assert client.get(f"/rating/public/{DADING}002/").status_code == 404  # a village is no jurisdiction

    def test_objection_is_lodged_and_rate_limited(self, client, publicised, settings):
        settings.LIANXIN_OBJECTION_RATE = (2, 60)
        cache.clear()
        url = f"/rating/public/{MENGZHOU}/"
        data = {"application": publicised.pk, "content": "材料不实", "contact": "13900001111"}
        assert client.post(url, data).status_code == 200
        assert client.post(url, {**data, "application": 999999}).status_code == 400
        assert client.post(url, data).status_code == 429
        objection = Objection.objects.get(application=publicised)
        assert objection.status == ObjectionStatus.PENDING and objection.ip == "127.0.0.1"
        cache.clear()

    def test_objection_needs_a_result_under_publicity(self, client, submitted):
        cache.clear()
        response = client.post(f"/rating/public/{MENGZHOU}/", {"application": submitted.pk, "content": "x"})
        assert response.status_code == 400 and not Objection.objects.exists()


class TestStatistics:
    def _rate(self, code, year, level):
        org = Org.objects.get(code=code)
        stars = ["branch", "industry", "ecology", "safety", "civility"][:level]
        return VillageRating.objects.create(org=org, year=year, level=level, **{s: True for s in stars})

    def test_counts_share_and_last_year(self, users):
        year = this_year()
        villages = list(Org.objects.filter(parent__code=DADING).order_by("code").values_list("code", flat=True))
        for code, level in zip(villages, [5, 4, 4, 3, 2], strict=False):
            self._rate(code, year, level)
        self._rate(villages[0], year - 1, 3)
        from lianxin.rating.stats import rating_stats

        data = rating_stats(users["office"], Org.objects.get(code=MENGZHOU), year)
        dading = next(r for r in data["rows"] if r.code == DADING)
        assert (dading.five, dading.four, dading.three, dading.below) == (1, 2, 1, 1)
        assert dading.stars["branch"] == 5 and dading.stars["civility"] == 1
        assert dading.share == round(100 * 4 / dading.branches, 1) and dading.last["three_up"] == 1
        assert data["total"].branches == 289 and data["total"].five == 1

    def test_counts_only_what_the_user_may_see(self, users):
        """Asked for the whole county on behalf of 西虢镇, the figures are 西虢镇's alone."""
        from lianxin.rating.stats import latest_year, rating_stats

        year = this_year()
        self._rate(XIGUO + "201", year - 1, 3)
        self._rate(DADING + "002", year, 5)
        county = Org.objects.get(code=MENGZHOU)
        data = rating_stats(users["township"], county, year - 1)
        assert [r.code for r in data["rows"]] == [XIGUO] and data["total"].three == 1
        assert data["total"].branches == Org.objects.filter(parent__code=XIGUO).count()
        assert latest_year(users["township"], county) == year - 1
        assert latest_year(users["office"], county) == year

    def test_grouping_the_results_needs_no_join(self, users):
        """The result rows carry their village's code: scope and grouping read them alone."""
        from lianxin.rating.stats import rating_stats

        with CaptureQueriesContext(connection) as queries:
            rating_stats(users["office"], Org.objects.get(code=MENGZHOU), this_year())
        grouped = [q["sql"] for q in queries.captured_queries if "rating_villagerating" in q["sql"]]
        assert len(grouped) == 1 and "JOIN" not in grouped[0].upper()

    def test_query_count_does_not_grow(self, users, login):
        client = login(make_user("viewer", "office", "4108"))
        client.get(f"/rating/stats/{MENGZHOU}/")

        def count(url):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            return len(queries)

        before = [count(f"/rating/stats/{code}/") for code in (MENGZHOU, BOAI, "4108")]
        for code in Org.objects.filter(parent__code=DADING).values_list("code", flat=True)[:8]:
            self._rate(code, this_year(), 4)
        after = [count(f"/rating/stats/{code}/") for code in (MENGZHOU, BOAI, "4108")]
        assert before[0] == before[1] == after[0] == after[1], (before, after)
        # 12 + the latest year with results (when none is chosen) + the second factor's device
        assert after[2] == before[2] <= 14

    def test_excel_and_word_exports(self, users, login):
        self._rate(f"{DADING}001", this_year(), 5)
        client = login(users["office"])
        response = client.get(f"/rating/stats/{MENGZHOU}/?export=xlsx")
        rows = table_rows(response.content)
        assert rows[0][0] == "单位" and rows[-1][3] == 1  # 合计: one five-star
        response = client.get(f"/rating/stats/{MENGZHOU}/certificates/")
        assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
        text = "\n".join(
            cell.text
            for table in Document(io.BytesIO(response.content)).tables
            for row in table.rows
            for cell in row.cells
        )
        assert "花封街社区党支部" in text or Org.objects.get(code=f"{DADING}001").short_name in text
        assert login(users["township"]).get(f"/rating/stats/{DADING}/certificates/").status_code == 404


class TestApi:
    def test_workflow_through_the_api(self, users, world, api_client_for, monkeypatch):
        village = api_client_for(users["village"])
        response = village.post(
            "/api/v1/rating/applications/",
            {
                "village": world["village"].code,
                "year": this_year(),
                "stars": ["branch"],
                "status": "determined",
                "org": BOAI,
                "approved_stars": ["civility"],
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["status"] == "draft" and body["org"] == world["village"].code and body["approved_stars"] == []
        pk = body["id"]
        put = village.put(
            f"/api/v1/rating/applications/{pk}/", {"stars": ["branch", "safety"], "status": "determined"}, format="json"
        )
        assert put.status_code == 200 and put.json()["status"] == "draft"
        refused = village.post(f"/api/v1/rating/applications/{pk}/submit/")
        assert refused.status_code == 400 and "没有引用台账记录" in refused.content.decode()
        submit = village.post(f"/api/v1/rating/applications/{pk}/submit/", {"without_evidence": True}, format="json")
        assert submit.json()["status"] == "in_review"
        township = api_client_for(users["neighbour"])
        mine = township.get("/api/v1/rating/steps/?mine=1").json()["results"]
        assert [s["application"] for s in mine] == [pk]
        decided = township.post(f"/api/v1/rating/steps/{mine[0]['id']}/decide/", {"decision": "approve"}, format="json")
        assert decided.status_code == 200 and decided.json()["status"] == "approved"
        again = township.post(f"/api/v1/rating/steps/{mine[0]['id']}/decide/", {"decision": "approve"}, format="json")
        assert again.status_code == 400
        step = pending(Application.objects.get(pk=pk), star="safety").get()
        wrong = api_client_for(world["tf"]["branch"]).post(
            f"/api/v1/rating/steps/{step.pk}/decide/", {"decision": "approve"}, format="json"
        )
        assert wrong.status_code == 403
        assert api_client_for(users["township"]).get(f"/api/v1/rating/applications/{pk}/").status_code == 404

    def test_quota_and_results_endpoints(self, users, world, api_client_for):
        office = api_client_for(users["office"])
        response = office.post(
            "/api/v1/rating/quotas/",
            {"county": MENGZHOU, "year": this_year(), "kind": "level", "level": 5, "limit": 6, "used": 6},
            format="json",
        )
        assert response.status_code == 201 and response.json()["used"] == 0
        assert api_client_for(users["township"]).post("/api/v1/rating/quotas/", {}, format="json").status_code == 403
        assert office.get("/api/v1/rating/results/").status_code == 200


@pytest.fixture
def api_client_for():
    from rest_framework.test import APIClient

    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


class TestDemo:
    def test_zhongzhan_matches_the_seed(self):
        import random

        codes = [f"410803{i:06d}" for i in range(49)]
        levels = demo.zhongzhan_levels(codes, random.Random(1), 2023)
        values = list(levels.values())
        assert values.count(5) == 6 and values.count(4) == 10
        assert round(100 * sum(1 for v in values if v >= 3) / 49) == 76

    def test_current_round_has_every_stage_and_is_idempotent(self, users, world):
        demo.load()
        statuses = set(Application.objects.values_list("status", flat=True))
        assert statuses == set(ApplicationStatus.values)
        queue = {s.reviewer_org.code for s in ReviewStep.objects.filter(status="pending")}
        assert {"410883105", "410883001", world["forces"]["branch"].code, MENGZHOU} <= queue
        count = Application.objects.count()
        demo.load()
        assert Application.objects.count() == count
        assert VillageRating.objects.filter(org__code__startswith=MENGZHOU, year=2023).count() > 200


def test_overdue_reminder_command(users, world, submitted):
    from django.core.management import call_command

    out = io.StringIO()
    step = pending(submitted).get()
    step.deadline = workdays.today() - timedelta(days=1)
    step.save()
    call_command("rating_reminders", stdout=out)
    assert "逾期审核环节 1 个" in out.getvalue()
    services.review(SYSTEM, step, Decision.APPROVE)
