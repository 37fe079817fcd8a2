"""Guards that services call before changing anything. Lacking the role is 403; naming an object
outside one's scope is 404, the same answer as for an object that does not exist."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from lianxin.core.scope import in_range


def in_scope(prefixes, code: str) -> bool:
    return any(in_range(code, prefix) for prefix in prefixes)


def require(actor, action: str, org_code: str | None = None) -> None:
    """Raise unless the actor may perform `action`, at `org_code` when one is given.

    A system actor (a management command run by an operator) is trusted: it has shell access.
    """
    user = actor.user
    if user is None and actor.label:
        return
    if user is None or not user.can(action):
        raise PermissionDenied
    if org_code is not None and not in_scope(user.scope_prefixes(action), org_code):
        raise Http404


def can_at(user, action: str, code: str) -> bool:
    """Whether `user` may perform `action` on things at `code` (for showing buttons)."""
    return user.can(action) and in_scope(user.scope_prefixes(action), code)
