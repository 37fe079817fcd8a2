"""Helpers for the apps' `tests/cases.py` modules (the scope meta-tests' cases)."""


def pair_from(world):
    """Scoped-model cases from a `world()` that makes one of everything inside (`"in"`) and
    outside (`"out"`) the township user's scope: `pair(key)` gives (inside, outside) of `key`."""

    def pair(key):
        def cases(users, plans=None):
            made = world()
            return made["in"][key], made["out"][key]

        return cases

    return pair
