from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def resolve_login(identifier: str | None) -> str | None:
    """A login name may be a username or a mobile number; return the username it names."""
    if not identifier:
        return identifier
    User = get_user_model()
    if identifier.isdigit() and len(identifier) == 11:
        username = User.objects.filter(mobile=identifier).values_list("username", flat=True).first()
        if username:
            return username
    return identifier


class UsernameOrMobileBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(request, username=resolve_login(username), password=password, **kwargs)


def axes_username(request, credentials):
    """Lockout counts per account, whether the person typed the username or the mobile."""
    identifier = (credentials or {}).get("username")
    if identifier is None and request is not None:
        identifier = request.POST.get("username")
    return resolve_login(identifier)
