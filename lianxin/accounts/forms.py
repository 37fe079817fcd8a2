from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from lianxin.accounts.models import User
from lianxin.accounts.roles import ASSIGNABLE_ROLES
from lianxin.core.personal import MaskedInitialMixin, mobile_validator

# No role preselected: a clerk must choose one, not slip into the first (审计员).
ROLE_CHOICES = [("", _("请选择角色"))] + [(r.value, r.label) for r in ASSIGNABLE_ROLES]


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("用户名或手机号"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("用户名（手机号）或密码不正确。连续失败5次将锁定15分钟。"),
        "inactive": _("该账号已停用，请联系系统管理员。"),
    }


class OrgCodeField(forms.CharField):
    """An org typed by its code; the view checks it lies in the manager's scope."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("label", _("所在组织代码"))
        kwargs.setdefault("help_text", _("行政区划代码，如 410883105（西虢镇）"))
        super().__init__(**kwargs)


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("用户名"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("用户名只能包含字母、数字和 @/./+/-/_")},
    )
    name = forms.CharField(label=_("姓名"), max_length=50)
    mobile = forms.CharField(label=_("手机号"), max_length=11, required=False, validators=[mobile_validator])
    role = forms.ChoiceField(label=_("角色"), choices=ROLE_CHOICES)
    org_code = OrgCodeField()
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput(render_value=False))

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username=username).exists():
            raise forms.ValidationError(_("用户名已存在"))
        return username

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"] or None
        if mobile and User.objects.filter(mobile=mobile).exists():
            raise forms.ValidationError(_("该手机号已被其他账号使用"))
        return mobile


class UserEditForm(MaskedInitialMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    mobile = forms.CharField(label=_("手机号"), max_length=11, required=False, validators=[mobile_validator])
    is_active = forms.BooleanField(label=_("启用"), required=False)

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.mask_personal(user)

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"] or None
        if mobile and User.objects.filter(mobile=mobile).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError(_("该手机号已被其他账号使用"))
        return mobile


class RoleAssignForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=ROLE_CHOICES)
    org_code = OrgCodeField()


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
