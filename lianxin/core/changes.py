"""The steps every service function takes around a change (docs/development.md, "State
changes"), written once for the apps that share them: lock the row, validate only the fields the
service sets, and record the change — or the deletion — with personal data masked, in the
caller's transaction."""

from contextlib import contextmanager
from datetime import date

from django.utils import timezone

from lianxin.audit.services import Actor, record, snapshot


def today() -> date:
    return timezone.localdate()


@contextmanager
def audited(actor: Actor, event: str, obj, fields, after_fields=None):
    """Record `event` for what the `with` block changes in `obj`: its `fields` before, its
    `after_fields` (the same by default) after. Nothing is recorded if the block raises."""
    before = snapshot(obj, fields)
    yield
    record(actor, event, obj=obj, org_code=obj.org.code, before=before, after=snapshot(obj, after_fields or fields))


def delete_recorded(actor: Actor, event: str, obj, before: dict) -> None:
    """Delete `obj` and record it; the event names the row by type, id and text, as it is gone."""
    object_type, pk, text, code = obj._meta.label_lower, obj.pk, str(obj), obj.org.code
    obj.delete()
    record(actor, event, object_type=object_type, object_id=str(pk), object_repr=text, org_code=code, before=before)


def locked(obj):
    """`obj` read again and locked to the end of the transaction, so that two requests cannot
    both move it from the same state."""
    return type(obj).objects.select_for_update().select_related("org").get(pk=obj.pk)


def clean_fields(obj, fields) -> None:
    """Validate what the service sets (`fields`, and the constraints over them and the org).
    The org is one the service read, in scope: Django's check that it exists would ask the
    database again on every write."""
    exclude = [f.name for f in obj._meta.fields if f.name not in (*fields, "org")]
    obj.full_clean(exclude=[*exclude, "org"], validate_constraints=False)
    obj.validate_constraints(exclude=exclude)
