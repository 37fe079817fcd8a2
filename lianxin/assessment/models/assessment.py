"""The county's daily assessment (日常考核): a scheme per county and year (dimensions with
weights per subject kind, scoring items, periods), the subjects it scores (task forces,
township and village secretaries, star leaders — each tied to the org it answers for), the
scores per period with per-item points, evidence and comments, the task forces' monthly
meetings (from which the head's attendance is filled in) and the outcome of a locked year score.

Every row reaches a division code (`scope_field`), so it is read through `restrict()`."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.assessment.choices import AutoSource, Dimension, Grade, PeriodKind, ScoreStatus, SubjectKind
from lianxin.assessment.models.scoping import CountyRowsManager
from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager


class Scheme(OrgOwnedModel):
    """《日常考核评估办法》 of a county (`org`) for a year."""

    year = models.PositiveSmallIntegerField(_("年度"))
    name = models.CharField(_("名称"), max_length=100)
    period_kind = models.CharField(_("考核周期"), max_length=10, choices=PeriodKind.choices[:2])
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = CountyRowsManager()

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-year", "org__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"],
                name="one_scheme_per_county_year",
                violation_error_message=_("本年度已有考核方案"),
            )
        ]

    def __str__(self):
        return f"{self.year} {self.name}"

    def get_absolute_url(self):
        return reverse("assessment:scheme_detail", kwargs={"pk": self.pk})


class SchemeDimension(models.Model):
    """One of the five dimensions for one subject kind, with its weight (percent)."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("考核方案"), on_delete=models.CASCADE, related_name="dimensions")
    subject_kind = models.CharField(_("考核对象"), max_length=20, choices=SubjectKind.choices)
    dimension = models.CharField(_("维度"), max_length=20, choices=Dimension.choices)
    weight = models.PositiveSmallIntegerField(_("权重（%）"))

    scope_field = "scheme__org__code"
    objects = CountyRowsManager()

    class Meta:
        verbose_name = _("考核维度")
        verbose_name_plural = _("考核维度")
        ordering = ["scheme", "subject_kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "subject_kind", "dimension"], name="one_dimension_per_kind")
        ]

    def __str__(self):
        return f"{self.get_subject_kind_display()} · {self.get_dimension_display()}"


class ScoringItem(models.Model):
    """A scoring item of a dimension: its max points and the evidence asked for. An item with an
    `auto_source` is filled in from data, not by the scorer; from a computed indicator of the
    core's registry (`indicator_code`, e.g. the villages' observation score) when the source is
    `indicator`."""

    dimension = models.ForeignKey(
        SchemeDimension, verbose_name=_("维度"), on_delete=models.CASCADE, related_name="items"
    )
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("评分项"), max_length=200)
    max_points = models.DecimalField(_("满分"), max_digits=5, decimal_places=1)
    evidence = models.CharField(_("佐证材料要求"), max_length=200, blank=True)
    auto_source = models.CharField(_("来源"), max_length=20, choices=AutoSource.choices, blank=True, default="")
    indicator_code = models.CharField(_("系统计算指标"), max_length=60, blank=True, default="")

    scope_field = "dimension__scheme__org__code"
    objects = CountyRowsManager()

    class Meta:
        verbose_name = _("评分项")
        verbose_name_plural = _("评分项")
        ordering = ["dimension", "number"]
        constraints = [models.UniqueConstraint(fields=["dimension", "number"], name="one_item_number_per_dimension")]

    def __str__(self):
        return self.title


