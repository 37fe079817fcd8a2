def load() -> dict:
    return {}
