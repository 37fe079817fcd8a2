from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lianxin.audit.services import Actor
from lianxin.conftest import DADING, MENGZHOU, XIGUO
from lianxin.core.indicators import registry
from lianxin.core.uploads import UploadError
from lianxin.orgs.models import Org
from lianxin.rhythm import observation
from lianxin.testing.auth import verified_client

pytestmark = pytest.mark.django_db
SITES = [XIGUO + "201", DADING + "002", XIGUO]


def tour(users):
    return observation.plan_tour(
        Actor(user=users["office"]),
        Org.objects.get(code=MENGZHOU),
        day=timezone.localdate(),
        title="第四季度观摩",
        site_codes=SITES,
    )


def jpeg():
    out = BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG")
    return SimpleUploadedFile("现场.jpg", out.getvalue(), content_type="image/jpeg")


def test_sites_are_planned_in_order_and_only_local(users):
    made = tour(users)
    assert [s.org.code for s in made.sites.all()] == SITES
    with pytest.raises(ValidationError):
        observation.plan_tour(
            Actor(user=users["office"]),
            Org.objects.get(code=MENGZHOU),
            day=timezone.localdate(),
            title="x",
            site_codes=["410822100"],
        )


def test_participants_score_on_the_phone_and_the_sites_are_ranked(users):
    made = tour(users)
    first, second, third = made.sites.all()
    for user, site, score in (
        (users["township"], second, 90),
        (users["neighbour"], second, 80),
        (users["township"], first, 70),
    ):
        client = verified_client(user)
        response = client.post(
            reverse("rhythm:site_score", args=[site.pk]), {"score": score, "remark": "好", "photo": jpeg()}
        )
        assert response["Location"] == made.get_absolute_url()
    verified_client(users["township"]).post(reverse("rhythm:site_score", args=[first.pk]), {"score": 75})
    rows = observation.results(made)
    assert [(r["site"].org.code, r["average"], r["sheets"]) for r in rows] == [
        (SITES[1], 85.0, 2),
        (SITES[0], 75.0, 1),
        (SITES[2], None, 0),
    ]
    page = verified_client(users["office"]).get(made.get_absolute_url()).content.decode()
    assert "85.0" in page and "thumb=1" in page
    photo = second.photos.first()
    assert verified_client(users["township"]).get(reverse("rhythm:site_photo", args=[photo.pk])).status_code == 200
    assert verified_client(users["office_boai"]).get(reverse("rhythm:site_photo", args=[photo.pk])).status_code == 404


def test_a_village_does_not_score(users):
    made = tour(users)
    site = made.sites.first()
    assert verified_client(users["village"]).get(reverse("rhythm:site_score", args=[site.pk])).status_code == 403


def test_the_tour_results_are_in_the_api(users):
    made = tour(users)
    observation.score_site(Actor(user=users["township"]), made.sites.get(order=2), score=88)
    data = verified_client(users["office"]).get(f"/api/v1/rhythm/tours/{made.pk}/").json()
    assert data["results"][0] == {"order": 2, "org": SITES[1], "average": 88.0, "sheets": 1, "rank": 1}
    # A township's participant sees the county's tour with only the sites in its own scope.
    mine = verified_client(users["township"]).get(f"/api/v1/rhythm/tours/{made.pk}/").json()["results"]
    assert all(site["org"].startswith(XIGUO) for site in mine)


def test_a_pdf_named_like_a_photo_is_refused_and_nothing_is_kept(users):
    made = tour(users)
    site = made.sites.first()
    fake = SimpleUploadedFile("现场.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    with pytest.raises(UploadError, match="现场照片须为"):
        observation.score_site(Actor(user=users["township"]), site, score=80, photo=fake)
    assert not site.photos.exists() and not site.scores.exists()


def test_the_observation_score_indicator_is_the_mean_of_the_years_site_averages(users, django_assert_num_queries):
    first, second = tour(users), tour(users)
    village, unscored, never = SITES[0], SITES[1], DADING + "003"
    for user, score in ((users["township"], 80), (users["neighbour"], 90)):
        observation.score_site(Actor(user=user), first.sites.get(org__code=village), score=score)
    observation.score_site(Actor(user=users["township"]), second.sites.get(org__code=village), score=70)
    indicator = registry()["rhythm.observation_score"]
    year = timezone.localdate().year
    with django_assert_num_queries(1):
        one = indicator.compute([village], year)
    with django_assert_num_queries(1):
        many = indicator.compute([village, unscored, never], year)
    assert one == {village: 77.5}  # (85 + 70) / 2: each visit once, not each sheet
    assert many == {village: 77.5, unscored: None, never: None}
    assert indicator.compute([village], year - 1) == {village: None}
    other = observation.plan_tour(
        Actor(user=users["office"]),
        Org.objects.get(code=MENGZHOU),
        day=timezone.localdate(),
        title="别的观摩",
        site_codes=[never],
    )
    listed = verified_client(users["office"]).get(indicator.records(village, year)).content.decode()
    assert first.title in listed and other.title not in listed


def test_a_participant_sees_on_the_tour_page_which_sites_they_scored_and_every_sheet(users):
    made = tour(users)
    first, second, _third = made.sites.all()
    observation.score_site(Actor(user=users["township"]), first, score=75, remark="产业亮点突出")
    observation.score_site(Actor(user=users["neighbour"]), second, score=60)
    page = verified_client(users["township"]).get(made.get_absolute_url()).content.decode()
    mine = page[page.index('id="score-sites"') : page.index("观摩结果排名")]
    assert mine.count("我的评分 75") == 1 and mine.count("未评分") == 2
    sheets = page[page.index('id="sheets"') :]
    assert "neighbour" in sheets and "产业亮点突出" in sheets and ">60<" in sheets
