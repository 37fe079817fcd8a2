"""Every change in 党群连心 is one function in this package: guard (`require`), lock the row
where a state moves, change, keep the village's summary rows current, and write the audit event
— in one transaction. Views, the API and the demo all call these; callers import them from here.
Households, members and links change through the registers' services, cadres' areas and
findings through guidance's."""

from lianxin.liaison.services.consultations import complete_follow_up, create_consultation
from lianxin.liaison.services.matters import (
    assign_matter,
    can_assign,
    can_close,
    can_escalate,
    close_matter,
    escalate_matter,
    handed_matters,
    handles_as_unit,
    level_code,
    report_matter,
    require_at_level,
    unit_ids,
    units_for,
)
from lianxin.liaison.services.return_visits import can_return_visit, record_return_visit
from lianxin.liaison.services.summaries import rebuild_summaries, refresh_village, totals_for_village
from lianxin.liaison.services.visits import log_visit

__all__ = [
    "assign_matter",
    "can_assign",
    "can_return_visit",
    "handles_as_unit",
    "record_return_visit",
    "unit_ids",
    "units_for",
    "handed_matters",
    "can_close",
    "can_escalate",
    "close_matter",
    "complete_follow_up",
    "create_consultation",
    "escalate_matter",
    "level_code",
    "log_visit",
    "rebuild_summaries",
    "refresh_village",
    "report_matter",
    "require_at_level",
    "totals_for_village",
]
