"""Logins, logouts and failed logins go to the audit log (security.md item 10)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from rest_framework.authtoken.models import Token

from lianxin.accounts.backends import resolve_login
from lianxin.audit.models import AuditResult
from lianxin.audit.services import Actor, record
from lianxin.core.net import client_ip


def _home_code(user) -> str:
    org = user.home_org if user is not None else None
    return org.scope_code if org else ""


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    record(Actor(user=user, ip=client_ip(request)), "accounts.session.login", obj=user, org_code=_home_code(user))


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        record(Actor(user=user, ip=client_ip(request)), "accounts.session.logout", obj=user, org_code=_home_code(user))


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    typed = (credentials or {}).get("username", "")
    user = get_user_model().objects.filter(username=resolve_login(typed)).first()
    record(
        Actor(user=None, ip=client_ip(request) if request else "", label=f"login:{typed}"[:150]),
        "accounts.session.login_failed",
        object_type="accounts.user",
        object_id=str(user.pk) if user else "",
        object_repr=typed[:200],
        org_code=_home_code(user),
        result=AuditResult.FAILURE,
    )


@receiver(post_save, sender=Token)
def audit_token_created(sender, instance, created, **kwargs):
    """API tokens are made by `drf_create_token` at the command line; each one is recorded."""
    if created:
        record(
            Actor.system("drf_create_token"),
            "accounts.token.create",
            obj=instance.user,
            org_code=_home_code(instance.user),
        )


@receiver(post_delete, sender=Token)
def audit_token_deleted(sender, instance, **kwargs):
    """A token deleted outside the services (`drf_create_token -r` replacing it) is recorded
    here; the services record their own deletions, with who and why, and mark the token."""
    if getattr(instance, "revoke_recorded", False):
        return
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    record(
        Actor.system("drf_create_token"),
        "accounts.token.revoke",
        object_type="accounts.user",
        object_id=str(instance.user_id),
        object_repr=str(user or "")[:200],
        before={"created": instance.created},
        after={"reason": "replaced"},
        org_code=_home_code(user),
    )
