"""党群连心: members' visits to households, matters escalated village → township → county,
branch consultations (支部会商), and the per-village summary rows the live board reads
(architecture §5). Households and members are the registers' (lianxin.registers); cadres'
areas, findings and weak branches are guidance's (lianxin.guidance)."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.attachments import AttachmentBase
from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager
from lianxin.liaison.choices import Category, Level, MatterStatus, Satisfaction, StepKind, VisitWay
from lianxin.orgs.rollups import CountyRollup


class Visit(OrgOwnedModel):
    """走访记录: one contact with a household; what was raised may become a matter."""

    household = models.ForeignKey(
        "registers.Household", verbose_name=_("农户"), on_delete=models.PROTECT, related_name="visits"
    )
    member = models.ForeignKey(
        "registers.PartyMember",
        verbose_name=_("走访党员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    date = models.DateField(_("走访日期"))
    way = models.CharField(_("方式"), max_length=10, choices=VisitWay.choices, default=VisitWay.DOOR)
    raised = models.TextField(_("反映情况"), blank=True)
    category = models.CharField(_("类别"), max_length=12, choices=Category.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    # Made on the phone when the visit is typed (offline queue, static/js/offline.js): the same
    # visit sent twice — a resend, two tabs — is one visit (the service answers the original).
    client_id = models.UUIDField(_("终端记录号"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "date"], name="visit_org_date")]
        constraints = [models.UniqueConstraint(fields=["created_by", "client_id"], name="one_visit_per_client_record")]

    def __str__(self):
        return f"{self.date} {self.household}"


class VisitPhoto(AttachmentBase):
    # No database constraint: see Matter.visit.
    visit = models.ForeignKey(
        Visit, verbose_name=_("走访记录"), on_delete=models.CASCADE, related_name="photos", db_constraint=False
    )

    scope_field = "visit__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("走访照片")
        verbose_name_plural = _("走访照片")


class Matter(OrgOwnedModel):
    """诉求事项: raised by a household, reported by the village, escalated to the township and the
    county when a level cannot settle it; each level has a time limit. The county may hand it to
    a responsible unit (责任单位, `unit`), which then handles it. The household's satisfaction is
    not the closer's word: the township asks the household in a return visit (`ReturnVisit`)."""

    household = models.ForeignKey(
        "registers.Household",
        verbose_name=_("农户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matters",
    )
    # No database constraint: PostgreSQL allows no foreign key to the partitioned visits table
    # (lianxin/liaison/partitions.py); Django applies SET_NULL itself.
    visit = models.OneToOneField(
        Visit,
        verbose_name=_("来源走访"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matter",
        db_constraint=False,
    )
    title = models.CharField(_("事项"), max_length=100)
    description = models.TextField(_("详情"), blank=True)
    category = models.CharField(_("类别"), max_length=12, choices=Category.choices, default=Category.LIVELIHOOD)
    level = models.CharField(_("办理层级"), max_length=10, choices=Level.choices, default=Level.VILLAGE)
    status = models.CharField(_("状态"), max_length=10, choices=MatterStatus.choices, default=MatterStatus.OPEN)
    deadline = models.DateField(_("本级办理时限"))
    reported_at = models.DateTimeField(_("报告时间"), default=timezone.now)
    escalated_at = models.DateTimeField(_("最近上报时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    resolution = models.TextField(_("办理结果"), blank=True)
    unit = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("责任单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handed_matters",
        limit_choices_to={"kind": "responsible_unit"},
    )

    class Meta:
        verbose_name = _("诉求事项")
        verbose_name_plural = _("诉求事项")
        ordering = ["-reported_at", "-id"]
        indexes = [models.Index(fields=["status", "deadline"], name="matter_status_deadline")]

    def get_absolute_url(self):
        return reverse("liaison:matter_detail", kwargs={"pk": self.pk})

    def __str__(self):
        return self.title

    def is_overdue_on(self, today: date) -> bool:
        return self.status == MatterStatus.OPEN and self.deadline < today

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def days_to_close(self) -> float | None:
        if self.closed_at is None:
            return None
        return (self.closed_at - self.reported_at) / timedelta(days=1)


class MatterStep(models.Model):
    """One step of a matter's path: reported, escalated, closed."""

    matter = models.ForeignKey(Matter, verbose_name=_("诉求事项"), on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("环节"), max_length=10, choices=StepKind.choices)
    level = models.CharField(_("办理层级"), max_length=10, choices=Level.choices)
    note = models.TextField(_("说明"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("经办人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)

    scope_field = "matter__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


class ReturnVisit(OrgOwnedModel):
    """回访: after a matter is closed, the township asks the household whether it is satisfied.
    The board's satisfaction figures count these, never a word of the cadre who closed it."""

    matter = models.OneToOneField(
        Matter, verbose_name=_("诉求事项"), on_delete=models.CASCADE, related_name="return_visit"
    )
    date = models.DateField(_("回访日期"))
    way = models.CharField(_("回访方式"), max_length=10, choices=VisitWay.choices, default=VisitWay.PHONE)
    satisfaction = models.CharField(_("群众满意度"), max_length=12, choices=Satisfaction.choices)
    opinion = models.TextField(_("群众意见"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("回访人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("回访记录")
        verbose_name_plural = _("回访记录")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.get_satisfaction_display()}"


class Consultation(OrgOwnedModel):
    """支部会商: a branch meeting that discusses matters and decides."""

    date = models.DateField(_("会商日期"))
    topic = models.CharField(_("议题"), max_length=200)
    attendees = models.TextField(_("参会人员"))
    decisions = models.TextField(_("会商决定"), blank=True)
    matters = models.ManyToManyField(Matter, verbose_name=_("涉及事项"), blank=True, related_name="consultations")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("支部会商")
        verbose_name_plural = _("支部会商")
        ordering = ["-date", "-id"]

    def get_absolute_url(self):
        return reverse("liaison:consultation_detail", kwargs={"pk": self.pk})

    def __str__(self):
        return f"{self.date} {self.topic}"


class FollowUp(models.Model):
    """A follow-up decided at a consultation: owner and deadline."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("支部会商"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    task = models.CharField(_("跟进事项"), max_length=200)
    owner = models.CharField(_("责任人"), max_length=50)
    deadline = models.DateField(_("完成时限"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    scope_field = "consultation__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("会商跟进")
        verbose_name_plural = _("会商跟进")
        ordering = ["deadline", "id"]

    def __str__(self):
        return self.task

    def is_overdue_on(self, today: date) -> bool:
        return self.done_on is None and self.deadline < today


class VillageLiaison(OrgOwnedModel):
    """Per-village summary row, kept current by the services in the same transaction as each
    change: the board groups these by code prefix instead of counting raw rows. `code` repeats
    the village's code so the GROUP BY needs no join."""

    code = models.CharField(_("代码"), max_length=16, db_index=True)
    households = models.PositiveIntegerField(_("户数"), default=0)
    linked_households = models.PositiveIntegerField(_("已联户数"), default=0)
    members = models.PositiveIntegerField(_("党员数"), default=0)
    matters_closed = models.PositiveIntegerField(_("已办结事项"), default=0)
    close_days_total = models.FloatField(_("办结总天数"), default=0)
    satisfied = models.PositiveIntegerField(_("满意"), default=0)
    basic = models.PositiveIntegerField(_("基本满意"), default=0)
    unsatisfied = models.PositiveIntegerField(_("不满意"), default=0)

    scope_field = "code"

    class Meta:
        verbose_name = _("村党群连心汇总")
        verbose_name_plural = _("村党群连心汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["org"], name="one_liaison_summary_per_village", violation_error_message=_("重复")
            )
        ]

    def __str__(self):
        return self.code


class VisitDay(OrgOwnedModel):
    """Visits per village per day, so 'last 7 / 30 days' is a sum over a few rows per village."""

    code = models.CharField(_("代码"), max_length=16)
    date = models.DateField(_("日期"))
    visits = models.PositiveIntegerField(_("走访次数"), default=0)

    scope_field = "code"

    class Meta:
        verbose_name = _("每日走访数")
        verbose_name_plural = _("每日走访数")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "date"], name="one_visit_day_per_village", violation_error_message=_("重复")
            )
        ]
        indexes = [models.Index(fields=["date", "code"], name="visitday_date_code")]

    def __str__(self):
        return f"{self.code} {self.date}"


class CountyLiaisonRollup(CountyRollup):
    """Per county: the figures the city and province boards show, as of `as_of`
    (lianxin/orgs/rollups.py, lianxin/liaison/rollups.py). They are the standing state, not a
    year's: every row has year 0 (`rollups.STANDING`)."""

    households = models.PositiveIntegerField(default=0)
    linked = models.PositiveIntegerField(default=0)
    members = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    close_days = models.FloatField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    basic = models.PositiveIntegerField(default=0)
    unsatisfied = models.PositiveIntegerField(default=0)
    visits_7 = models.PositiveIntegerField(default=0)
    visits_30 = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    consultations = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("县级党群连心汇总")
        verbose_name_plural = _("县级党群连心汇总")
        constraints = [
            models.UniqueConstraint(fields=["county_code", "year"], name="one_liaison_rollup_per_county_year")
        ]
