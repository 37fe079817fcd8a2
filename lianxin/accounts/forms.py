from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from lianxin.accounts.models import User
from lianxin.accounts.powers import SCREEN_ROLES
from lianxin.accounts.roles import Role
from lianxin.core.personal import MaskedInitialMixin, mobile_validator

# No role preselected: a clerk must choose one, not slip into the first.
_PROMPT = [("", _("请选择角色"))]
ROLE_CHOICES = _PROMPT + [(r.value, r.label) for r in SCREEN_ROLES]


class RoleField(forms.ChoiceField):
    """Offers the roles a screen may hand out, but accepts any role, so that a forged
    `sysadmin` or `auditor` reaches the service, which refuses it and records the attempt."""

    def __init__(self, **kwargs):
        super().__init__(label=_("角色"), choices=ROLE_CHOICES, **kwargs)

    def valid_value(self, value):
        return value in Role.values


class ExpiryField(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("账号有效期至"),
            required=False,
            help_text=_("临时账号填写截止日期，过期后不能登录；留空为长期有效"),
            widget=forms.DateInput(attrs={"type": "date"}),
            **kwargs,
        )


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
    role = RoleField()
    org_code = OrgCodeField()
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput(render_value=False))
    expires_on = ExpiryField()

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
    expires_on = ExpiryField()

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
    role = RoleField()
    org_code = OrgCodeField()
