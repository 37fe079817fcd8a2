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
from django.views.generic import FormView, TemplateView

from lianxin.accounts import importer, services
from lianxin.accounts.filters import UserFilter
from lianxin.accounts.forms import ImportForm, LoginForm, RoleAssignForm, UserCreateForm, UserEditForm
from lianxin.accounts.models import RoleAssignment, User
from lianxin.accounts.roles import Action
from lianxin.accounts.tables import UserTable
from lianxin.audit.services import Actor
from lianxin.core.excel import xlsx_response
from lianxin.core.ratelimit import check_export
from lianxin.core.uploads import UploadError, read_upload
from lianxin.core.views import ActionRequiredMixin, ScopedListView
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
        services.set_password(Actor.from_request(self.request), self.request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("密码已修改"))
        return redirect(self.success_url)


def scoped_user(request, pk, action=Action.USERS_VIEW) -> User:
    return get_object_or_404(User.objects.restrict(request.user, action), pk=pk)


def org_in_scope(user, code: str, action=Action.USERS_MANAGE) -> Org | None:
    return Org.objects.restrict(user, action).filter(code=code.strip()).first()


class UserListView(ScopedListView):
    permission_action = Action.USERS_VIEW
    model = User
    table_class = UserTable
    filterset_class = UserFilter
    title = _("用户管理")
    export_filename = "用户.xlsx"
    template_name = "accounts/user_list.html"

    def get_queryset(self):
        assignments = RoleAssignment.objects.select_related("org").order_by("id")
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
            )
        except ValidationError as exc:
            form.add_error("password", exc)
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
        subject = self.subject
        initial = {"name": subject.name, "mobile": subject.mobile, "is_active": subject.is_active}
        return super().get_context_data(
            subject=subject,
            assignments=subject.role_assignments.select_related("org").order_by("id"),
            can_manage=self.request.user.can(Action.USERS_MANAGE),
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
        }.get(request.POST.get("op"))
        if handler is None:
            messages.error(request, _("无效的操作"))
            return redirect(request.path)
        return handler(request, Actor.from_request(request))

    def _edit(self, request, actor):
        form = UserEditForm(request.POST, user=self.subject)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(edit_form=form))
        services.update_user(actor, self.subject, **form.cleaned_data)
        messages.success(request, _("已保存"))
        return redirect(request.path)

    def _grant(self, request, actor):
        form = RoleAssignForm(request.POST)
        org = org_in_scope(request.user, request.POST.get("org_code", "")) if form.is_valid() else None
        if form.is_valid() and org is None:
            form.add_error("org_code", _("组织代码不存在或不在您的管理范围内"))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(role_form=form))
        services.assign_role(actor, self.subject, form.cleaned_data["role"], org)
        messages.success(request, _("已授予角色"))
        return redirect(request.path)

    def _revoke(self, request, actor):
        assignment = get_object_or_404(
            RoleAssignment.objects.restrict(request.user, Action.USERS_MANAGE).select_related("org"),
            pk=request.POST.get("assignment"),
            user=self.subject,
        )
        services.revoke_role(actor, assignment)
        messages.success(request, _("已撤销角色"))
        return redirect(request.path)

    def _reset(self, request, actor):
        try:
            services.set_password(actor, self.subject, request.POST.get("password", ""))
        except ValidationError as exc:
            messages.error(request, _("密码不符合要求：") + "；".join(exc.messages))
            return redirect(request.path)
        messages.success(request, _("密码已重置"))
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
