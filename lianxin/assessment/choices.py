"""Choice classes of the daily assessment (日常考核), used in code and tests alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectKind(models.TextChoices):
    """The four kinds of subject the county's assessment scheme scores."""

    TASK_FORCE = "taskforce", _("工作专班")
    TOWNSHIP_SECRETARY = "township", _("乡镇（街道）党（工）委书记")
    VILLAGE_SECRETARY = "village", _("村（社区）党组织书记")
    STAR_LEADER = "star_leader", _("领星人")


# Scored by the county (creation office); the others by their township.
COUNTY_SCORED = (SubjectKind.TASK_FORCE, SubjectKind.TOWNSHIP_SECRETARY)


class Dimension(models.TextChoices):
    BASIC = "basic", _("基础工作")
    HIGHLIGHTS = "highlights", _("特色亮点")
    RESULTS = "results", _("主要成效")
    KNOWLEDGE = "knowledge", _("知识测试")
    OTHER = "other", _("其他工作")


class AutoSource(models.TextChoices):
    """Where an item's points come from when no scorer gives them."""

    MANUAL = "", _("评分人打分")
    KNOWLEDGE = "knowledge", _("知识测试成绩")
    MEETING = "meeting", _("一把手参加专班例会")
    INDICATOR = "indicator", _("系统计算指标")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("月度")
    QUARTER = "quarter", _("季度")
    YEAR = "year", _("年度")


class ScoreStatus(models.TextChoices):
    DRAFT = "draft", _("评分中")
    SUBMITTED = "submitted", _("已提交")
    RETURNED = "returned", _("已退回")
    LOCKED = "locked", _("已锁定")


class Grade(models.TextChoices):
    """绩效 grade recorded on a locked year score."""

    EXCELLENT = "excellent", _("优秀")
    GOOD = "good", _("良好")
    PASS = "pass", _("一般")
    POOR = "poor", _("较差")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选题")
    MULTIPLE = "multiple", _("多选题")
    TRUE_FALSE = "truefalse", _("判断题")


class Difficulty(models.IntegerChoices):
    EASY = 1, _("容易")
    MEDIUM = 2, _("中等")
    HARD = 3, _("较难")


class CompetitionKind(models.TextChoices):
    """The three competitions of a year (三次大比武)."""

    IDEAS = "ideas", _("创建思路大比武")
    MEASURES = "measures", _("创建举措大比武")
    RESULTS = "results", _("创建成效大比武")


class Stage(models.TextChoices):
    PRELIMINARY = "preliminary", _("乡镇初赛")
    FINAL = "final", _("县级决赛")
