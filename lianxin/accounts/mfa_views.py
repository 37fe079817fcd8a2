"""Pages of the second factor: the code after the password, enrolment (QR code, confirm, recovery
codes shown once), and a system administrator's reset of someone else's. The rules live in
lianxin/accounts/mfa.py; these views only map its answers to pages and messages."""

from base64 import b32encode
from binascii import unhexlify

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from lianxin.accounts import mfa
from lianxin.accounts.roles import Action
from lianxin.accounts.views import scoped_user
from lianxin.core.qr import qr_svg
from lianxin.core.views import ActionRequiredMixin, actor, run_service

PENDING_KEY = "mfa_pending_key"  # session: the secret of an enrolment not yet confirmed
NEW_CODES = "mfa_new_codes"  # session: recovery codes to show once


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("验证码"),
        max_length=32,
        help_text=gettext_lazy("手机验证器上显示的6位数字"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "one-time-code", "spellcheck": "false"}),
    )


def next_url(request) -> str:
    """Where to go once the second factor is done: the page first asked for, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url("home")


def mark_verified(request, device) -> None:
    """The session has passed the second factor: remember the device (django-otp) under a new
    session key, so a cookie copied before this step does not share the upgrade."""
    otp_login(request, device)
    request.session.cycle_key()


def count_in_lockout(request) -> None:
    """A wrong code is a failed login: it counts toward the django-axes lockout of the account
    and address (5 in 15 minutes). When that locks, the half-done session ends and axes'
    middleware answers with the lockout page."""
    credentials = {"username": request.user.get_username()}
    AxesProxyHandler.user_login_failed(sender=VerifyView, credentials=credentials, request=request)
    if getattr(request, "axes_locked_out", False):
        logout(request)


@method_decorator(never_cache, name="dispatch")
class VerifyView(FormView):
    """The code after the password: the authenticator's 6 digits, or one recovery code."""

    permission_action = None
    form_class = CodeForm
    template_name = "accounts/mfa_verify.html"

    def dispatch(self, request, *args, **kwargs):
        step = mfa.pending_step(request.user)
        if step == mfa.ENROL:
            return redirect(f"{reverse('mfa:setup')}?{request.GET.urlencode()}")
        if step is None:
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=next_url(self.request), bare=True, **kwargs)

    def form_valid(self, form):
        request = self.request
        try:
            device = mfa.verify(actor(request), request.user, form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
            count_in_lockout(request)
            return self.form_invalid(form)
        mark_verified(request, device)
        if isinstance(device, StaticDevice):
            left = mfa.recovery_codes_left(request.user)
            messages.warning(
                request,
                _("您用了一个恢复码（还剩 %(n)d 个）。如果手机丢失或换了手机，请马上在本页重新绑定验证器。")
                % {"n": left},
            )
            return redirect("mfa:setup")
        return redirect(next_url(request))


def typed_secret(key: str) -> str:
    """The secret as an authenticator app asks for it when typed: base32 in groups of four."""
    text = b32encode(unhexlify(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@method_decorator(never_cache, name="dispatch")
class SetupView(TemplateView):
    """Enrolment, and for an enrolled user: re-enrol (new phone) and new recovery codes."""

    permission_action = None
    template_name = "accounts/mfa_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if mfa.pending_step(request.user) == mfa.VERIFY:
            # Enrolled but not yet verified: prove the old device (or a recovery code) first.
            return redirect(f"{reverse('mfa:verify')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        request, user = self.request, self.request.user
        enrolled = user.is_verified()
        key = request.session.get(PENDING_KEY)
        if key is None and not enrolled:
            key = request.session[PENDING_KEY] = mfa.new_key()
        context = {
            "enrolled": enrolled,
            "bare": not enrolled,
            "required": mfa.required_for(user),
            "codes_left": mfa.recovery_codes_left(user) if enrolled else 0,
            "next": next_url(request),
            "form": form or CodeForm(),
        }
        if key:
            context.update(qr=qr_svg(mfa.config_url(user, key)), secret=typed_secret(key))
        return super().get_context_data(**context, **kwargs)

    def post(self, request, *args, **kwargs):
        name = request.POST.get("op")
        handler = {"confirm": self._confirm, "start": self._start, "cancel": self._cancel, "renew": self._renew}.get(
            name
        )
        # Only someone who has just given their code may replace the authenticator or the codes.
        if handler is None or (name != "confirm" and not request.user.is_verified()):
            messages.error(request, _("无效的操作"))
            return redirect("mfa:setup")
        return handler(request)

    def _confirm(self, request):
        key = request.session.get(PENDING_KEY)
        form = CodeForm(request.POST)
        if form.is_valid() and key is None:
            form.add_error(None, _("二维码已过期，请重新扫描下面的新二维码"))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            device, codes = mfa.enrol(actor(request), request.user, key, form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
            return self.render_to_response(self.get_context_data(form=form))
        del request.session[PENDING_KEY]
        mark_verified(request, device)
        return self._show_codes(request, codes)

    def _start(self, request):
        request.session[PENDING_KEY] = mfa.new_key()
        return redirect("mfa:setup")

    def _cancel(self, request):
        request.session.pop(PENDING_KEY, None)
        return redirect("mfa:setup")

    def _renew(self, request):
        return self._show_codes(request, mfa.renew_recovery_codes(actor(request), request.user))

    def _show_codes(self, request, codes):
        request.session[NEW_CODES] = codes
        return redirect(f"{reverse('mfa:codes')}?{request.GET.urlencode()}")


@method_decorator(never_cache, name="dispatch")
class CodesView(TemplateView):
    """The new recovery codes, shown once, to print or copy."""

    permission_action = None
    template_name = "accounts/mfa_codes.html"

    def get(self, request, *args, **kwargs):
        codes = request.session.pop(NEW_CODES, None)
        if not codes:
            messages.info(request, _("恢复码只显示一次。如已遗失，可在本页重新生成。"))
            return redirect("mfa:setup")
        return self.render_to_response(self.get_context_data(codes=codes, next=next_url(request)))


class ResetView(ActionRequiredMixin, TemplateView):
    """A system administrator removes another user's second factor (after a confirmation
    page); the user enrols again at the next page they open."""

    permission_action = Action.USERS_MANAGE
    template_name = "accounts/mfa_reset.html"

    @cached_property
    def subject(self):
        return scoped_user(self.request, self.kwargs["pk"], Action.USERS_MANAGE)

    def get_context_data(self, **kwargs):
        subject = self.subject
        return super().get_context_data(
            subject=subject,
            enrolled=mfa.has_device(subject),
            allowed=mfa.can_reset(self.request.user, subject),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        subject = self.subject
        run_service(
            request,
            lambda: mfa.reset(actor(request), subject),
            _("已重置 %(u)s 的两步验证，该用户下次登录时需重新绑定手机验证器") % {"u": subject.username},
        )
        return redirect("accounts:user_detail", pk=subject.pk)
