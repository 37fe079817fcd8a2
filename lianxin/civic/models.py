"""Village civic life: disputes (矛盾纠纷) from intake through mediation and counselling to an
outcome, with a time limit; the monthly three-zero report (三零: petitions, incidents, cases)
of each village; and volunteer service (志愿服务): volunteers, teams, activities and the hours
signed in for them."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.civic.choices import (
    CampaignStatus,
    DisputeKind,
    DisputeStatus,
    Outcome,
    ServiceKind,
    SessionKind,
    Voting,
)
from lianxin.core.attachments import AttachmentBase
from lianxin.core.models import OrgOwnedModel, new_token
from lianxin.core.scope import ScopedManager


class Dispute(OrgOwnedModel):
    households = models.ManyToManyField(
        "registers.Household", verbose_name=_("当事农户"), blank=True, related_name="disputes"
    )
    parties = models.CharField(
        _("当事人"), max_length=200, help_text=_("不在农户台账中的当事人，用顿号分隔"), blank=True
    )
    kind = models.CharField(_("类型"), max_length=10, choices=DisputeKind.choices)
    place = models.CharField(_("发生地点"), max_length=100, blank=True)
    description = models.TextField(_("纠纷情况"))
    mediator = models.CharField(_("调解员"), max_length=50)
    counselling = models.BooleanField(_("需心理疏导"), default=False)
    received_on = models.DateField(_("受理日期"))
    deadline = models.DateField(_("办结时限"))
    status = models.CharField(_("状态"), max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.MEDIATING)
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    result = models.TextField(_("办理结果"), blank=True)
    matter_id = models.PositiveIntegerField(_("转连心事项"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("矛盾纠纷")
        verbose_name_plural = _("矛盾纠纷")
        ordering = ["status", "deadline", "-id"]
        indexes = [models.Index(fields=["org", "closed_on"], name="civic_dispute_org_closed")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=DisputeStatus.MEDIATING, closed_on__isnull=True)
                | models.Q(status=DisputeStatus.CLOSED, closed_on__isnull=False) & ~models.Q(outcome=""),
                name="civic_dispute_closed_with_outcome",
            )
        ]

    def __str__(self):
        return f"{self.received_on} {self.get_kind_display()} {self.parties or ''}".strip()

    def get_absolute_url(self):
        return reverse("civic:dispute_detail", kwargs={"pk": self.pk})

    def is_overdue_on(self, today: date) -> bool:
        return self.status == DisputeStatus.MEDIATING and self.deadline < today

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class Session(models.Model):
    """A mediation or counselling session (调解 / 心理疏导) of a dispute."""

    dispute = models.ForeignKey(Dispute, verbose_name=_("纠纷"), on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("类型"), max_length=12, choices=SessionKind.choices)
    date = models.DateField(_("日期"))
    note = models.TextField(_("情况"))

    scope_field = "dispute__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("调解/疏导记录")
        verbose_name_plural = _("调解/疏导记录")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class Agreement(AttachmentBase):
    """The signed mediation agreement (调解协议书), a scan or photo."""

    dispute = models.ForeignKey(Dispute, verbose_name=_("纠纷"), on_delete=models.CASCADE, related_name="agreements")

    scope_field = "dispute__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("调解协议")
        verbose_name_plural = _("调解协议")


class ZeroReport(OrgOwnedModel):
    """A village's month for the three zeros (三零): petitions beyond the village, incidents and
    criminal cases. A month of three zeros is a 三零 month."""

    month = models.DateField(_("月份"), help_text=_("该月1日"))
    petitions = models.PositiveSmallIntegerField(_("越级上访（起）"), default=0)
    incidents = models.PositiveSmallIntegerField(_("安全事故（起）"), default=0)
    cases = models.PositiveSmallIntegerField(_("刑事案件（起）"), default=0)

    class Meta:
        verbose_name = _("三零月报")
        verbose_name_plural = _("三零月报")
        ordering = ["-month", "org__code"]
        constraints = [models.UniqueConstraint(fields=["org", "month"], name="one_zero_report_per_month")]
        indexes = [models.Index(fields=["month", "org"], name="civic_zero_month_org")]

    def __str__(self):
        return f"{self.org} {self.month:%Y-%m}"

    @property
    def three_zero(self) -> bool:
        return not (self.petitions or self.incidents or self.cases)


class Team(OrgOwnedModel):
    name = models.CharField(_("队伍名称"), max_length=100)
    kind = models.CharField(_("服务类型"), max_length=12, choices=ServiceKind.choices)

    class Meta:
        verbose_name = _("志愿服务队")
        verbose_name_plural = _("志愿服务队")
        ordering = ["org__code", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="civic_team_name_per_village")]

    def __str__(self):
        return self.name


class Volunteer(OrgOwnedModel):
    """A volunteer: a party member of the branch, or a resident. Hours from before the system
    (`prior_hours`, since `since`) count toward the lifetime total."""

    name = models.CharField(_("姓名"), max_length=50)
    member = models.ForeignKey(
        "registers.PartyMember",
        verbose_name=_("党员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    teams = models.ManyToManyField(Team, verbose_name=_("所在队伍"), blank=True, related_name="volunteers")
    skills = models.CharField(_("服务特长"), max_length=100, blank=True)
    since = models.PositiveSmallIntegerField(_("开始服务年份"), null=True, blank=True)
    prior_hours = models.PositiveIntegerField(_("此前累计时长（小时）"), default=0)

    class Meta:
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        ordering = ["org__code", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="civic_volunteer_name_per_village")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("civic:volunteer_detail", kwargs={"pk": self.pk})


class Activity(OrgOwnedModel):
    team = models.ForeignKey(Team, verbose_name=_("服务队"), on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("活动"), max_length=100)
    date = models.DateField(_("日期"))
    beneficiaries = models.PositiveIntegerField(_("服务对象（人次）"), default=0)
    beneficiaries_note = models.CharField(_("服务对象说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("志愿服务活动")
        verbose_name_plural = _("志愿服务活动")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.title}"

    def get_absolute_url(self):
        return reverse("civic:activity_sign_in", kwargs={"pk": self.pk})


class SignIn(models.Model):
    """A volunteer's hours at an activity (签到), once per activity."""

    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="sign_ins")
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("志愿者"), on_delete=models.PROTECT, related_name="sign_ins"
    )
    hours = models.DecimalField(_("服务时长（小时）"), max_digits=5, decimal_places=1)
    signed_at = models.DateTimeField(_("签到时间"), default=timezone.now)

    scope_field = "activity__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("志愿服务签到")
        verbose_name_plural = _("志愿服务签到")
        constraints = [
            models.UniqueConstraint(fields=["activity", "volunteer"], name="civic_one_sign_in_per_activity"),
            models.CheckConstraint(condition=models.Q(hours__gt=0, hours__lte=24), name="civic_sign_in_hours"),
        ]

    def __str__(self):
        return f"{self.activity} {self.volunteer}"


