"""Notice pages: the sender's list, the sending form, the receipt page (a notice's units, by
state, exported like any list), the recipient's inbox and the notice as they read it. Rows come
from `restrict()`; a recipient's copy is found among the user's own receipts only (404 else)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from lianxin.core.views import (
    ActionRequiredMixin,
    ObjectOperationsView,
    Operation,
    ScopedListView,
    ServiceFormView,
    actor,
    run_service,
)
from lianxin.notices import forms, services
from lianxin.notices.filters import InboxFilter, NoticeFilter, UnitFilter
from lianxin.notices.models import Notice, NoticeReceipt, NoticeUnit
from lianxin.notices.plugin import Action
from lianxin.notices.tables import InboxTable, NoticeTable, UnitTable
from lianxin.orgs.models import Org

READ, SEND = Action.NOTICES_READ, Action.NOTICES_SEND


class NoticeListView(ScopedListView):
    permission_action = SEND
    model = Notice
    table_class = NoticeTable
    filterset_class = NoticeFilter
    template_name = "notices/notice_list.html"
    title = gettext_lazy("发出的通知")
    export_filename = "发出的通知.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("org")


class SendView(ServiceFormView):
    permission_action = SEND
    form_class = forms.SendForm
    title = gettext_lazy("发通知")
    back_url = "notices:list"
    success_message = gettext_lazy("通知已发送")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"senders": services.senders(self.request.user)}

    def perform(self, actor, form):
        data = form.cleaned_data
        user = self.request.user
        sender = Org.objects.restrict(user, SEND).get(code=data["sender"])
        within = None
        if data["within"].strip():
            within = Org.objects.restrict(user, SEND).filter(code=data["within"].strip()).first()
            if within is None:
                raise ValidationError({"within": _("代码不是您范围内的单位")})
        files = [data["attachment"]] if data["attachment"] else []
        return services.send_notice(
            actor,
            sender,
            title=data["title"],
            body=data["body"],
            kinds=data["kinds"],
            roles=data["roles"],
            within=within,
            deadline=data["deadline"],
            reply=data["reply"],
            files=files,
        )


class ReceiptListView(ScopedListView):
    """A notice's receiving units with their state: counted in one aggregate, paginated."""

    permission_action = SEND
    model = NoticeUnit
    table_class = UnitTable
    filterset_class = UnitFilter
    template_name = "notices/notice_detail.html"
    export_filename = "通知阅办情况.xlsx"

    @cached_property
    def notice(self) -> Notice:
        found = Notice.objects.restrict(self.request.user, SEND).select_related("org", "sender")
        return get_object_or_404(found, pk=self.kwargs["pk"])

    @property
    def title(self):
        return self.notice.title

    def get_queryset(self):
        return super().get_queryset().filter(notice=self.notice).select_related("org__parent")

    def get_context_data(self, **kwargs):
        units = NoticeUnit.objects.filter(notice=self.notice)
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            notice=self.notice,
            page_query=f"{query.urlencode()}&" if query else "",
            counts=services.unit_counts(units),
            attachments=self.notice.attachments.filter(unit__isnull=True),
            **kwargs,
        )


class RemindView(ActionRequiredMixin, View):
    permission_action = SEND
    http_method_names = ["post"]

    def post(self, request, pk):
        notice = get_object_or_404(Notice.objects.restrict(request.user, SEND).select_related("org"), pk=pk)
        count = run_service(request, lambda: services.remind(actor(request), notice), _("已催办"))
        if count is not None:
            messages.info(
                request, _("本次提醒 %(n)d 人（今天已提醒过的不再重复）") % {"n": count if count is not True else 0}
            )
        return redirect(notice.get_absolute_url())


class InboxView(ScopedListView):
    permission_action = READ
    model = NoticeReceipt
    table_class = InboxTable
    filterset_class = InboxFilter
    title = gettext_lazy("收到的通知")
    export_filename = "收到的通知.xlsx"

    def get_queryset(self):
        mine = super().get_queryset().filter(user=self.request.user)
        return mine.select_related("notice__org", "unit__org")


class ReceivedView(ObjectOperationsView):
    """The notice as its recipient reads it; opening it marks it read."""

    permission_action = READ
    model = NoticeReceipt
    template_name = "notices/received.html"
    operations = {
        "reply": Operation(
            lambda actor, receipt, **data: services.reply(actor, receipt, **data),
            gettext_lazy("已回复"),
            READ,
            form=forms.ReplyForm,
            allowed=services.can_reply,
            inline=True,
        ),
    }

    def get_queryset(self):
        mine = super().get_queryset().filter(user=self.request.user)
        return mine.select_related("notice__org", "unit__org", "unit__replied_by")

    def get(self, request, *args, **kwargs):
        services.open_receipt(self.object)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        notice = self.object.notice
        files = notice.attachments.all()
        return super().get_context_data(
            notice=notice,
            attachments=[f for f in files if f.unit_id is None],
            returned=[f for f in files if f.unit_id == self.object.unit_id],
            **kwargs,
        )


class AttachmentView(ActionRequiredMixin, View):
    permission_action = READ

    def get(self, request, pk):
        attachment = services.attachment_for(request.user, pk)
        if attachment is None:
            raise Http404
        return attachment.download()
