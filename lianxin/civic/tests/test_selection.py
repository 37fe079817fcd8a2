"""Model-person selection: nominations in the campaign's categories, one vote per household and
category (service check and unique constraint), the most-voted selected and publicised,
objections only during publicity, results kept per year."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from lianxin.civic import selection
from lianxin.civic.choices import CampaignStatus
from lianxin.civic.models import Vote
from lianxin.core.changes import today
from lianxin.registers.tests.factories import DADING_VILLAGE, SYSTEM, XIGUO_VILLAGE, YINGXIU, household, org

pytestmark = pytest.mark.django_db


def campaign(code=XIGUO_VILLAGE, voting="residents"):
    c = selection.create_campaign(
        SYSTEM, org(code), year=2026, title="评选", categories="好媳妇、致富能手", voting=voting
    )
    a = selection.nominate(SYSTEM, c, category="好媳妇", name="刘秀英", reason="孝敬公婆")
    b = selection.nominate(SYSTEM, c, category="好媳妇", name="陈桂兰", reason="邻里和睦")
    return c, a, b


def test_one_vote_per_household_and_category():
    c, a, b = campaign()
    h = household()
    with pytest.raises(ValidationError):
        selection.vote(SYSTEM, a, household=h)  # not yet voting
    selection.open_voting(SYSTEM, c)
    selection.vote(SYSTEM, a, household=h)
    with pytest.raises(ValidationError, match="已在此类别投票"):
        selection.vote(SYSTEM, b, household=h)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(campaign=c, nomination=b, category="好媳妇", household=h)
    with pytest.raises(ValidationError):
        selection.vote(SYSTEM, a, household=household(DADING_VILLAGE))  # not a household of the village


def test_publicity_objections_and_results():
    c, a, b = campaign()
    selection.open_voting(SYSTEM, c)
    for n in range(2):
        selection.vote(SYSTEM, b, household=household(number=f"b{n}"))
    selection.vote(SYSTEM, a, household=household(number="a0"))
    with pytest.raises(ValidationError):
        selection.publicise(SYSTEM, c, until=today() - timedelta(days=1))
    selection.publicise(SYSTEM, c, until=today())
    b.refresh_from_db()
    a.refresh_from_db()
    assert b.selected and not a.selected
    with pytest.raises(ValidationError):
        selection.lodge_objection(SYSTEM, a, "未当选者不能异议")
    selection.lodge_objection(SYSTEM, b, "事迹有出入")
    selection.close_campaign(SYSTEM, c)
    c.refresh_from_db()
    assert c.status == CampaignStatus.CLOSED and list(c.nominations.filter(selected=True)) == [b]


def test_the_campaign_page_runs_the_steps(login, users):
    c, a, _b = campaign(code=YINGXIU)
    client = login(users["village"])
    url = reverse("civic:campaign_detail", args=[c.pk])
    assert "刘秀英" in client.get(url).content.decode()
    assert client.post(url, {"op": "open_voting"}).status_code == 302
    h = household(YINGXIU)
    assert h.head_name in client.get(url).content.decode()
    client.post(url, {"op": "vote", "nomination": a.pk, "household": h.pk})
    assert Vote.objects.filter(household=h).count() == 1
    assert client.get(reverse("civic:campaign_list")).status_code == 200
