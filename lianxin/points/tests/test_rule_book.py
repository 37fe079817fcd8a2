"""Editing the rule book and the county's categories: a rule's points and limit per period
change from now on (entries keep theirs), retiring asks for a confirmation and stops new
entries, a county's category is renamed with its criteria — each audited, each out of another
place's reach."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.points import rating_services, services
from lianxin.points.choices import Period
from lianxin.points.models import HouseholdCategory, Rule
from lianxin.points.tests import factories as f

pytestmark = pytest.mark.django_db


def category(county="410883", name="示范户"):
    return rating_services.add_category(f.SYSTEM, f.org(county), name=name, rank=1, criteria="遵纪守法")


class TestRuleService:
    def test_change_holds_from_now_on(self):
        entry = f.entry()
        rule = services.change_rule(f.SYSTEM, entry.rule, name="义务劳动", points=3, limit=4, period=Period.QUARTER)
        assert (rule.points, rule.limit, rule.period) == (3, 4, Period.QUARTER)
        entry.refresh_from_db()
        assert entry.points == 2  # entered under the old value
        event = AuditEvent.objects.get(action="points.rule.update")
        assert event.before["points"] == 2 and event.after["points"] == 3

    def test_retired_rule_takes_no_entries_and_no_changes(self):
        f.scheme()
        rule = services.retire_rule(f.SYSTEM, f.rule())
        assert not rule.active
        with pytest.raises(ValidationError, match="已停用"):
            services.retire_rule(f.SYSTEM, rule)
        with pytest.raises(ValidationError, match="已停用"):
            services.change_rule(f.SYSTEM, rule, name="x", points=1)
        assert AuditEvent.objects.filter(action="points.rule.retire").count() == 1

    def test_a_name_already_in_the_book_is_refused(self):
        f.scheme()
        with pytest.raises(ValidationError):
            services.change_rule(f.SYSTEM, f.rule(), name="移风易俗", points=2)

    def test_another_townships_rule_is_refused(self, users):
        f.scheme(f.DADING_VILLAGE)
        with pytest.raises(Http404):  # out of scope looks like absent
            services.retire_rule(Actor(user=users["township"]), f.rule(f.DADING_VILLAGE))


class TestRulePages:
    def test_edit_through_the_page(self, login, users):
        f.scheme()
        rule = f.rule()
        url = reverse("points:rule_edit", kwargs={"pk": rule.pk})
        client = login(users["township"])
        assert 'value="义务劳动"' in client.get(url).content.decode()
        answer = client.post(url, {"name": "义务劳动", "points": 5, "limit": 3, "period": Period.MONTH})
        assert answer.status_code == 302
        rule.refresh_from_db()
        assert (rule.points, rule.limit) == (5, 3)
        answer = client.post(url, {"name": "义务劳动", "points": 0, "period": Period.MONTH})
        assert answer.status_code == 200 and Rule.objects.get(pk=rule.pk).points == 5

    def test_retire_asks_for_a_confirmation(self, login, users):
        f.scheme()
        rule = f.rule()
        url = reverse("points:rule_retire", kwargs={"pk": rule.pk})
        client = login(users["township"])
        page = client.get(url).content.decode()
        assert "确认停用" in page
        answer = client.post(url, {})
        assert answer.status_code == 200 and "请勾选确认后再停用" in answer.content.decode()
        assert Rule.objects.get(pk=rule.pk).active
        assert client.post(url, {"confirm": "on"}).status_code == 302
        assert not Rule.objects.get(pk=rule.pk).active

    def test_the_list_offers_the_links_to_managers_only(self, login, users):
        f.scheme()
        rule = f.rule()
        edit = reverse("points:rule_edit", kwargs={"pk": rule.pk})
        assert edit in login(users["township"]).get(reverse("points:rule_list")).content.decode()
        assert edit not in login(users["office"]).get(reverse("points:rule_list")).content.decode()
        assert login(users["office"]).get(edit).status_code == 403
        with pytest.raises(PermissionDenied):
            services.retire_rule(Actor(user=users["office"]), rule)


class TestCategories:
    def test_change_a_category_and_its_criteria(self, login, users):
        c = category()
        url = reverse("points:category_edit", kwargs={"pk": c.pk})
        client = login(users["office"])
        answer = client.post(url, {"name": "文明示范户", "rank": 1, "criteria": "遵纪守法，热心公益"})
        assert answer.status_code == 302
        c.refresh_from_db()
        assert (c.name, c.criteria) == ("文明示范户", "遵纪守法，热心公益")
        event = AuditEvent.objects.get(action="points.category.update")
        assert event.before["name"] == "示范户" and event.after["name"] == "文明示范户"

    def test_a_duplicate_name_comes_back_on_the_form(self, login, users):
        c, _other = category(), category(name="合格户")
        url = reverse("points:category_edit", kwargs={"pk": c.pk})
        answer = login(users["office"]).post(url, {"name": "合格户", "rank": 2, "criteria": "x"})
        assert answer.status_code == 200 and HouseholdCategory.objects.get(pk=c.pk).name == "示范户"

    def test_another_countys_category_is_out_of_reach(self, login, users):
        c = category("410822")
        assert login(users["office"]).get(reverse("points:category_edit", kwargs={"pk": c.pk})).status_code == 404
        with pytest.raises(Http404):
            rating_services.change_category(Actor(user=users["office"]), c, name="x", rank=1, criteria="x")
