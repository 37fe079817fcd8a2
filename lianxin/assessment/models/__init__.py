"""The assessment app's tables, by subject: the daily assessment and the knowledge tests."""

from lianxin.assessment.models.assessment import (
    ItemScore,
    Meeting,
    Outcome,
    Period,
    Scheme,
    SchemeDimension,
    Score,
    ScoringItem,
    Subject,
)
from lianxin.assessment.models.competition import Entry, Judge, JudgeScore, Round, Slides
from lianxin.assessment.models.quiz import Attempt, AttemptQuestion, Question, Quiz

__all__ = [
    "Entry",
    "Judge",
    "JudgeScore",
    "Round",
    "Slides",
    "Attempt",
    "AttemptQuestion",
    "ItemScore",
    "Meeting",
    "Outcome",
    "Period",
    "Question",
    "Quiz",
    "Scheme",
    "SchemeDimension",
    "Score",
    "ScoringItem",
    "Subject",
]
