"""The whole demo world for `manage.py load_demo`, each app's part in turn: the 焦作市 tree and
accounts, the sample standard and 孟州市's plans, rating rounds, and 党群连心. Every part is
idempotent, so the command may run on every `make run`."""

from lianxin.audit.services import Actor
from lianxin.liaison import demo as liaison_demo
from lianxin.orgs import demo as orgs_demo
from lianxin.planning import demo as planning_demo
from lianxin.rating import demo as rating_demo

DEMO_PASSWORD = orgs_demo.DEMO_PASSWORD
DEMO_USERS = orgs_demo.DEMO_USERS
DEMO_TOTP_SECRET = orgs_demo.DEMO_TOTP_SECRET


def load_demo() -> dict:
    actor = Actor.system("load_demo")
    result = orgs_demo.load(actor)
    result["plans_created"] = planning_demo.load()["plans"]
    rating_demo.load()
    liaison_demo.load(actor)
    return result
