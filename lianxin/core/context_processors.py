from lianxin.core.navigation import navigation_for


def shell(request):
    """What the page frame needs: the side navigation the user's roles allow, and their scope."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_items": navigation_for(request),
        "scope_org": user.home_org,
        "unread_notifications": unread_count(user),
    }


def unread_count(user) -> int:
    from lianxin.planning.models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).count()
