"""Three-category households: the county's categories, a village's rating with reasons,
submitted and confirmed by the township under publicity, the movement between categories, the
category on the public page, and the printable plaque sheet with QR labels."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lianxin.audit.services import Actor
from lianxin.core.changes import today
from lianxin.points import rating_services as services
from lianxin.points.choices import RatingStatus
from lianxin.points.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories():
    county = f.org("410883")
    return [
        services.add_category(f.SYSTEM, county, name=n, rank=r, criteria="标准")
        for r, n in enumerate(("示范户", "合格户", "整改户"), start=1)
    ]


def confirmed(household, category, period):
    rating = services.start_rating(f.SYSTEM, household.org, period)
    services.rate(f.SYSTEM, rating, household=household, category=category, reason="理由")
    services.submit_rating(f.SYSTEM, rating)
    return services.confirm_rating(f.SYSTEM, rating, publicity_until=today() + timedelta(days=7))


def test_rate_submit_confirm_and_movement(categories, users):
    h = f.household()
    confirmed(h, categories[2], "2025年")
    rating = services.start_rating(f.SYSTEM, h.org, "2026年")
    with pytest.raises(ValidationError):
        services.rate(f.SYSTEM, rating, household=h, category=categories[0], reason=" ")
    services.rate(f.SYSTEM, rating, household=h, category=categories[0], reason="整改到位，积分靠前")
    services.submit_rating(f.SYSTEM, rating)
    with pytest.raises(ValidationError):
        services.rate(f.SYSTEM, rating, household=h, category=categories[1], reason="x")  # submitted: frozen
    with pytest.raises(PermissionDenied):
        services.confirm_rating(Actor(user=users["village"]), rating, publicity_until=today())
    services.confirm_rating(Actor(user=users["township"]), rating, publicity_until=today())
    rating.refresh_from_db()
    assert rating.status == RatingStatus.CONFIRMED
    row = services.with_previous(rating.households.all()).get()
    assert row.previous == "整改户" and row.category.name == "示范户"
    assert services.current_category(h.pk) == "示范户"


def test_only_a_county_sets_categories():
    with pytest.raises(ValidationError):
        services.add_category(f.SYSTEM, f.org(f.XIGUO), name="x", rank=1, criteria="x")


def test_public_page_and_plaques_show_the_category(categories, client, login, users):
    account = f.entry().account
    rating = confirmed(account.household, categories[0], "2026年")
    page = client.get(reverse("points:public", kwargs={"token": account.token})).content.decode()
    assert "示范户" in page
    sheet = login(users["township"]).get(reverse("points:plaques", args=[rating.pk])).content.decode()
    assert "<svg" in sheet and "王**" in sheet and "@page" in sheet
    assert login(users["township"]).get(reverse("points:rating_detail", args=[rating.pk])).status_code == 200
    for name in ("points:rating_list", "points:category_list"):
        assert login(users["township"]).get(reverse(name)).status_code == 200
