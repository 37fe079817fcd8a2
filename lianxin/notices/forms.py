"""Forms list their fields (security.md item 8): the sending unit is one of the user's own,
the area a code the view finds in the user's scope; receipts and counts are never in a form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.notices.choices import ReplyKind, TargetKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ROLE_CHOICES = [(r.value, r.label) for r in Role if r in BUSINESS_ROLES]


class SendForm(forms.Form):
    sender = forms.ChoiceField(label=_("发文单位"))
    title = forms.CharField(label=_("标题"), max_length=120)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 8}))
    kinds = forms.MultipleChoiceField(
        label=_("接收单位"), choices=TargetKind.choices, widget=forms.CheckboxSelectMultiple
    )
    roles = forms.MultipleChoiceField(label=_("接收人角色"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple)
    within = forms.CharField(
        label=_("限于下属单位（代码，可不填）"),
        max_length=16,
        required=False,
        help_text=_("如只发某个乡镇的村，填该乡镇代码"),
    )
    deadline = forms.DateField(label=_("办理时限"), widget=DATE, required=False)
    reply = forms.ChoiceField(label=_("回复要求"), choices=ReplyKind.choices, initial=ReplyKind.NONE)
    attachment = forms.FileField(label=_("附件"), required=False)

    def __init__(self, *args, senders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender"].choices = [(o.code, o.name) for o in senders]
        self.fields["kinds"].initial = [TargetKind.VILLAGE, TargetKind.COMMUNITY]
        self.fields["roles"].initial = [Role.VILLAGE]


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("回复内容"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("上报文件"), required=False)
