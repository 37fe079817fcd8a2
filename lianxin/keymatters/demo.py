"""Placeholder replaced below."""


def load() -> dict:
    return {}
