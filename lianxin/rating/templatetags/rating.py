from django import template

register = template.Library()

BADGE = {
    "draft": "text-bg-secondary",
    "in_review": "text-bg-primary",
    "returned": "text-bg-warning",
    "rejected": "text-bg-danger",
    "approved": "text-bg-info",
    "publicity": "text-bg-warning",
    "determined": "text-bg-success",
    "pending": "text-bg-primary",
    "cancelled": "text-bg-light",
    "handled": "text-bg-success",
    "lowered": "text-bg-warning",
    "revoked": "text-bg-danger",
}


@register.filter
def badge(status: str) -> str:
    """Bootstrap badge class for a rating status."""
    return BADGE.get(status, "text-bg-light")


@register.filter
def stars_text(level) -> str:
    """★★★☆☆ for a level 0–5."""
    level = int(level or 0)
    return "★" * level + "☆" * (5 - level)
