"""党群连心: households and party members, member–household links (党员联户), visits, matters
escalated village → township → county, cadre areas (干部包片) with guidance findings, branch
consultations (支部会商), weak branches (软弱涣散), and the per-village summary rows the live
board reads (architecture §5)."""

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.attachments import AttachmentBase
from lianxin.core.models import OrgOwnedModel
from lianxin.core.personal import id_card_validator, mobile_validator, phone_validator
from lianxin.core.scope import ScopedManager
from lianxin.liaison.choices import (
    BranchCategory,
    Category,
    FindingStatus,
    Gender,
    Level,
    MatterStatus,
    Satisfaction,
    StepKind,
    VisitWay,
    WeakStatus,
)

# Personal-data fields per model (security.md item 13). tests/test_personal.py pins this map:
# adding a field here, or a model field that holds personal data, is a reviewed act.
PERSONAL_FIELDS = {
    "Household": ("head_name", "head_id_number", "phone", "address"),
    "PartyMember": ("name", "id_number", "mobile", "birth_date"),
    "Cadre": ("name", "mobile"),
}


class Household(OrgOwnedModel):
    """A household (户) of a village, identified by its number within the village."""

    number = models.CharField(_("户号"), max_length=20)
    head_name = models.CharField(_("户主姓名"), max_length=50)
    head_id_number = models.CharField(_("户主身份证号"), max_length=18, blank=True, validators=[id_card_validator])
    size = models.PositiveSmallIntegerField(
        _("家庭人口"), default=1, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    group = models.CharField(_("村民组"), max_length=30, blank=True)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=13, blank=True, validators=[phone_validator])
    tags = models.CharField(
        _("标签"), max_length=100, blank=True, help_text=_("如 低保户、独居老人、脱贫户，用顿号分隔")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("农户")
        verbose_name_plural = _("农户")
        ordering = ["org__code", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "number"],
                name="household_number_per_village",
                violation_error_message=_("本村已有该户号"),
            )
        ]

    def get_absolute_url(self):
        return reverse("liaison:household_detail", kwargs={"pk": self.pk})

    def __str__(self):
        return f"{self.number} {self.head_name}"

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split("、") if t]


class PartyMember(OrgOwnedModel):
    """A party member (党员) of a village branch."""

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("出生日期"))
    joined_on = models.DateField(_("入党日期"), null=True, blank=True)
    post = models.CharField(_("党内职务"), max_length=50, blank=True)
    mobile = models.CharField(_("手机号"), max_length=11, blank=True, validators=[mobile_validator])
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[id_card_validator])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="party_members",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        ordering = ["org__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "name", "birth_date"],
                name="member_per_branch",
                violation_error_message=_("本支部已有同名同生日的党员"),
            )
        ]

    def get_absolute_url(self):
        return reverse("liaison:member_detail", kwargs={"pk": self.pk})

    def __str__(self):
        return self.name

    def age_on(self, today: date) -> int:
        return (
            today.year
            - self.birth_date.year
            - ((today.month, today.day) < (self.birth_date.month, self.birth_date.day))
        )

    @property
    def under_35(self) -> bool:
        return self.age_on(timezone.localdate()) < 35


def born_after_for_under_35(today: date) -> date:
    """Members born after this date are under 35 on `today`."""
    try:
        return today.replace(year=today.year - 35)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 35, day=28)


class HouseholdLink(OrgOwnedModel):
    """党员联户: a member answerable for a household. A household has at most one member."""

    member = models.ForeignKey(PartyMember, verbose_name=_("联户党员"), on_delete=models.CASCADE, related_name="links")
    household = models.ForeignKey(Household, verbose_name=_("农户"), on_delete=models.CASCADE, related_name="links")
    linked_on = models.DateField(_("联户日期"), default=timezone.localdate)

    class Meta:
        verbose_name = _("党员联户")
        verbose_name_plural = _("党员联户")
        ordering = ["member", "household__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], name="one_member_per_household", violation_error_message=_("该户已有联户党员")
            )
        ]

    def __str__(self):
        return f"{self.member} → {self.household}"


class Visit(OrgOwnedModel):
    """走访记录: one contact with a household; what was raised may become a matter."""

    household = models.ForeignKey(Household, verbose_name=_("农户"), on_delete=models.PROTECT, related_name="visits")
    member = models.ForeignKey(
        PartyMember, verbose_name=_("走访党员"), null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    date = models.DateField(_("走访日期"))
    way = models.CharField(_("方式"), max_length=10, choices=VisitWay.choices, default=VisitWay.DOOR)
    raised = models.TextField(_("反映情况"), blank=True)
    category = models.CharField(_("类别"), max_length=12, choices=Category.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "date"], name="visit_org_date")]

    def __str__(self):
        return f"{self.date} {self.household}"