class Arrival(models.Model):
    """A volunteer signed in on the phone at an activity and not signed out yet; signing out
    turns it into the `SignIn` with the hours between the two."""

    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="arrivals")
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("志愿者"), on_delete=models.CASCADE, related_name="arrivals"
    )
    arrived_at = models.DateTimeField(_("签到时间"), default=timezone.now)

    scope_field = "activity__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("志愿服务到场")
        verbose_name_plural = _("志愿服务到场")
        constraints = [models.UniqueConstraint(fields=["activity", "volunteer"], name="civic_one_arrival_per_activity")]

    def __str__(self):
        return f"{self.activity} {self.volunteer}"


class Campaign(OrgOwnedModel):
    """A selection of model people (先进人物评选) by a village or township in a year, in
    categories such as 好媳妇、好公婆、致富能手; votes by a committee or by residents."""

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("评选活动"), max_length=100)
    categories = models.CharField(_("评选类别"), max_length=200, help_text=_("用顿号分隔，如 好媳妇、好公婆、致富能手"))
    voting = models.CharField(_("投票方式"), max_length=10, choices=Voting.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.NOMINATING
    )
    publicity_until = models.DateField(_("公示截止"), null=True, blank=True)
    token = models.CharField(_("公开页标识"), max_length=32, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("先进人物评选")
        verbose_name_plural = _("先进人物评选")
        ordering = ["-year", "org__code", "id"]

    def __str__(self):
        return f"{self.year} {self.title}"

    def get_absolute_url(self):
        return reverse("civic:campaign_detail", kwargs={"pk": self.pk})

    @property
    def category_list(self) -> list[str]:
        return [c for c in self.categories.split("、") if c]


class Nomination(models.Model):
    campaign = models.ForeignKey(Campaign, verbose_name=_("评选"), on_delete=models.CASCADE, related_name="nominations")
    category = models.CharField(_("类别"), max_length=20)
    name = models.CharField(_("姓名"), max_length=50)
    household = models.ForeignKey(
        "registers.Household",
        verbose_name=_("所在农户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("推荐事迹"))
    selected = models.BooleanField(_("当选"), default=False)

    scope_field = "campaign__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("推荐人选")
        verbose_name_plural = _("推荐人选")
        ordering = ["campaign", "category", "id"]

    def __str__(self):
        return f"{self.category} {self.name}"


class Vote(models.Model):
    """One vote in a category: by a household (村民投票, one per household and category) or by a
    committee member's account (评议委员会)."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("评选"), on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(Nomination, verbose_name=_("人选"), on_delete=models.CASCADE, related_name="votes")
    category = models.CharField(_("类别"), max_length=20)
    household = models.ForeignKey(
        "registers.Household",
        verbose_name=_("投票农户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评议委员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_field = "campaign__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("投票")
        verbose_name_plural = _("投票")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "category", "household"],
                condition=models.Q(household__isnull=False),
                name="civic_one_vote_per_household",
                violation_error_message=_("该户已在此类别投票"),
            ),
            models.UniqueConstraint(
                fields=["campaign", "category", "voter"],
                condition=models.Q(voter__isnull=False),
                name="civic_one_vote_per_committee_member",
            ),
            models.CheckConstraint(
                condition=models.Q(household__isnull=False, voter__isnull=True)
                | models.Q(household__isnull=True, voter__isnull=False),
                name="civic_vote_by_household_or_member",
            ),
        ]

    def __str__(self):
        return f"{self.nomination}"


class Objection(models.Model):
    """An objection lodged against a selected person during the publicity."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("人选"), on_delete=models.CASCADE, related_name="objections"
    )
    content = models.TextField(_("异议内容"))
    lodged_at = models.DateTimeField(_("提出时间"), default=timezone.now)

    scope_field = "nomination__campaign__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("评选异议")
        verbose_name_plural = _("评选异议")

    def __str__(self):
        return self.content[:40]
