"""A selection's public page: no login, reached by its token; the candidates' names masked to
the surname and nothing else of them; votes and results only once the vote has closed;
rate-limited per client address."""

import pytest
from django.test import Client
from django.urls import reverse

from lianxin.civic import selection
from lianxin.core.changes import today
from lianxin.registers.tests.factories import SYSTEM, XIGUO_VILLAGE, household, org

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    c = selection.create_campaign(
        SYSTEM, org(XIGUO_VILLAGE), year=2026, title="好媳妇评选", categories="好媳妇、致富能手", voting="residents"
    )
    best = selection.nominate(SYSTEM, c, category="好媳妇", name="刘秀英", reason="照顾瘫痪婆婆十年")
    selection.nominate(SYSTEM, c, category="好媳妇", name="赵桂兰", reason="孝敬老人")
    selection.open_voting(SYSTEM, c)
    selection.vote(SYSTEM, best, household=household(XIGUO_VILLAGE, number="v1"))
    return c


def url(c):
    return reverse("civic:public_selection", kwargs={"token": c.token})


def test_candidates_masked_and_no_results_while_voting(campaign):
    page = Client().get(url(campaign)).content.decode()
    assert "刘**" in page and "赵**" in page and "致富能手" in page
    for hidden in ("刘秀英", "赵桂兰", "照顾瘫痪婆婆", "得票", "当选"):
        assert hidden not in page


def test_results_once_the_vote_closed(campaign):
    selection.publicise(SYSTEM, campaign, until=today())
    page = Client().get(url(campaign)).content.decode()
    assert "得票" in page and "当选" in page and "刘秀英" not in page
    assert page.index("刘**") < page.index("赵**")  # most votes first


def test_by_token_only(campaign):
    assert Client().get(reverse("civic:public_selection", kwargs={"token": "guess"})).status_code == 404
    assert str(campaign.pk) != campaign.token and len(campaign.token) >= 20


def test_rate_limited(campaign, settings):
    settings.LIANXIN_PUBLIC_SELECTION_RATE = (2, 60)
    client = Client()
    assert [client.get(url(campaign)).status_code for _ in range(3)] == [200, 200, 429]


def test_the_campaign_page_shows_the_public_link(campaign, login, users):
    page = login(users["township"]).get(campaign.get_absolute_url()).content.decode()
    assert url(campaign) in page
