"""Points through the services: a village's book copied from the township's template, limits
per period, auto-approval under the threshold and the secretary's approval above it (never of
one's own entry), balances, and redemptions that overdraw neither the balance nor the stock."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.points import services
from lianxin.points.choices import EntryStatus
from lianxin.points.models import Account, Rule
from lianxin.points.tests import factories as f

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user, ip="127.0.0.1")


def balance(entry_or_household) -> int:
    return Account.objects.get(household=entry_or_household).balance


class TestRuleBooks:
    def test_a_village_copies_the_township_template_once(self):
        f.scheme()
        f.scheme()  # again: nothing doubled
        names = set(Rule.objects.filter(org__code=f.XIGUO_VILLAGE).values_list("name", flat=True))
        assert names == {"义务劳动", "移风易俗"}
        assert Rule.objects.filter(org__code=f.XIGUO_VILLAGE, source__isnull=False).count() == 2
        assert AuditEvent.objects.filter(action="points.scheme.copy").count() == 2

    def test_a_rule_book_lives_at_a_township_or_village(self):
        with pytest.raises(ValidationError):
            services.add_rule(f.SYSTEM, f.org("410883"), name="x", points=1)

    def test_a_neighbouring_township_cannot_copy_into_a_village_not_its_own(self, users):
        with pytest.raises(Http404):
            services.copy_template(actor(users["neighbour"]), f.org(f.XIGUO_VILLAGE))


class TestEntries:
    def test_small_entries_take_effect_at_once(self):
        entry = f.entry()
        assert entry.status == EntryStatus.APPROVED and balance(entry.account.household) == 2

    def test_large_entries_wait_for_approval_by_someone_else(self, users):
        township = actor(users["township"])
        f.scheme()
        h = f.household()
        entry = services.enter_points(township, h, f.rule(name="移风易俗"), day=f.DAY)
        assert entry.status == EntryStatus.PENDING and balance(h) == 0
        with pytest.raises(ValidationError):
            services.approve_entry(township, entry)  # one's own entry
        services.approve_entry(f.SYSTEM, entry)
        assert balance(h) == 10
        with pytest.raises(ValidationError):
            services.approve_entry(f.SYSTEM, entry)  # not twice
        assert balance(h) == 10

    def test_rejected_entries_change_nothing_and_need_a_reason(self):
        f.scheme(threshold=0)
        h = f.household()
        entry = services.enter_points(f.SYSTEM, h, f.rule(), day=f.DAY)
        with pytest.raises(ValidationError):
            services.reject_entry(f.SYSTEM, entry, " ")
        services.reject_entry(f.SYSTEM, entry, "照片不清")
        entry.refresh_from_db()
        assert entry.status == EntryStatus.REJECTED and balance(h) == 0

    def test_the_limit_per_period_counts_the_households_entries(self):
        f.scheme()
        h = f.household()
        for day in (date(2026, 3, 1), date(2026, 3, 20)):
            services.enter_points(f.SYSTEM, h, f.rule(), day=day)
        with pytest.raises(ValidationError, match="最多 2 次"):
            services.enter_points(f.SYSTEM, h, f.rule(), day=date(2026, 3, 31))
        services.enter_points(f.SYSTEM, h, f.rule(), day=date(2026, 4, 1))  # a new month
        assert balance(h) == 6

    def test_a_rule_of_another_village_is_refused(self):
        f.scheme(f.DADING_VILLAGE)
        f.scheme()
        with pytest.raises(ValidationError):
            services.enter_points(f.SYSTEM, f.household(), f.rule(f.DADING_VILLAGE), day=f.DAY)

    def test_without_a_scheme_the_clerk_is_told_to_copy_the_template(self):
        with pytest.raises(ValidationError, match="积分方案"):
            services.enter_points(f.SYSTEM, f.household(), Rule(), day=f.DAY)

    def test_a_member_cannot_enter_points(self, users):
        f.scheme(f.YINGXIU)
        with pytest.raises(PermissionDenied):
            services.enter_points(actor(users["member"]), f.household(f.YINGXIU), f.rule(f.YINGXIU), day=f.DAY)


class TestShop:
    def test_donations_fill_the_stock_and_redemptions_spend_points(self):
        entry = f.entry(name="移风易俗")
        services.approve_entry(f.SYSTEM, entry)
        h = entry.account.household
        goods = f.goods(price=4, stock=3)
        assert goods.stock == 3
        services.redeem(f.SYSTEM, h, goods, quantity=2)
        goods.refresh_from_db()
        assert balance(h) == 2 and goods.stock == 1
        assert AuditEvent.objects.filter(action="points.redemption.create").exists()

    def test_a_redemption_cannot_overdraw_the_balance(self):
        h = f.entry().account.household  # 2 points
        goods = f.goods(price=10)
        with pytest.raises(ValidationError, match="积分不足"):
            services.redeem(f.SYSTEM, h, goods)
        goods.refresh_from_db()
        assert balance(h) == 2 and goods.stock == 3

    def test_a_redemption_cannot_overdraw_the_stock(self):
        entry = f.entry(name="移风易俗")
        services.approve_entry(f.SYSTEM, entry)
        goods = f.goods(price=1, stock=2)
        with pytest.raises(ValidationError, match="库存不足"):
            services.redeem(f.SYSTEM, entry.account.household, goods, quantity=3)

    def test_goods_of_another_village_are_refused(self):
        h = f.entry().account.household
        with pytest.raises(ValidationError):
            services.redeem(f.SYSTEM, h, f.goods(f.DADING_VILLAGE, price=1))