class Period(models.Model):
    """A month or quarter of the scheme's year (`number` 1–12 or 1–4), or the year (`number` 0)."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("考核方案"), on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("周期"), max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("期次"))
    start = models.DateField(_("开始"))
    end = models.DateField(_("结束"))
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)

    scope_field = "scheme__org__code"
    objects = CountyRowsManager()

    class Meta:
        verbose_name = _("考核周期")
        verbose_name_plural = _("考核周期")
        ordering = ["scheme", "start", "-end"]
        constraints = [models.UniqueConstraint(fields=["scheme", "kind", "number"], name="one_period_per_number")]

    def __str__(self):
        year = self.scheme.year
        if self.kind == PeriodKind.YEAR:
            return _("%(year)s年度") % {"year": year}
        if self.kind == PeriodKind.QUARTER:
            return _("%(year)s年第%(n)s季度") % {"year": year, "n": self.number}
        return _("%(year)s年%(n)s月") % {"year": year, "n": self.number}

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Subject(OrgOwnedModel):
    """Who is assessed: a task force (`org` is the task force), a township secretary (`org` the
    township), a village secretary (`org` the village) or a village's star leader for one star.
    `name` is the person now in the post; `user` their login, for their knowledge tests."""

    kind = models.CharField(_("考核对象类别"), max_length=20, choices=SubjectKind.choices)
    name = models.CharField(_("姓名/名称"), max_length=50)
    star = models.CharField(_("所领星"), max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("考核对象")
        verbose_name_plural = _("考核对象")
        ordering = ["kind", "org__code", "star"]
        constraints = [models.UniqueConstraint(fields=["org", "kind", "star"], name="one_subject_per_post")]
        indexes = [models.Index(fields=["kind", "org"], name="subject_kind_org")]

    def __str__(self):
        return f"{self.org} · {self.name}" if self.kind != SubjectKind.TASK_FORCE else self.name

    def get_absolute_url(self):
        return reverse("assessment:subject_detail", kwargs={"pk": self.pk})


class Score(OrgOwnedModel):
    """A subject's score for one period: `org` is the subject's, `total` the weighted sum."""

    period = models.ForeignKey(Period, verbose_name=_("考核周期"), on_delete=models.PROTECT, related_name="scores")
    subject = models.ForeignKey(Subject, verbose_name=_("考核对象"), on_delete=models.PROTECT, related_name="scores")
    kind = models.CharField(_("考核对象类别"), max_length=20, choices=SubjectKind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=ScoreStatus.choices, default=ScoreStatus.DRAFT)
    total = models.DecimalField(_("得分"), max_digits=6, decimal_places=2, default=Decimal("0"))
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评分人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    returned_once = models.BooleanField(_("已退回过"), default=False)
    return_reason = models.TextField(_("退回理由"), blank=True)
    # Kept by services.ranking when the period closes (or the office refreshes the ranking):
    # among the county's subjects of the kind, within the township (village kinds), and the
    # places gained since the previous period (negative: lost).
    county_rank = models.PositiveIntegerField(_("县内排名"), null=True, blank=True)
    township_rank = models.PositiveIntegerField(_("乡镇内排名"), null=True, blank=True)
    movement = models.IntegerField(_("名次变化"), null=True, blank=True)

    class Meta:
        verbose_name = _("考核评分")
        verbose_name_plural = _("考核评分")
        ordering = ["period", "kind", "-total"]
        constraints = [models.UniqueConstraint(fields=["period", "subject"], name="one_score_per_period")]
        indexes = [
            models.Index(fields=["period", "kind", "org"], name="score_period_kind_org"),
            models.Index(fields=["kind", "county_rank"], name="score_kind_rank"),
        ]

    def __str__(self):
        return f"{self.period} · {self.subject}"

    def get_absolute_url(self):
        return reverse("assessment:score_detail", kwargs={"pk": self.pk})


class ItemScore(models.Model):
    """Points for one scoring item, with evidence and comment; `auto` when filled from data."""

    score = models.ForeignKey(Score, verbose_name=_("考核评分"), on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(ScoringItem, verbose_name=_("评分项"), on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("得分"), max_digits=5, decimal_places=1)
    evidence = models.CharField(_("佐证材料"), max_length=300, blank=True)
    comment = models.CharField(_("评语"), max_length=300, blank=True)
    auto = models.BooleanField(_("自动计算"), default=False)

    scope_field = "score__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("评分项得分")
        verbose_name_plural = _("评分项得分")
        ordering = ["score", "item"]
        constraints = [models.UniqueConstraint(fields=["score", "item"], name="one_points_per_item")]

    def __str__(self):
        return f"{self.item}: {self.points}"


class Meeting(OrgOwnedModel):
    """A task force's monthly meeting (专班例会): `org` is the task force."""

    date = models.DateField(_("日期"))
    attendees = models.TextField(_("参会人员"))
    head_attended = models.BooleanField(_("一把手参加并汇报"))
    progress = models.TextField(_("汇报进展"), blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("专班例会")
        verbose_name_plural = _("专班例会")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "date"], name="meeting_org_date")]

    def __str__(self):
        return f"{self.date} {self.org}"


class Outcome(OrgOwnedModel):
    """What a locked year score leads to (评优评先, 提拔参考, 绩效 grade) for one subject."""

    score = models.OneToOneField(Score, verbose_name=_("年度评分"), on_delete=models.PROTECT, related_name="outcome")
    award = models.BooleanField(_("评优评先"), default=False)
    promotion = models.BooleanField(_("提拔参考"), default=False)
    grade = models.CharField(_("绩效等次"), max_length=10, choices=Grade.choices)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("考核结果运用")
        verbose_name_plural = _("考核结果运用")
        ordering = ["org__code"]

    def __str__(self):
        return f"{self.score} · {self.get_grade_display()}"
