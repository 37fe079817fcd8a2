"""Points pages: lists for every reader, entering and approving through the pages, the shop,
the household's page with its QR code, and the public page behind the QR code: no login, the
head's name masked, nothing but points, rate-limited."""

import pytest
from django.urls import reverse

from lianxin.points import services
from lianxin.points.choices import EntryStatus
from lianxin.points.models import Account, Entry, Redemption
from lianxin.points.tests import factories as f

pytestmark = pytest.mark.django_db

LISTS = (
    "points:entry_list",
    "points:account_list",
    "points:ranking",
    "points:rule_list",
    "points:goods_list",
    "points:donation_list",
    "points:redemption_list",
)


@pytest.mark.parametrize("name", LISTS)
def test_lists_show_in_scope_rows(login, users, name):
    f.entry()
    f.goods()
    response = login(users["township"]).get(reverse(name))
    assert response.status_code == 200


def test_ranking_orders_the_years_points_within_the_village(login, users):
    first = f.entry(number="001")
    second = f.entry(number="002", name="移风易俗")
    services.approve_entry(f.SYSTEM, second)
    page = login(users["township"]).get(reverse("points:ranking"), {"year": f.DAY.year}).content.decode()
    assert page.index(str(second.account.household)) < page.index(str(first.account.household))


def test_a_clerk_enters_and_the_secretary_approves_through_the_pages(login, users):
    f.scheme(f.YINGXIU, threshold=0)
    h = f.household(f.YINGXIU)
    clerk = login(users["village"])
    response = clerk.post(
        reverse("points:entry_create"),
        {"household": h.pk, "rule": f.rule(f.YINGXIU).pk, "day": f.DAY.isoformat(), "note": "打扫街道"},
    )
    assert response.status_code == 302
    entry = Entry.objects.get(account__household=h)
    assert entry.status == EntryStatus.PENDING
    page = clerk.get(reverse("points:entry_detail", kwargs={"pk": entry.pk})).content.decode()
    assert 'value="approve"' not in page  # the clerk's own entry
    url = reverse("points:entry_detail", kwargs={"pk": entry.pk})
    assert login(users["office"]).post(url, {"op": "approve"}).status_code == 403  # the county reads only
    assert login(users["neighbour"]).post(url, {"op": "approve"}).status_code == 302  # 大定街道, over 迎秀
    entry.refresh_from_db()
    assert entry.status == EntryStatus.APPROVED and Account.objects.get(household=h).balance == 2


def test_redemption_refused_on_the_form_in_chinese(login, users):
    h = f.entry().account.household
    goods = f.goods(price=50)
    response = login(users["township"]).post(
        reverse("points:redemption_create"), {"household": h.pk, "goods": goods.pk, "quantity": 1}
    )
    assert response.status_code == 200 and "积分不足" in response.content.decode()
    assert not Redemption.objects.exists()


def test_the_households_page_shows_its_qr_code(login, users):
    account = f.entry().account
    page = login(users["township"]).get(reverse("points:account_detail", kwargs={"pk": account.pk})).content.decode()
    assert "<svg" in page and account.token not in page.split("<svg")[0]


class TestPublicPage:
    def test_no_login_masked_name_and_points_only(self, client):
        account = f.entry().account
        page = client.get(reverse("points:public", kwargs={"token": account.token})).content.decode()
        assert "王**" in page and "王建国" not in page
        assert "13800138000" not in page and account.household.number not in page
        assert ">2<" in page

    def test_by_token_not_by_id(self, client):
        account = f.entry().account
        assert client.get(reverse("points:public", kwargs={"token": str(account.pk)})).status_code == 404
        assert len(account.token) >= 20 and Account.objects.filter(token=account.token).count() == 1

    def test_rate_limited(self, client, settings):
        settings.LIANXIN_PUBLIC_POINTS_RATE = (2, 60)
        token = f.entry().account.token
        url = reverse("points:public", kwargs={"token": token})
        codes = [client.get(url).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
