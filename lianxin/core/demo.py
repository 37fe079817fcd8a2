"""The whole demo world for `manage.py load_demo`: each app's demo loader (declared in its
plugin) in turn, every app after those it depends on. Every loader is idempotent, so the
command may run on every `make run`."""

from lianxin.core.plugins import demo_order, load_object, plugins


def load_demo() -> dict:
    result: dict = {}
    for label in demo_order():
        result.update(load_object(plugins()[label].demo)() or {})
    return result
