"""Happiness points (幸福积分) and the points shop (积分超市).

A township keeps a template rule book; each village copies it into its own book (`Rule` rows of
the village, `Scheme` holding the village's auto-approval threshold) and may then adjust it.
Clerks enter points per household (`Entry`, with an evidence photo); the secretary approves
those above the threshold. A household's `Account` holds its balance, changed only under a
row lock by an approval or a redemption, and the unguessable token of its public QR page.
The shop's goods come from donors or a fund (`Donation`, the 道德银行 ledger's inflow) and go
out by `Redemption`s that can neither overdraw the balance nor the stock."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.attachments import AttachmentBase
from lianxin.core.models import OrgOwnedModel, new_token
from lianxin.core.scope import ScopedManager
from lianxin.points.choices import EntryStatus, Period


class Scheme(OrgOwnedModel):
    """A village's points scheme: entries up to `auto_approve_up_to` points (either way) take
    effect at once; larger ones wait for the secretary."""

    auto_approve_up_to = models.PositiveSmallIntegerField(_("自动生效上限（分）"), default=5)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("积分方案")
        verbose_name_plural = _("积分方案")
        constraints = [
            models.UniqueConstraint(fields=["org"], name="one_points_scheme_per_village"),
        ]

    def __str__(self):
        return f"{self.org} · {_('积分方案')}"


class Rule(OrgOwnedModel):
    """An item of a rule book: a township's template or a village's own (copied from it)."""

    name = models.CharField(_("积分项目"), max_length=100)
    points = models.SmallIntegerField(_("分值"), help_text=_("加分为正，扣分为负"))
    limit = models.PositiveSmallIntegerField(_("每期次数上限"), null=True, blank=True)
    period = models.CharField(_("周期"), max_length=10, choices=Period.choices, default=Period.MONTH)
    active = models.BooleanField(_("启用"), default=True)
    source = models.ForeignKey(
        "self", verbose_name=_("模板条目"), null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )

    class Meta:
        verbose_name = _("积分规则")
        verbose_name_plural = _("积分规则")
        ordering = ["org__code", "-points", "name"]
        constraints = [
            models.UniqueConstraint(fields=["org", "name"], name="points_rule_name_per_book"),
            models.CheckConstraint(condition=~models.Q(points=0), name="points_rule_not_zero"),
        ]

    def __str__(self):
        return f"{self.name}（{self.points:+d}）"


class Account(OrgOwnedModel):
    """A household's points: its balance and the token of its public page (on its plaque)."""

    household = models.OneToOneField(
        "registers.Household", verbose_name=_("农户"), on_delete=models.PROTECT, related_name="points_account"
    )
    balance = models.IntegerField(_("积分余额"), default=0)
    token = models.CharField(_("二维码标识"), max_length=32, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("积分账户")
        verbose_name_plural = _("积分账户")
        ordering = ["org__code", "household__number"]

    def __str__(self):
        return str(self.household)

    def get_absolute_url(self):
        return reverse("points:account_detail", kwargs={"pk": self.pk})


class Entry(OrgOwnedModel):
    account = models.ForeignKey(Account, verbose_name=_("积分账户"), on_delete=models.PROTECT, related_name="entries")
    rule = models.ForeignKey(Rule, verbose_name=_("积分项目"), on_delete=models.PROTECT, related_name="entries")
    points = models.SmallIntegerField(_("分值"))
    date = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.PENDING)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reason = models.CharField(_("退回理由"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("积分记录")
        verbose_name_plural = _("积分记录")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["org", "status", "date"], name="points_entry_org_status_date"),
            models.Index(fields=["account", "rule", "date"], name="points_entry_account_rule"),
        ]

    def __str__(self):
        return f"{self.date} {self.account} {self.rule.name} {self.points:+d}"

    def get_absolute_url(self):
        return reverse("points:entry_detail", kwargs={"pk": self.pk})


class EntryPhoto(AttachmentBase):
    entry = models.ForeignKey(Entry, verbose_name=_("积分记录"), on_delete=models.CASCADE, related_name="photos")

    scope_field = "entry__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("积分佐证照片")
        verbose_name_plural = _("积分佐证照片")


class Goods(OrgOwnedModel):
    """An item of the village's points shop."""

    name = models.CharField(_("商品"), max_length=100)
    price = models.PositiveIntegerField(_("兑换积分"))
    stock = models.PositiveIntegerField(_("库存"), default=0)
    active = models.BooleanField(_("上架"), default=True)

    class Meta:
        verbose_name = _("积分超市商品")
        verbose_name_plural = _("积分超市商品")
        ordering = ["org__code", "price", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="points_goods_name_per_village")]

    def __str__(self):
        return self.name


class Donation(OrgOwnedModel):
    """道德银行 inflow: goods given by a donor or bought from a fund, adding to the stock."""

    goods = models.ForeignKey(Goods, verbose_name=_("商品"), on_delete=models.PROTECT, related_name="donations")
    quantity = models.PositiveIntegerField(_("数量"))
    donor = models.CharField(_("捐赠方/资金来源"), max_length=100)
    value = models.DecimalField(_("折合金额（元）"), max_digits=10, decimal_places=2, default=0)
    date = models.DateField(_("日期"))

    class Meta:
        verbose_name = _("入库（道德银行）")
        verbose_name_plural = _("入库（道德银行）")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.donor} {self.goods} ×{self.quantity}"


class Redemption(OrgOwnedModel):
    account = models.ForeignKey(
        Account, verbose_name=_("积分账户"), on_delete=models.PROTECT, related_name="redemptions"
    )
    goods = models.ForeignKey(Goods, verbose_name=_("商品"), on_delete=models.PROTECT, related_name="redemptions")
    quantity = models.PositiveIntegerField(_("数量"))
    points = models.PositiveIntegerField(_("消耗积分"))
    date = models.DateField(_("日期"))

    class Meta:
        verbose_name = _("积分兑换")
        verbose_name_plural = _("积分兑换")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.account} {self.goods} ×{self.quantity}"


from lianxin.points.categories import HouseholdCategory, RatedHousehold, Rating  # noqa: E402  (the app's models)

__all__ = [
    "Account",
    "Donation",
    "Entry",
    "EntryPhoto",
    "Goods",
    "HouseholdCategory",
    "RatedHousehold",
    "Rating",
    "Redemption",
    "Rule",
    "Scheme",
]
