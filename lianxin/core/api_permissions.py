"""Kept apart from core/api.py: DRF imports its permission classes while it is still loading."""

from rest_framework import permissions


class RolePermission(permissions.BasePermission):
    """Logged in, and one of the user's roles grants the view's `permission_action`."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        action = getattr(view, "permission_action", None)
        if action is None:
            return False  # deny by default: a view that names no action serves nobody
        return user.can(action)
