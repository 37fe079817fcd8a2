"""API base: every viewset names its action and takes rows from `restrict()`, the same scope
mechanism as the pages; out of scope is 404."""

from rest_framework import routers, viewsets

api_router = routers.DefaultRouter()
api_router.include_root_view = False


class ScopedViewSetMixin:
    """Rows come from `model.objects.restrict(user, permission_action)` and nowhere else."""

    permission_action: str
    model = None

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user, self.permission_action)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
