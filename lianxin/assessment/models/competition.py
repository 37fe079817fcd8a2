"""The three competitions (三次大比武): a round per org, year and kind — a township's
preliminary or the county's final — with its criteria, judges, entries (the village secretary,
the speech, the slides, the site-visit notes) and each judge's scores, which stay blind to the
other judges until the round closes. Winners of a preliminary advance to the county's final."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.assessment.choices import CompetitionKind, Stage
from lianxin.assessment.models.scoping import CountyRowsManager
from lianxin.core.attachments import AttachmentBase
from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager


class Round(OrgOwnedModel):
    """A round: `org` is the township (preliminary) or the county (final). `criteria` are
    `[{"name": "思路清晰", "max": 30}, …]`; winners advance by `advance_count` or by
    `advance_share` percent of the entries."""

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("比武类别"), max_length=10, choices=CompetitionKind.choices)
    stage = models.CharField(_("赛段"), max_length=12, choices=Stage.choices)
    title = models.CharField(_("名称"), max_length=100)
    criteria = models.JSONField(_("评分标准"), default=list)
    advance_count = models.PositiveSmallIntegerField(_("晋级名额"), null=True, blank=True)
    advance_share = models.PositiveSmallIntegerField(_("晋级比例（%）"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    # The county's final is read by its townships as well (their winners go there).
    objects = CountyRowsManager()

    class Meta:
        verbose_name = _("比武赛事")
        verbose_name_plural = _("比武赛事")
        ordering = ["-year", "kind", "org__code"]
        constraints = [models.UniqueConstraint(fields=["org", "year", "kind"], name="one_round_per_org_year_kind")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:round_detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Judge(models.Model):
    round = models.ForeignKey(Round, verbose_name=_("比武赛事"), on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评委"), on_delete=models.CASCADE, related_name="+"
    )

    scope_field = "round__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("评委")
        verbose_name_plural = _("评委")
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_judge_per_round")]

    def __str__(self):
        return str(self.user)


class Entry(OrgOwnedModel):
    """A village's entry (`org` the village). `sheet` is the starting sheet a 成效 round pulls
    from the village's star self-assessment. `result` (judges' mean without the highest and
    lowest) and `place` are set when the round closes."""

    round = models.ForeignKey(Round, verbose_name=_("比武赛事"), on_delete=models.CASCADE, related_name="entries")
    secretary = models.CharField(_("参赛书记"), max_length=50)
    title = models.CharField(_("演讲题目"), max_length=200)
    site_notes = models.TextField(_("现场观摩情况"), blank=True)
    sheet = models.JSONField(_("成效底表"), default=list, blank=True)
    result = models.DecimalField(_("最终得分"), max_digits=6, decimal_places=2, null=True, blank=True)
    place = models.PositiveSmallIntegerField(_("名次"), null=True, blank=True)
    advanced = models.BooleanField(_("晋级"), default=False)

    class Meta:
        verbose_name = _("参赛作品")
        verbose_name_plural = _("参赛作品")
        ordering = ["round", "place", "org__code"]
        constraints = [models.UniqueConstraint(fields=["round", "org"], name="one_entry_per_village_round")]

    def __str__(self):
        return f"{self.secretary}：{self.title}"

    def get_absolute_url(self):
        return reverse("assessment:entry_detail", kwargs={"pk": self.pk})


class Slides(AttachmentBase):
    entry = models.OneToOneField(Entry, verbose_name=_("参赛作品"), on_delete=models.CASCADE, related_name="slides")

    scope_field = "entry__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("演示文稿")
        verbose_name_plural = _("演示文稿")


class JudgeScore(models.Model):
    """One judge's points for one entry, by criterion name."""

    entry = models.ForeignKey(Entry, verbose_name=_("参赛作品"), on_delete=models.CASCADE, related_name="judge_scores")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评委"), on_delete=models.CASCADE, related_name="+"
    )
    points = models.JSONField(_("各项得分"), default=dict)
    total = models.DecimalField(_("合计"), max_digits=6, decimal_places=2)
    scored_at = models.DateTimeField(_("评分时间"), auto_now=True)

    scope_field = "entry__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("评委打分")
        verbose_name_plural = _("评委打分")
        constraints = [models.UniqueConstraint(fields=["entry", "judge"], name="one_score_per_judge_entry")]

    def __str__(self):
        return f"{self.entry} · {self.total}"
