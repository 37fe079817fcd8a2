from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from rest_framework.authtoken.models import Token

from lianxin.accounts import importer, powers, services, tokens
from lianxin.accounts.filters import UserFilter
from lianxin.accounts.forms import ImportForm, LoginForm, RoleAssignForm, UserCreateForm, UserEditForm
from lianxin.accounts.models import RoleAssignment, User
from lianxin.accounts.roles import Action
from lianxin.accounts.tables import UserTable
from lianxin.audit.services import Actor
from lianxin.core.excel import xlsx_response
from lianxin.core.ratelimit import check_export
from lianxin.core.uploads import UploadError, read_upload
from lianxin.core.views import ActionRequiredMixin, ScopedListView, run_service
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
        services.change_own_password(Actor.from_request(self.request), form.cleaned_data["new_password1"])
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
        run_service(request, lambda: services.revoke_tokens(Actor.from_request(request), request.user), _("令牌已撤销"))
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


class UserCreateView(ActionRequiredMixin, FormView):
    permission_action = Action.USERS_MANAGE
    form_class = UserCreateForm
    template_name = "accounts/user_form.html"

    def form_valid(self, form):
        data = form.cleaned_data
        org = org_in_scope(self.request.user, data["org_code"])
        if org is None:
            form.add_error("org_code", _("组织代码不存在或不在您的管理范围内"))
            return self.form_invalid(form)
        try:
            user = services.create_user(
                Actor.from_request(self.request),
                username=data["username"],
                password=data["password"],
                name=data["name"],
                mobile=data["mobile"],
                assignments=[(data["role"], org)],
                expires_on=data["expires_on"],
            )
        except ValidationError as exc:
            form.add_error("password", exc)
            return self.form_invalid(form)
        except services.Refused as exc:
            form.add_error("role", str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("已创建用户 %(u)s") % {"u": user.username})
        return redirect("accounts:user_detail", pk=user.pk)


class UserDetailView(ActionRequiredMixin, TemplateView):
    """One user: details, roles, and (for managers) edit, grant, revoke, reset password."""

    permission_action = Action.USERS_VIEW
    template_name = "accounts/user_detail.html"

    @cached_property
    def subject(self) -> User:
        return scoped_user(self.request, self.kwargs["pk"])

    def get_context_data(self, edit_form=None, role_form=None, **kwargs):
        subject, viewer = self.subject, self.request.user
        initial = {f: getattr(subject, f) for f in ("name", "mobile", "is_active", "expires_on")}
        may_manage = viewer.can(Action.USERS_MANAGE)
        return super().get_context_data(
            subject=subject,
            assignments=visible_assignments(self.request.user)
            .filter(user=subject)
            .select_related("org")
            .order_by("id"),
            can_manage=may_manage and powers.can_manage(viewer, subject),
            refusal=powers.management_refusal(viewer, subject) if may_manage else None,
            tokens=token_rows(subject),
            edit_form=edit_form or UserEditForm(user=subject, initial=initial),
            role_form=role_form or RoleAssignForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.can(Action.USERS_MANAGE):
            raise PermissionDenied
        handler = {
            "edit": self._edit,
            "grant": self._grant,
            "revoke": self._revoke,
            "reset": self._reset,
            "revoke_token": self._revoke_token,
        }.get(request.POST.get("op"))
        if handler is None:
            messages.error(request, _("无效的操作"))
            return redirect(request.path)
        return handler(request, Actor.from_request(request))

    def _edit(self, request, actor):
        form = UserEditForm(request.POST, user=self.subject)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(edit_form=form))
        run_service(request, lambda: services.update_user(actor, self.subject, **form.cleaned_data), _("已保存"))
        return redirect(request.path)

    def _grant(self, request, actor):
        form = RoleAssignForm(request.POST)
        org = org_in_scope(request.user, request.POST.get("org_code", "")) if form.is_valid() else None
        if form.is_valid() and org is None:
            form.add_error("org_code", _("组织代码不存在或不在您的管理范围内"))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(role_form=form))
        role = form.cleaned_data["role"]
        run_service(request, lambda: services.assign_role(actor, self.subject, role, org), _("已授予角色"))
        return redirect(request.path)

    def _revoke(self, request, actor):
        assignment = get_object_or_404(
            RoleAssignment.objects.restrict(request.user, Action.USERS_MANAGE).select_related("org"),
            pk=request.POST.get("assignment"),
            user=self.subject,
        )
        run_service(request, lambda: services.revoke_role(actor, assignment), _("已撤销角色"))
        return redirect(request.path)

    def _reset(self, request, actor):
        try:
            services.reset_password(actor, self.subject, request.POST.get("password", ""))
        except ValidationError as exc:
            messages.error(request, _("密码不符合要求：") + "；".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("密码已重置，该用户的接口令牌同时失效"))
        return redirect(request.path)

    def _revoke_token(self, request, actor):
        run_service(request, lambda: services.revoke_tokens(actor, self.subject), _("令牌已撤销"))
        return redirect(request.path)


class UserImportView(ActionRequiredMixin, FormView):
    permission_action = Action.USERS_MANAGE
    form_class = ImportForm
    template_name = "accounts/user_import.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            check_export(request)
            return xlsx_response("用户导入模板.xlsx", importer.HEADER, [importer.EXAMPLE], title="用户")
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            data = read_upload(form.cleaned_data["file"])
            count = importer.import_users(Actor.from_request(self.request), data)
        except UploadError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        except importer.RowErrors as exc:
            return self.render_to_response(self.get_context_data(form=form, row_errors=exc.errors))
        messages.success(self.request, _("已导入 %(n)d 个用户") % {"n": count})
        return redirect(reverse("accounts:user_list"))
