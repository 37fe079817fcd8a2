"""Knowledge tests (知识测试): a county's question bank, tests drawn from it at random per
person by topic and difficulty, timed on the server, and the attempts, graded automatically.
A test marked as a monthly quiz (月度答题) has a leaderboard per township and per county."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.assessment.choices import Difficulty, QuestionKind
from lianxin.assessment.models.scoping import CountyRowsManager
from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager


class Question(OrgOwnedModel):
    """A question of a county's bank (`org` the county). `options` are the choices' texts, A
    first; `answer` the letters of the right ones (`"AC"`), or `"T"`/`"F"` for true/false."""

    topic = models.CharField(_("专题"), max_length=50)
    difficulty = models.PositiveSmallIntegerField(_("难度"), choices=Difficulty.choices)
    kind = models.CharField(_("题型"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("题目"), max_length=500)
    options = models.JSONField(_("选项"), default=list, blank=True)
    answer = models.CharField(_("答案"), max_length=10)
    explanation = models.CharField(_("解析"), max_length=500, blank=True)

    objects = CountyRowsManager()

    class Meta:
        verbose_name = _("试题")
        verbose_name_plural = _("试题")
        ordering = ["org__code", "topic", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "text"], name="one_question_text_per_bank")]
        indexes = [models.Index(fields=["org", "topic", "difficulty"], name="question_draw")]

    def __str__(self):
        return self.text[:40]


class Quiz(OrgOwnedModel):
    """A test of a county (`org`): how many questions of which topic and difficulty each person
    draws, the minutes each has once started, and when it is open. A monthly quiz campaign is a
    test with `campaign` set."""

    title = models.CharField(_("名称"), max_length=100)
    topic = models.CharField(_("专题"), max_length=50, blank=True)
    difficulty = models.PositiveSmallIntegerField(_("难度"), choices=Difficulty.choices, null=True, blank=True)
    question_count = models.PositiveSmallIntegerField(_("题量"))
    minutes = models.PositiveSmallIntegerField(_("答题时长（分钟）"))
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    campaign = models.BooleanField(_("月度答题活动"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = CountyRowsManager()

    class Meta:
        verbose_name = _("知识测试")
        verbose_name_plural = _("知识测试")
        ordering = ["-opens_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:quiz_detail", kwargs={"pk": self.pk})


class Attempt(OrgOwnedModel):
    """One person's go at a test (`org` the person's, for results per org). The deadline is
    stored when it starts; answers after it are refused. Reopening allows a further attempt."""

    quiz = models.ForeignKey(Quiz, verbose_name=_("知识测试"), on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("答题人"), on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("第几次"), default=1)
    started_at = models.DateTimeField(_("开始时间"))
    deadline = models.DateTimeField(_("交卷期限"))
    graded_at = models.DateTimeField(_("交卷时间"), null=True, blank=True)
    correct = models.PositiveSmallIntegerField(_("答对题数"), default=0)
    percent = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, default=0)
    reopened = models.BooleanField(_("已允许重考"), default=False)

    class Meta:
        verbose_name = _("答题记录")
        verbose_name_plural = _("答题记录")
        ordering = ["quiz", "-percent", "graded_at"]
        constraints = [models.UniqueConstraint(fields=["quiz", "user", "number"], name="one_attempt_per_number")]
        indexes = [models.Index(fields=["quiz", "org"], name="attempt_quiz_org")]

    def __str__(self):
        return f"{self.quiz} · {self.user}"

    def get_absolute_url(self):
        return reverse("assessment:attempt_detail", kwargs={"pk": self.pk})


class AttemptQuestion(models.Model):
    """A drawn question of an attempt, in its order, with the answer given."""

    attempt = models.ForeignKey(Attempt, verbose_name=_("答题记录"), on_delete=models.CASCADE, related_name="questions")
    question = models.ForeignKey(Question, verbose_name=_("试题"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("题号"))
    given = models.CharField(_("作答"), max_length=10, blank=True)
    is_correct = models.BooleanField(_("正确"), default=False)

    scope_field = "attempt__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("答题明细")
        verbose_name_plural = _("答题明细")
        ordering = ["attempt", "position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "position"], name="one_question_per_position")]

    def __str__(self):
        return f"{self.position}. {self.question}"
