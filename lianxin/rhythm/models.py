"""The county's floors for the bulletin, and each published bulletin with its figures kept as
computed (`figures`, JSON), so the archive shows what was published that week even after the
data moved on, and next week's bulletin compares with it."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.attachments import AttachmentBase
from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager, ScopedQuerySet, collapse_prefixes, scope_q
from lianxin.orgs.choices import CODE_LENGTH, OrgLevel
from lianxin.rhythm.choices import BulletinStatus

PERCENT = [MaxValueValidator(100)]


class RhythmConfig(OrgOwnedModel):
    """Floors a county (or city) sets for the ranked rates; a rate under its floor is red, one
    within `margin` points above it yellow. Without a row the defaults apply."""

    on_time_floor = models.PositiveSmallIntegerField(_("措施按期完成率底线（%）"), default=80, validators=PERCENT)
    in_time_floor = models.PositiveSmallIntegerField(_("事项及时办结率底线（%）"), default=92, validators=PERCENT)
    satisfaction_floor = models.PositiveSmallIntegerField(_("群众满意率底线（%）"), default=85, validators=PERCENT)
    coverage_floor = models.PositiveSmallIntegerField(_("联户覆盖率底线（%）"), default=90, validators=PERCENT)
    margin = models.PositiveSmallIntegerField(_("黄色预警幅度（百分点）"), default=5, validators=PERCENT)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("通报底线")
        verbose_name_plural = _("通报底线")
        constraints = [models.UniqueConstraint(fields=["org"], name="one_rhythm_config_per_org")]

    def __str__(self):
        return f"{self.org} 通报底线"


def bulletin_path(bulletin, filename: str) -> str:
    return f"bulletins/{uuid.uuid4().hex}.docx"


class ReadAboveQuerySet(ScopedQuerySet):
    def restrict(self, user, action: str):
        """The rows in the user's scope, and those of the county and city above it: a township
        reads the bulletin its county publishes about it and the meeting it is called to."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        prefixes = collapse_prefixes(user.scope_prefixes(action))
        if not prefixes:
            return self.none()
        above = {
            p[: CODE_LENGTH[level]]
            for p in prefixes
            for level in (OrgLevel.CITY, OrgLevel.COUNTY)
            if len(p) > CODE_LENGTH[level]
        }
        return self.filter(scope_q(prefixes, "org__code") | models.Q(org__code__in=above))