class VisitPhoto(AttachmentBase):
    visit = models.ForeignKey(Visit, verbose_name=_("走访记录"), on_delete=models.CASCADE, related_name="photos")

    scope_field = "visit__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("走访照片")
        verbose_name_plural = _("走访照片")


class Matter(OrgOwnedModel):
    """诉求事项: raised by a household, reported by the village, escalated to the township and the
    county when a level cannot settle it; each level has a time limit; satisfaction at closing."""

    household = models.ForeignKey(
        Household, verbose_name=_("农户"), null=True, blank=True, on_delete=models.PROTECT, related_name="matters"
    )
    visit = models.OneToOneField(
        Visit, verbose_name=_("来源走访"), null=True, blank=True, on_delete=models.SET_NULL, related_name="matter"
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
    satisfaction = models.CharField(_("群众满意度"), max_length=12, choices=Satisfaction.choices, blank=True)

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


class Cadre(OrgOwnedModel):
    """An organisation cadre (组工干部) of a county (or city) organisation department."""

    name = models.CharField(_("姓名"), max_length=50)
    unit = models.CharField(_("单位"), max_length=100, blank=True)
    post = models.CharField(_("职务"), max_length=50, blank=True)
    mobile = models.CharField(_("手机号"), max_length=11, blank=True, validators=[mobile_validator])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("组工干部")
        verbose_name_plural = _("组工干部")
        ordering = ["org__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "name"], name="cadre_name_per_org", violation_error_message=_("已有同名干部")
            )
        ]

    def __str__(self):
        return self.name


class AreaAssignment(OrgOwnedModel):
    """干部包片 / 包乡联村: a cadre answerable for an area — a township or one branch — in a year.
    `org` is the area, so the township sees who covers it and its villages."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("包片干部"), on_delete=models.PROTECT, related_name="assignments")
    year = models.PositiveSmallIntegerField(_("年度"))
    category = models.CharField(_("类型"), max_length=10, choices=BranchCategory.choices)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("干部包片")
        verbose_name_plural = _("干部包片")
        ordering = ["-year", "cadre__name", "org__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "org", "year"],
                name="one_assignment_per_area_year",
                violation_error_message=_("该干部本年度已包联此处"),
            )
        ]

    def __str__(self):
        return f"{self.cadre} · {self.org}"


class GuidanceVisit(OrgOwnedModel):
    """A cadre's guidance visit (指导走访) to an area."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("干部"), on_delete=models.PROTECT, related_name="guidance_visits")
    date = models.DateField(_("日期"))
    notes = models.TextField(_("指导情况"), blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("指导走访")
        verbose_name_plural = _("指导走访")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.cadre} · {self.org}"


class Finding(OrgOwnedModel):
    """A problem a cadre found: it goes to the township secretary and stays open until the
    township reports it rectified and the cadre's side confirms."""

    guidance_visit = models.ForeignKey(
        GuidanceVisit, verbose_name=_("指导走访"), on_delete=models.CASCADE, related_name="findings"
    )
    description = models.TextField(_("发现问题"))
    deadline = models.DateField(_("整改时限"))
    status = models.CharField(_("状态"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    rectification = models.TextField(_("整改情况"), blank=True)
    rectified_at = models.DateTimeField(_("报整改时间"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)

    class Meta:
        verbose_name = _("发现问题")
        verbose_name_plural = _("发现问题")
        ordering = ["status", "deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"], name="finding_status_deadline")]

    def get_absolute_url(self):
        return reverse("liaison:finding_detail", kwargs={"pk": self.pk})

    def __str__(self):
        return self.description[:40]

    def is_overdue_on(self, today: date) -> bool:
        return self.status != FindingStatus.CONFIRMED and self.deadline < today

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


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


class WeakBranch(OrgOwnedModel):
    """软弱涣散: a branch listed for rectification in a year, until delisted."""

    year = models.PositiveSmallIntegerField(_("年度"))
    reasons = models.TextField(_("软弱涣散表现"))
    measures = models.TextField(_("整顿措施"), blank=True)
    cadre = models.ForeignKey(
        Cadre, verbose_name=_("包联干部"), null=True, blank=True, on_delete=models.PROTECT, related_name="weak_branches"
    )
    status = models.CharField(_("状态"), max_length=10, choices=WeakStatus.choices, default=WeakStatus.LISTED)
    delisted_on = models.DateField(_("摘帽日期"), null=True, blank=True)
    delist_note = models.TextField(_("摘帽说明"), blank=True)

    class Meta:
        verbose_name = _("软弱涣散党组织")
        verbose_name_plural = _("软弱涣散党组织")
        ordering = ["-year", "org__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"],
                name="one_weak_listing_per_year",
                violation_error_message=_("该支部本年度已列入"),
            )
        ]

    def get_absolute_url(self):
        return reverse("liaison:weak_detail", kwargs={"pk": self.pk})

    def __str__(self):
        return f"{self.year} {self.org}"


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
