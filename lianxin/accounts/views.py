from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from rest_framework.authtoken.models import Token

from lianxin.accounts import importer, powers, services, tokens
from lianxin.accounts.filters import UserFilter
from lianxin.accounts.forms import LoginForm, RoleAssignForm, UserCreateForm, UserEditForm
from lianxin.accounts.models import RoleAssignment, User
from lianxin.accounts.roles import Action
from lianxin.accounts.tables import UserTable
from lianxin.core.views import (
    ActionRequiredMixin,
    ImportView,
    ObjectOperationsView,
    Operation,
    ScopedListView,
    ServiceFormView,
    actor,
    pick_form,
    run_service,
)
from lianxin.orgs.models import Org


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    permission_action = None


class PasswordChangeView(auth_views.PasswordChangeView):
    """Own password. Goes through the service so the change is audited."""

    permission_action = None
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        services.change_own_password(actor(self.request), form.cleaned_data["new_password1"])
        self.request.user.refresh_from_db()
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("密码已修改"))
        return redirect(self.success_url)


class TokenListView(ActionRequiredMixin, TemplateView):
    """One's own API tokens: when each was made and ends, and a button to revoke it."""

    permission_action = None
    template_name = "accounts/tokens.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tokens=token_rows(self.request.user), **kwargs)

    def post(self, request, *args, **kwargs):
        run_service(request, lambda: services.revoke_tokens(actor(request), request.user), _("令牌已撤销"))
        return redirect(request.path)


def token_rows(user) -> list[dict]:
    return [
        {"created": t.created, "expires": tokens.expires_at(t), "dead": tokens.is_dead(t), "hint": t.key[:6]}
        for t in Token.objects.filter(user=user).select_related("user")
    ]


def scoped_user(request, pk, action=Action.USERS_VIEW) -> User:
    return get_object_or_404(User.objects.restrict(request.user, action), pk=pk)


def visible_assignments(viewer):
    """A user's roles as `viewer` may see them: only those held inside the viewer's scope (a
    county's administrator does not learn what the same person holds in another county)."""
    return RoleAssignment.objects.restrict(viewer, Action.USERS_VIEW)


def org_in_scope(user, code: str, action=Action.USERS_MANAGE) -> Org | None:
    return Org.objects.restrict(user, action).filter(code=code.strip()).first()


class UserListView(ScopedListView):
    permission_action = Action.USERS_VIEW
    model = User
    table_class = UserTable
    filterset_class = UserFilter
    title = gettext_lazy("用户管理")
    export_filename = "用户.xlsx"
    template_name = "accounts/user_list.html"

    def get_queryset(self):
        assignments = visible_assignments(self.request.user).select_related("org").order_by("id")
        return super().get_queryset().prefetch_related(Prefetch("role_assignments", queryset=assignments))


def _org(viewer, code: str) -> Org:
    org = org_in_scope(viewer, code)
    if org is None:
        raise ValidationError({"org_code": _("组织代码不存在或不在您的管理范围内")})
    return org


class UserCreateView(ServiceFormView):
    permission_action = Action.USERS_MANAGE
    form_class = UserCreateForm
    template_name = "accounts/user_form.html"

    def perform(self, actor, form):
        data = form.cleaned_data
        org = _org(self.request.user, data["org_code"])
        try:
            return services.create_user(
                actor,
                username=data["username"],
                password=data["password"],
                name=data["name"],
                mobile=data["mobile"],
                assignments=[(data["role"], org)],
                expires_on=data["expires_on"],
            )
        except services.Refused as exc:  # the separation of powers: on the role chosen
            raise ValidationError({"role": str(exc)}) from exc
        except ValidationError as exc:  # the password rules
            raise ValidationError({"password": exc.messages}) from exc

    def get_success_message(self, user):
        return _("已创建用户 %(u)s") % {"u": user.username}

    def get_success_url(self, user=None):
        return reverse("accounts:user_detail", kwargs={"pk": user.pk})


# --- one user's page: each change an Operation, refused by the services' separation of powers --


def manages(viewer, subject) -> bool:
    """Whether the page offers `viewer` the changes to `subject`: they hold the management
    action and the separation of powers (powers.py) lets them change this account. The services
    apply the same rules, and record a refusal, whatever the page offered."""
    return viewer.can(Action.USERS_MANAGE) and powers.can_manage(viewer, subject)


def _grant(actor, subject, *, role, org_code):
    services.assign_role(actor, subject, role, _org(actor.user, org_code))


def _revoke(actor, subject, assignment):
    services.revoke_role(actor, assignment)


def _reset(actor, subject, password):
    try:
        services.reset_password(actor, subject, password)
    except ValidationError as exc:
        raise ValidationError(_("密码不符合要求：") + "；".join(exc.messages)) from exc


def _operation(call, success, **options) -> Operation:
    # No action checked at an org: a user has none; the services decide, and record refusals.
    return Operation(call, success, None, allowed=manages, **options)


class UserDetailView(ObjectOperationsView):
    """One user: details, roles, and (for managers) edit, grant, revoke, reset password, revoke
    the API tokens. Posting needs the management action (403); every operation then reaches its
    service, which refuses (and records) what the separation of powers forbids."""

    permission_action = Action.USERS_VIEW
    model = User
    template_name = "accounts/user_detail.html"
    operations = {
        "edit": _operation(services.update_user, gettext_lazy("已保存"), form=UserEditForm, inline=True),
        "grant": _operation(_grant, gettext_lazy("已授予角色"), form=RoleAssignForm, inline=True),
        "revoke": _operation(_revoke, gettext_lazy("已撤销角色"), form=pick_form("assignment", gettext_lazy("角色"))),
        "reset": _operation(_reset, gettext_lazy("密码已重置，该用户的接口令牌同时失效"), needs=("password",)),
        "revoke_token": _operation(services.revoke_tokens, gettext_lazy("令牌已撤销")),
    }

    def post(self, request, *args, **kwargs):
        if not request.user.can(Action.USERS_MANAGE):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def operation_form_kwargs(self, name):
        subject = self.object
        if name == "edit":
            initial = {f: getattr(subject, f) for f in ("name", "mobile", "is_active", "expires_on")}
            return {"user": subject, "initial": initial}
        if name == "revoke":
            assignments = RoleAssignment.objects.restrict(self.request.user, Action.USERS_MANAGE)
            return {"queryset": assignments.filter(user=subject).select_related("org", "user")}
        return {}

    def get_context_data(self, **kwargs):
        subject, viewer = self.object, self.request.user
        return super().get_context_data(
            subject=subject,
            assignments=visible_assignments(viewer).filter(user=subject).select_related("org").order_by("id"),
            refusal=powers.management_refusal(viewer, subject) if viewer.can(Action.USERS_MANAGE) else None,
            tokens=token_rows(subject),
            **kwargs,
        )


class UserImportView(ImportView):
    permission_action = Action.USERS_MANAGE
    template_name = "accounts/user_import.html"
    title = gettext_lazy("批量导入用户")
    back_url = reverse_lazy("accounts:user_list")
    header, example = importer.HEADER, importer.EXAMPLE

    def run_import(self, actor, data):
        return importer.import_users(actor, data)
