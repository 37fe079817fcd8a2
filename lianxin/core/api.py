"""API base: every viewset names its action and takes rows from `restrict()`, the same scope
mechanism as the pages; out of scope is 404. Query parameters are typed in core/api_query.py,
the schema's documented errors are added in core/api_schema.py."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import routers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError

from lianxin.core.personal import mask, personal_fields, unmasked
from lianxin.core.uploads import UploadError

api_router = routers.DefaultRouter()
api_router.include_root_view = False
# Plain API views that are not viewsets, appended by the apps' API modules like routes above.
api_urlpatterns: list = []


class ScopedViewSetMixin:
    """Rows come from `model.objects.restrict(user, permission_action)` and nowhere else."""

    permission_action: str
    model = None

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user, self.permission_action)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class PersonalDataSerializerMixin:
    """For every ModelSerializer that shows a field its model declares personal (core/personal.py):
    the field goes out masked, and the masked text sent back unchanged keeps the stored value
    (a client that reads, edits one field and writes the whole object back loses nothing)."""

    def _personal(self, instance):
        declared = personal_fields(instance)
        return {name: (f, declared[f.source]) for name, f in self.fields.items() if f.source in declared}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name, (_field, kind) in self._personal(instance).items():
            if name in data:
                data[name] = mask(kind, data[name])
        return data

    def to_internal_value(self, data):
        if isinstance(self.instance, models.Model):
            data = self._unmask(data)
        return super().to_internal_value(data)

    def _unmask(self, data):
        changed = {}
        for name, (field, kind) in self._personal(self.instance).items():
            if name in data:
                stored = getattr(self.instance, field.source)
                if unmasked(kind, data[name], stored) != data[name]:
                    changed[name] = stored
        if changed:
            data = data.copy()
            for name, value in changed.items():
                data[name] = value
        return data


class ActionPerVerb:
    """`permission_action` chosen by the viewset action: a write names its own action in
    `action_permissions`, everything else needs `read_permission`."""

    action_permissions: dict[str, str] = {}
    read_permission: str

    @property
    def permission_action(self):
        # Schema generation inspects viewsets that have no `action` yet.
        return self.action_permissions.get(getattr(self, "action", None), self.read_permission)


def validated(serializer_class, request) -> dict:
    """The request body as `serializer_class` cleans it; anything else (a list, a missing or
    malformed field, a NUL character) is 400 with the field's Chinese message."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def call_service(fn, *args, **kwargs):
    """Run a service for the API: a broken rule or a bad upload is 400 with the Chinese message,
    a refused permission 403 with its reason."""
    try:
        return fn(*args, **kwargs)
    except DjangoValidationError as exc:
        raise ValidationError({"detail": exc.messages}) from exc
    except UploadError as exc:
        raise ValidationError({"detail": [str(exc)]}) from exc
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc) or None) from exc


def in_scope(model, user, action: str, ids, field: str) -> list:
    """The rows of `model` with these ids that `user` may reach for `action`, in the order given;
    an id out of sight is a 400 on `field` that says so, never a hint of what lies outside."""
    ids = list(dict.fromkeys(ids))
    found = model.objects.restrict(user, action).in_bulk(ids)
    if len(found) != len(ids):
        raise ValidationError({field: ["不存在或不在您的范围内"]})
    return [found[i] for i in ids]
