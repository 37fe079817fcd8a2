"""The three competitions through the services: rounds at the right level, entries inside the
round, slides checked by content, judges' scores blind until closing, highest and lowest
dropped, winners into the county final."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lianxin.accounts.roles import Role
from lianxin.assessment import services
from lianxin.assessment.models import Entry
from lianxin.assessment.services.competition import trimmed_mean
from lianxin.assessment.tests import factories as f
from lianxin.audit.services import Actor
from lianxin.conftest import make_user
from lianxin.core.uploads import UploadError

pytestmark = pytest.mark.django_db


def judges(contest, n):
    made = [make_user(f"评委{contest.pk}_{i}", Role.TOWNSHIP, f.XIGUO) for i in range(n)]
    for user in made:
        services.assign_judge(f.SYSTEM, contest, user)
    return made


def score(user, entry, a, b):
    return services.score_entry(Actor(user=user), entry, {"思路清晰": Decimal(a), "举措可行": Decimal(b)})


def test_trimmed_mean_drops_highest_and_lowest():
    assert trimmed_mean([Decimal(90), Decimal(70), Decimal(80), Decimal(10)]) == Decimal("75.00")
    assert trimmed_mean([Decimal(90), Decimal(70)]) == Decimal("80.00")
    assert trimmed_mean([]) is None


def test_rounds_stand_at_their_level():
    with pytest.raises(ValidationError):
        f.contest(code=f.MENGZHOU, stage="preliminary")
    with pytest.raises(ValidationError):
        f.contest(code=f.XIGUO, stage="final")
    with pytest.raises(ValidationError):
        services.create_round(
            f.SYSTEM, f.org(f.XIGUO), year=f.YEAR, kind="ideas", stage="preliminary", title="x", criteria=f.CRITERIA
        )
    with pytest.raises(ValidationError):
        f.entry(village=f.DADING_VILLAGE)  # not in 西虢镇


def test_blind_judging_then_results_and_advance_into_the_final(users):
    final = f.contest(code=f.MENGZHOU, stage="final")
    prelim = f.contest(advance_count=1)
    first, second = f.entry(), f.entry(f.XIGUO + "202", secretary="李书记")
    panel = judges(prelim, 3)
    for user, (a, b) in zip(panel, ((40, 60), (30, 50), (10, 10)), strict=True):
        score(user, first, a, b)
    for user, (a, b) in zip(panel, ((20, 20), (30, 40), (40, 60)), strict=True):
        score(user, second, a, b)
    with pytest.raises(ValidationError):
        score(users["township"], first, 1, 1)  # not a judge
    with pytest.raises(ValidationError):
        score(panel[0], first, 41, 1)
    assert services.visible_scores(panel[0], prelim).count() == 2  # only their own
    services.close_round(f.SYSTEM, prelim)
    for row in (prelim, first, second):
        row.refresh_from_db()
    assert (first.result, first.place, first.advanced) == (Decimal("80.00"), 1, True)
    assert (second.result, second.place, second.advanced) == (Decimal("70.00"), 2, False)
    assert services.visible_scores(panel[0], prelim).count() == 6
    assert list(Entry.objects.filter(round=final).values_list("secretary", flat=True)) == ["王书记"]
    with pytest.raises(ValidationError):
        score(panel[0], first, 1, 1)  # closed


def test_advance_by_share():
    prelim = f.contest(advance_share=50)
    entries = [f.entry(f.XIGUO + f"20{i}", secretary=f"书记{i}") for i in range(1, 4)]
    (judge,) = judges(prelim, 1)
    for n, entry in enumerate(entries):
        score(judge, entry, 10 + n, 10)
    services.close_round(f.SYSTEM, prelim)
    assert Entry.objects.filter(round=prelim, advanced=True).count() == 2


def test_slides_are_checked_by_content():
    entry = f.entry()
    with pytest.raises(UploadError):
        services.upload_slides(f.SYSTEM, entry, SimpleUploadedFile("讲稿.pdf", b"not a pdf at all"))
    slides = services.upload_slides(f.SYSTEM, entry, SimpleUploadedFile("讲稿.bin", b"%PDF-1.4\n%%EOF\n"))
    assert slides.content_type == "application/pdf" and slides.original_name == "讲稿.bin"


def test_a_results_round_starts_from_the_villages_star_self_assessment(plans):
    from lianxin.planning import services as planning

    planning.assess_all(f.SYSTEM, plans["plan"], [(plans["item"], True, "台账齐全")])
    contest = f.contest(kind="results")
    entry = f.entry(round_obj=contest)  # 西虢镇's village with the plan
    assert len(entry.sheet) == 1 and entry.sheet[0]["result"] == "达标"
    assert entry.sheet[0]["item"].startswith(plans["item"].code)
    assert f.entry(f.XIGUO + "202", round_obj=contest, secretary="李书记").sheet == []
    assert f.entry(round_obj=f.contest()).sheet == []  # a 思路 round has none
