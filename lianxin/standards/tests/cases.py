"""Cases for the project-wide meta-tests (core/tests/test_scope.py and test_urls.py)."""

from lianxin.standards.models import Standard
from lianxin.standards.plugin import Action


def _standard_cases(users, plans):
    return plans["standard"], plans["boai_standard"]  # the province's is above 西虢镇, so visible


SCOPED_MODEL_CASES = {Standard: (_standard_cases, "township", Action.STANDARDS_VIEW)}
POST_ONLY: set[str] = set()


def out_of_scope_cases(users, plans) -> dict:
    """Route -> (user, kwargs of an object outside that user's scope): 博爱县's standard."""
    boai = plans["boai_standard"]
    task = boai.key_tasks.first()
    item = task.work_items.first()
    return {
        "standards:detail": ("township", {"pk": boai.pk}),
        "standards:import": ("office", {"pk": boai.pk}),
        "standards:task_create": ("office", {"pk": boai.pk}),
        "standards:task_edit": ("office", {"pk": boai.pk, "task": task.pk}),
        "standards:item_create": ("office", {"pk": boai.pk, "task": task.pk}),
        "standards:item_edit": ("office", {"pk": boai.pk, "task": task.pk, "item": item.pk}),
        "standard-detail": ("township", {"pk": boai.pk}),
    }
