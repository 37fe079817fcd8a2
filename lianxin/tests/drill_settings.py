"""Settings for the backup drill's processes: the project's, plus the audit checkpoint file
named by an environment variable of the drill's own, so the drill covers that file whether or
not the audit module reads the setting from the environment."""

import os
from pathlib import Path

from lianxin.settings import *  # noqa: F403

LIANXIN_AUDIT_CHECKPOINTS = Path(os.environ["LIANXIN_DRILL_CHECKPOINTS"])
