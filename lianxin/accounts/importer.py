"""Bulk user import from the Excel template: every row checked first, all created or none."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.accounts import services
from lianxin.accounts.models import User
from lianxin.accounts.powers import SCREEN_ROLES, grant_refusal
from lianxin.accounts.roles import Action, Role
from lianxin.audit.models import AuditResult
from lianxin.audit.services import Actor, record
from lianxin.core.imports import ImportReport, RowErrors
from lianxin.core.personal import mobile_validator
from lianxin.core.uploads import sheet_rows
from lianxin.orgs.models import Org

HEADER = ["用户名", "姓名", "手机号", "角色", "组织代码", "初始密码"]
EXAMPLE = ["xiguo_clerk", "张三", "13800138000", "乡镇(街道)", "410883105", "Xiguo@2023"]
# Every role is recognised, so that a row asking for 审计员 is refused by the separation of
# powers (and recorded), not dismissed as a typo.
ROLE_BY_LABEL = {str(r.label): r.value for r in Role} | {r.value: r.value for r in Role}


def import_users(actor: Actor, data: bytes) -> ImportReport:
    rows = sheet_rows(data, HEADER)
    if not rows:
        raise RowErrors([_("文件中没有数据行")])
    valid, errors, refused = _validate(actor, rows)
    for username, role, org, reason in refused:
        record(
            actor,
            "accounts.user.grant_refused",
            object_type="accounts.user",
            object_repr=username[:200],
            org_code=org.scope_code,
            after={"reason": reason, "role": role, "org": org.code, "username": username, "via": "import"},
            result=AuditResult.FAILURE,
        )
    if errors:
        raise RowErrors(errors)
    with transaction.atomic():
        for row in valid:
            services.create_user(actor, **row)
    return ImportReport(created=len(valid))


def _validate(actor: Actor, rows) -> tuple[list[dict], list[str], list[tuple]]:
    """Valid rows, errors by row, and the rows the separation of powers refused."""
    codes = {r["组织代码"] for _, r in rows}
    orgs = {o.code: o for o in Org.objects.restrict(actor.user, Action.USERS_MANAGE).filter(code__in=codes)}
    usernames = {r["用户名"] for _, r in rows}
    taken_names = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    mobiles = {r["手机号"] for _, r in rows if r["手机号"]}
    taken_mobiles = set(User.objects.filter(mobile__in=mobiles).values_list("mobile", flat=True))
    seen_names, seen_mobiles, valid, errors, refused = set(), set(), [], [], []
    for number, r in rows:
        problems = []
        username, mobile = r["用户名"], r["手机号"] or None
        if not username:
            problems.append(_("用户名: 不能为空"))
        elif username in taken_names or username in seen_names:
            problems.append(_("用户名: %(u)s 已存在") % {"u": username})
        if not r["姓名"]:
            problems.append(_("姓名: 不能为空"))
        if mobile:
            try:
                mobile_validator(mobile)
            except ValidationError:
                problems.append(_("手机号: %(m)s 不是11位手机号码") % {"m": mobile})
            if mobile in taken_mobiles or mobile in seen_mobiles:
                problems.append(_("手机号: %(m)s 已被使用") % {"m": mobile})
        role = ROLE_BY_LABEL.get(r["角色"])
        if role is None:
            problems.append(
                _("角色: %(r)s 无效，可填 %(all)s")
                % {"r": r["角色"], "all": "、".join(str(x.label) for x in SCREEN_ROLES)}
            )
        org = orgs.get(r["组织代码"])
        if org is None:
            problems.append(_("组织代码: %(c)s 不存在或不在您的管理范围内") % {"c": r["组织代码"]})
        elif role and (reason := grant_refusal(actor.user, None, role)):
            problems.append(_("角色: ") + reason)
            refused.append((username, role, org, reason))
        try:
            validate_password(r["初始密码"], User(username=username, name=r["姓名"]))
        except ValidationError as exc:
            problems.append(_("初始密码: ") + "；".join(exc.messages))
        seen_names.add(username)
        if mobile:
            seen_mobiles.add(mobile)
        if problems:
            errors.extend(_("第%(n)d行 %(p)s") % {"n": number, "p": p} for p in problems)
        else:
            valid.append(
                {
                    "username": username,
                    "password": r["初始密码"],
                    "name": r["姓名"],
                    "mobile": mobile,
                    "assignments": [(role, org)],
                }
            )
    return valid, errors, refused
