"""Choice classes of branch life records, used in code and tests alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    """三会一课 (the branch assembly, the committee, the group meeting, the party lecture) and the
    monthly theme day (主题党日)."""

    ASSEMBLY = "assembly", _("支部党员大会")
    COMMITTEE = "committee", _("支部委员会")
    GROUP = "group", _("党小组会")
    LECTURE = "lecture", _("党课")
    THEME_DAY = "theme_day", _("主题党日")


THREE_MEETINGS_ONE_LECTURE = (MeetingKind.ASSEMBLY, MeetingKind.COMMITTEE, MeetingKind.GROUP, MeetingKind.LECTURE)
