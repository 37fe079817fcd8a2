import pytest

from lianxin.conftest import MENGZHOU
from lianxin.orgs.models import Org
from lianxin.rating.tests.helpers import YINGXIU, star_task_forces, task_force_users


@pytest.fixture
def world(users):
    """Task forces and their users; the village is 迎秀社区 (大定街道, reviewed by `neighbour`)."""
    forces = star_task_forces()
    return {
        "forces": forces,
        "tf": task_force_users(forces),
        "village": Org.objects.get(code=YINGXIU),
        "county": Org.objects.get(code=MENGZHOU),
    }
