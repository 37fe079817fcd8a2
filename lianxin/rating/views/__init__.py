"""评星定级 pages, by subject: applications and their review, publicity (and the public notice
page), results and statistics, a county's settings."""

from lianxin.rating.views.applications import (
    ApplicationCreateView,
    ApplicationDetailView,
    ApplicationEditView,
    ApplicationListView,
    QueueView,
)
from lianxin.rating.views.configuration import SettingsView
from lianxin.rating.views.publicity import PublicityDetailView, PublicityListView, PublicityNoticeView, PublicView
from lianxin.rating.views.results import (
    AwardListView,
    AwardPayView,
    CertificatesView,
    DeterminationView,
    ResultAdjustView,
    ResultListView,
    StatsHomeView,
    StatsView,
)

__all__ = [
    "ApplicationCreateView",
    "ApplicationDetailView",
    "ApplicationEditView",
    "ApplicationListView",
    "AwardListView",
    "AwardPayView",
    "CertificatesView",
    "DeterminationView",
    "PublicityNoticeView",
    "PublicView",
    "PublicityDetailView",
    "PublicityListView",
    "QueueView",
    "ResultAdjustView",
    "ResultListView",
    "SettingsView",
    "StatsHomeView",
    "StatsView",
]
