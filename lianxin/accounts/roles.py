"""Roles and what each may do. Fixed in code (style.md: no admin-editable permission rules).

Separation of powers (security.md item 5): `sysadmin` manages users but reads no audit log
and edits no business data; `auditor` only reads the audit log; business roles never manage
users. An action is a string `app.verb`; views and API endpoints name the action they need.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSADMIN = "sysadmin", _("系统管理员")
    AUDITOR = "auditor", _("审计员")
    OFFICE = "office", _("创建办/组织部")
    TASK_FORCE = "taskforce", _("专班")
    TOWNSHIP = "township", _("乡镇(街道)")
    VILLAGE = "village", _("村(社区)")
    MEMBER = "member", _("党员")


class Action:
    ORGS_VIEW = "orgs.view"
    ORGS_MANAGE_UNITS = "orgs.manage_units"
    USERS_VIEW = "accounts.view"
    USERS_MANAGE = "accounts.manage"
    AUDIT_VIEW = "audit.view"
    # standards and planning (issue 3)
    STANDARDS_VIEW = "standards.view"
    STANDARDS_MANAGE = "standards.manage"  # office: author, import, publish a standard
    PLANS_VIEW = "planning.view"
    PLANS_EDIT = "planning.edit"  # village: its own plan, measures, ledger, self-assessment
    PLANS_REVIEW = "planning.review"  # township: accept/return plans, confirm self-assessments, declare
    PLANS_RULES = "planning.rules"  # office: the county's declaration rule
    # 党群连心 (issue 5)
    LIAISON_VIEW = "liaison.view"
    LIAISON_VISIT = "liaison.visit"
    LIAISON_EDIT = "liaison.edit"
    LIAISON_ESCALATE = "liaison.escalate"
    LIAISON_HANDLE = "liaison.handle"
    LIAISON_RECTIFY = "liaison.rectify"
    LIAISON_GUIDE = "liaison.guide"
    # 评星定级 (issue 4)
    RATING_VIEW = "rating.view"
    RATING_APPLY = "rating.apply"
    RATING_REVIEW_TOWNSHIP = "rating.review_township"
    RATING_REVIEW_STAR = "rating.review_star"
    RATING_DECIDE = "rating.decide"
    RATING_CONFIG = "rating.config"


# What every business role may read within its scope.
_BUSINESS_READ = {
    Action.ORGS_VIEW,
    Action.STANDARDS_VIEW,
    Action.PLANS_VIEW,
    Action.LIAISON_VIEW,
    Action.RATING_VIEW,
}

# Who may do what. Notes on the less obvious grants:
# 党群连心 (村报告、乡处理、县办结):
# - visit: a party member (and the village, township clerks) logs household visits; what a
#   household raises becomes a matter reported at village level.
# - edit: village and township keep the registers: households, members, links, consultations,
#   Excel imports; a township edits for all its villages.
# - escalate: moves a matter up one level; the actor must hold it at the level the matter is at.
# - handle: closes a matter, with the household's satisfaction, at the level it is at: the
#   village at village level, the township up to township level, the county office at any level.
# - rectify: the township secretary reports a cadre's finding rectified.
# - guide: the county office (its organisation cadres) keeps cadres and their areas (包乡联村),
#   records guidance visits and findings, confirms or returns rectifications, lists and
#   delists weak branches.
# 评星定级 (村申报 → 乡镇初审 → 专班分星审核 → 创建办审定 → 公示 → 认定):
# - apply: the village applies, attaches ledger evidence, resubmits after a return.
# - review_township / review_star: the township's preliminary review; a task force reviews the
#   star it answers for (only at the task force named on the step).
# - decide: the creation office decides, publicises, handles objections, determines, lowers
#   or revokes results and records award payments; config: its window, chain and quotas.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.SYSADMIN: frozenset({Action.USERS_VIEW, Action.USERS_MANAGE, Action.ORGS_VIEW}),
    Role.AUDITOR: frozenset({Action.AUDIT_VIEW}),
    Role.OFFICE: frozenset(
        _BUSINESS_READ
        | {
            Action.ORGS_MANAGE_UNITS,
            Action.STANDARDS_MANAGE,
            Action.PLANS_RULES,
            Action.LIAISON_HANDLE,
            Action.LIAISON_GUIDE,
            Action.RATING_DECIDE,
            Action.RATING_CONFIG,
        }
    ),
    Role.TASK_FORCE: frozenset(_BUSINESS_READ | {Action.RATING_REVIEW_STAR}),
    Role.TOWNSHIP: frozenset(
        _BUSINESS_READ
        | {
            Action.PLANS_REVIEW,
            Action.LIAISON_VISIT,
            Action.LIAISON_EDIT,
            Action.LIAISON_ESCALATE,
            Action.LIAISON_HANDLE,
            Action.LIAISON_RECTIFY,
            Action.RATING_REVIEW_TOWNSHIP,
        }
    ),
    Role.VILLAGE: frozenset(
        _BUSINESS_READ
        | {
            Action.PLANS_EDIT,
            Action.LIAISON_VISIT,
            Action.LIAISON_EDIT,
            Action.LIAISON_ESCALATE,
            Action.LIAISON_HANDLE,
            Action.RATING_APPLY,
        }
    ),
    Role.MEMBER: frozenset(_BUSINESS_READ | {Action.LIAISON_VISIT}),
}

# Roles a user manager may hand out; sysadmin accounts are made only from the command line
# so that no screen can widen its own powers.
ASSIGNABLE_ROLES = [r for r in Role if r != Role.SYSADMIN]
