"""Every change in the rating workflow: one function each, taking the Actor first. Each one
checks the permission (`require`), locks the application (and quota rows when determining),
checks its guards, changes state, keeps the village's result row current and writes the audit
event — in one transaction (architecture §3). Beside the changes, the `can_*` predicates that
pages use to offer them: the same rules, in one place.

By subject: settings and quotas (config), applications, review (and who may review),
publicity and objections, results (determination, adjustment, payment, reminders). Dates come
from `rating.workdays.today()`."""

from lianxin.rating.services.applications import (
    APPLICATION_FIELDS,
    add_evidence,
    can_edit_application,
    create_application,
    gained_stars,
    remove_evidence,
    stars_without_evidence,
    submit_application,
    update_application,
    work_items_for,
)
from lianxin.rating.services.config import (
    CONFIG_FIELDS,
    config_for,
    county_of,
    save_config,
    set_quota,
    task_force_for,
    task_force_name,
)
from lianxin.rating.services.publicity import (
    can_decide,
    handle_objection,
    lodge_objection,
    publicity_title,
    start_publicity,
)
from lianxin.rating.services.results import (
    adjust_rating,
    awaiting_award,
    can_determine,
    determine,
    record_payment,
)
from lianxin.rating.services.review import (
    STEP_ACTIONS,
    can_review_step,
    conflict_of_interest,
    may_review,
    review,
    review_refusal,
    steps_awaiting,
)

__all__ = [
    "APPLICATION_FIELDS",
    "CONFIG_FIELDS",
    "STEP_ACTIONS",
    "add_evidence",
    "adjust_rating",
    "awaiting_award",
    "can_decide",
    "can_determine",
    "can_edit_application",
    "can_review_step",
    "config_for",
    "conflict_of_interest",
    "county_of",
    "create_application",
    "determine",
    "gained_stars",
    "handle_objection",
    "lodge_objection",
    "may_review",
    "record_payment",
    "remove_evidence",
    "review",
    "review_refusal",
    "save_config",
    "set_quota",
    "publicity_title",
    "start_publicity",
    "stars_without_evidence",
    "steps_awaiting",
    "submit_application",
    "task_force_for",
    "task_force_name",
    "update_application",
    "work_items_for",
]
