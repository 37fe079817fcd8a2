"""Every change in the daily assessment is one function here, re-exported by subject: guard
(`require`), lock the row where a state moves, change, and record the audit event — in one
transaction. Views, the API and the demo all call these."""

from lianxin.assessment.services.quiz import (
    answers_shown,
    can_reopen,
    can_take,
    create_quiz,
    import_questions,
    is_open,
    reopen_attempt,
    start_attempt,
    submit_attempt,
)
from lianxin.assessment.services.ranking import previous_period, refresh_ranking
from lianxin.assessment.services.schemes import (
    add_item,
    copy_scheme,
    create_scheme,
    save_subject,
    set_weights,
)
from lianxin.assessment.services.scoring import (
    Entry,
    can_close_period,
    can_open_scores,
    can_return_score,
    can_score,
    can_set_outcome,
    close_period,
    open_scores,
    record_meeting,
    return_score,
    save_score,
    set_outcome,
    submit_score,
)

__all__ = [
    "Entry",
    "add_item",
    "answers_shown",
    "can_close_period",
    "can_reopen",
    "can_return_score",
    "can_score",
    "can_set_outcome",
    "can_take",
    "close_period",
    "open_scores",
    "can_open_scores",
    "copy_scheme",
    "create_quiz",
    "create_scheme",
    "import_questions",
    "is_open",
    "record_meeting",
    "previous_period",
    "refresh_ranking",
    "reopen_attempt",
    "return_score",
    "save_score",
    "save_subject",
    "set_outcome",
    "set_weights",
    "start_attempt",
    "submit_attempt",
    "submit_score",
]
