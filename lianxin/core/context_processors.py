from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lianxin.core.navigation import navigation_for
from lianxin.core.notifications import unread_count


def shell(request):
    """What the page frame needs: the side navigation the user's roles allow, their scope and
    the number on the bell."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread = unread_count(user)
    return {
        "navigation": navigation_for(request),
        "scope_org": user.home_org,
        "unread_notifications": unread,
        "bell": bell(unread),
    }


def bell(unread: int) -> SafeString:
    """The count on the bell, none when nothing is unread."""
    if not unread:
        return mark_safe("")
    return format_html(
        '<span class="position-absolute top-0 start-100 translate-middle badge rounded-pill bg-warning text-dark"'
        ' data-testid="unread-count">{}</span>',
        unread,
    )


def frame_inputs(request) -> tuple[str, ...]:
    """What the frame draws from the user, as text: a page kept for reuse (core/views/reuse.py)
    is kept per these, so a new name, role or menu entry redraws it."""
    user = request.user
    roles = ";".join(f"{a.role}@{a.org_id}:{a.org.short_name}" for a in user.assignments)
    return (str(user), user.username, roles, navigation_for(request))
