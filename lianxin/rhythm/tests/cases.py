"""Cases for the project-wide meta-tests: a 孟州市 bulletin (which the 西虢镇 township user reads,
its county's) and a 博爱县 one (outside)."""

from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, MENGZHOU
from lianxin.orgs.models import Org
from lianxin.rhythm import services
from lianxin.rhythm.figures import week_of
from lianxin.rhythm.models import Bulletin, RhythmConfig
from lianxin.rhythm.plugin import Action


def bulletin(code: str) -> Bulletin:
    from django.utils import timezone

    monday, _ = week_of(timezone.localdate())
    made = services.request_bulletin(Actor.system("tests"), Org.objects.get(code=code), monday)
    made.refresh_from_db()
    return made


def _pair(users, plans=None):
    return bulletin(MENGZHOU), bulletin(BOAI)


def _configs(users, plans=None):
    return tuple(RhythmConfig.objects.get_or_create(org=Org.objects.get(code=code))[0] for code in (MENGZHOU, BOAI))


SCOPED_MODEL_CASES = {
    Bulletin: (_pair, "township", Action.RHYTHM_VIEW),
    RhythmConfig: (_configs, "office", Action.RHYTHM_MANAGE),
}


def out_of_scope_cases(users, plans=None) -> dict:
    out = bulletin(BOAI)
    return {
        "rhythm:bulletin_detail": ("township", {"pk": out.pk}),
        "rhythm:bulletin_file": ("township", {"pk": out.pk}),
        "rhythm:floors": ("office", {"code": BOAI}),
        "bulletin-detail": ("township", {"pk": out.pk}),
    }


POST_ONLY: set[str] = set()
