from lianxin.core.navigation import navigation_for
from lianxin.core.notifications import unread_count


def shell(request):
    """What the page frame needs: the side navigation the user's roles allow, their scope and
    the number on the bell."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "navigation": navigation_for(request),
        "scope_org": user.home_org,
        "unread_notifications": unread_count(user),
    }