class Bulletin(OrgOwnedModel):
    """周通报 of a county or city (`org`) for the week starting `week_start` (a Monday)."""

    week_start = models.DateField(_("周一"))
    number = models.PositiveSmallIntegerField(_("期号"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=BulletinStatus.choices, default=BulletinStatus.QUEUED)
    percent = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    figures = models.JSONField(_("通报数据"), default=dict, blank=True)
    red_codes = models.JSONField(_("亮红灯的单位"), default=list, blank=True)
    file = models.FileField(_("Word 文件"), upload_to=bulletin_path, blank=True)
    error = models.TextField(_("失败原因"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = ScopedManager.from_queryset(ReadAboveQuerySet)()

    class Meta:
        verbose_name = _("周通报")
        verbose_name_plural = _("周通报")
        ordering = ["-week_start", "org__code"]
        constraints = [models.UniqueConstraint(fields=["org", "week_start"], name="one_bulletin_per_week")]

    def __str__(self):
        return f"{self.org.short_name} {self.title}"

    @property
    def title(self) -> str:
        return f"{self.week_start.year}年第{self.number}期"

    def get_absolute_url(self):
        return reverse("rhythm:bulletin_detail", kwargs={"pk": self.pk})

    @property
    def unfinished(self) -> bool:
        return self.status in (BulletinStatus.QUEUED, BulletinStatus.RUNNING)


class DispatchMeeting(OrgOwnedModel):
    """月调度会 of a county or city (`org`): who chaired, which units came and reported."""

    date = models.DateField(_("会议日期"))
    title = models.CharField(_("会议名称"), max_length=100)
    chair = models.CharField(_("主持人"), max_length=50)
    notes = models.TextField(_("会议纪要"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ScopedManager.from_queryset(ReadAboveQuerySet)()

    class Meta:
        verbose_name = _("月调度会")
        verbose_name_plural = _("月调度会")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("rhythm:meeting_detail", kwargs={"pk": self.pk})


class MeetingUnit(OrgOwnedModel):
    """One unit called to a meeting (`org`: a township or a task force): its progress report,
    pre-filled from its data and edited by the unit before the meeting, and whether it (its
    head, for a task force) attended and reported."""

    meeting = models.ForeignKey(
        DispatchMeeting, verbose_name=_("月调度会"), on_delete=models.CASCADE, related_name="units"
    )
    report = models.TextField(_("工作进展"), blank=True)
    report_updated_at = models.DateTimeField(_("进展更新时间"), null=True, blank=True)
    attended = models.BooleanField(_("参会"), default=False)
    head_attended = models.BooleanField(_("负责人参会"), default=False)
    reported = models.BooleanField(_("作汇报"), default=False)

    class Meta:
        verbose_name = _("参会单位")
        verbose_name_plural = _("参会单位")
        ordering = ["meeting", "org__code"]
        constraints = [models.UniqueConstraint(fields=["meeting", "org"], name="one_meeting_unit_per_org")]

    def __str__(self):
        return f"{self.meeting} · {self.org}"

    def get_absolute_url(self):
        return reverse("rhythm:meeting_unit", kwargs={"pk": self.pk})


class Decision(OrgOwnedModel):
    """A decision of a meeting, owned by a unit (`org`) with a deadline, tracked to done."""

    meeting = models.ForeignKey(
        DispatchMeeting, verbose_name=_("月调度会"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("议定事项"))
    deadline = models.DateField(_("完成时限"))
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    done_note = models.TextField(_("完成情况"), blank=True)

    class Meta:
        verbose_name = _("议定事项")
        verbose_name_plural = _("议定事项")
        ordering = ["done_at", "deadline", "id"]
        indexes = [models.Index(fields=["done_at", "deadline"], name="decision_open_deadline")]

    def __str__(self):
        return self.text[:40]

    def get_absolute_url(self):
        return reverse("rhythm:decision_detail", kwargs={"pk": self.pk})

    def is_overdue_on(self, today) -> bool:
        return self.done_at is None and self.deadline < today


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("每月至少一次")
    QUARTERLY = "quarterly", _("每季度至少一次")


class LeaderDuty(OrgOwnedModel):
    """A leader's duty a county (`org`) sets itself, with how often it must be done: the party
    secretary's quarterly research, the department head's monthly special meeting, the task
    forces' joint meetings."""

    title = models.CharField(_("责任事项"), max_length=100)
    holder = models.CharField(_("责任人"), max_length=50)
    frequency = models.CharField(_("频次"), max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("领导责任")
        verbose_name_plural = _("领导责任")
        ordering = ["org__code", "id"]

    def __str__(self):
        return f"{self.holder}：{self.title}"

    def get_absolute_url(self):
        return reverse("rhythm:duty_detail", kwargs={"pk": self.pk})


class DutyOccurrence(models.Model):
    """One time a duty was done (a research session, a meeting)."""

    duty = models.ForeignKey(
        LeaderDuty, verbose_name=_("领导责任"), on_delete=models.CASCADE, related_name="occurrences"
    )
    date = models.DateField(_("日期"))
    note = models.CharField(_("内容"), max_length=300)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    scope_field = "duty__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("履责记录")
        verbose_name_plural = _("履责记录")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["duty", "date"], name="duty_occurrence_date")]

    def __str__(self):
        return f"{self.date} {self.note[:30]}"


class ObservationTour(OrgOwnedModel):
    """季观摩: a county's (or city's) tour of chosen sites in order on one day."""

    date = models.DateField(_("观摩日期"))
    title = models.CharField(_("名称"), max_length=100)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ScopedManager.from_queryset(ReadAboveQuerySet)()

    class Meta:
        verbose_name = _("季度观摩")
        verbose_name_plural = _("季度观摩")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("rhythm:tour_detail", kwargs={"pk": self.pk})


class TourSite(OrgOwnedModel):
    """One stop of a tour (`org`: the village or township observed), in order."""

    tour = models.ForeignKey(ObservationTour, verbose_name=_("观摩"), on_delete=models.CASCADE, related_name="sites")
    order = models.PositiveSmallIntegerField(_("顺序"))

    class Meta:
        verbose_name = _("观摩点")
        verbose_name_plural = _("观摩点")
        ordering = ["tour", "order"]
        constraints = [models.UniqueConstraint(fields=["tour", "org"], name="one_site_per_tour_org")]

    def __str__(self):
        return f"{self.order}. {self.org}"

    def get_absolute_url(self):
        return reverse("rhythm:site_score", kwargs={"pk": self.pk})


class SiteScore(models.Model):
    """A participant's observation sheet for one site: a score out of 100 and a remark."""

    site = models.ForeignKey(TourSite, verbose_name=_("观摩点"), on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评分人"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("得分"), validators=PERCENT)
    remark = models.CharField(_("点评"), max_length=300, blank=True)
    scored_at = models.DateTimeField(_("评分时间"), auto_now=True)

    class Meta:
        verbose_name = _("观摩评分")
        verbose_name_plural = _("观摩评分")
        constraints = [models.UniqueConstraint(fields=["site", "scorer"], name="one_score_per_site_scorer")]

    def __str__(self):
        return f"{self.site} {self.score}"


class SitePhoto(AttachmentBase):
    site = models.ForeignKey(TourSite, verbose_name=_("观摩点"), on_delete=models.CASCADE, related_name="photos")

    class Meta:
        verbose_name = _("观摩照片")
        verbose_name_plural = _("观摩照片")
        ordering = ["id"]
