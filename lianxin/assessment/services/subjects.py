"""The subjects the county's scheme scores — the shared cadres and orgs: a task force, a
township secretary, a village secretary, a village's star leader for one star. The post (org,
kind, star) is the key: saving the post again renames the person in it (a new secretary takes
over the post's scores and ranking). A subject is removed only while nothing has been scored
for it; after that the scores keep it, and a new person is a rename."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.assessment.choices import SubjectKind
from lianxin.assessment.models import Subject
from lianxin.assessment.plugin import Action
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import clean_fields, delete_recorded, locked
from lianxin.core.permissions import can_at, require
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org

ORG_KIND_OF_SUBJECT = {
    SubjectKind.TASK_FORCE: (OrgKind.TASK_FORCE,),
    SubjectKind.TOWNSHIP_SECRETARY: (OrgKind.TOWNSHIP,),
    SubjectKind.VILLAGE_SECRETARY: GRASSROOTS_KINDS,
    SubjectKind.STAR_LEADER: GRASSROOTS_KINDS,
}
SUBJECT_ORG_KINDS = tuple({kind for kinds in ORG_KIND_OF_SUBJECT.values() for kind in kinds})
FIELDS = ("name", "user")


def _checked_user(user, org: Org):
    """The login of the person in the post must hold a role at the post's org (their tests count)."""
    if user is not None and not user.role_assignments.filter(org=org).exists():
        raise ValidationError(_("登录账号须在该组织任职"))
    return user


@transaction.atomic
def save_subject(actor: Actor, org: Org, kind: str, *, name: str, star: str = "", user=None) -> Subject:
    """The subject of `kind` at `org` (and star), added or renamed: the post is the key."""
    require(actor, Action.ASSESSMENT_MANAGE, org.code)
    if kind not in SubjectKind.values or org.kind not in ORG_KIND_OF_SUBJECT[SubjectKind(kind)]:
        raise ValidationError(_("考核对象类别与所属组织不符"))
    if (kind == SubjectKind.STAR_LEADER) != bool(star):
        raise ValidationError(_("领星人须注明所领星，其他考核对象不填"))
    subject = Subject.objects.select_for_update().filter(org=org, kind=kind, star=star).first()
    before = snapshot(subject, FIELDS) if subject else None
    subject = subject or Subject(org=org, kind=kind, star=star)
    subject.name, subject.user = name.strip(), _checked_user(user, org)
    clean_fields(subject, ("kind", "name", "star"))
    subject.save()
    record(
        actor, "assessment.subject.save", obj=subject, org_code=org.code, before=before, after=snapshot(subject, FIELDS)
    )
    return subject


def rename_subject(actor: Actor, subject: Subject, *, name: str, user=None) -> Subject:
    """A new person (or login) in the subject's post."""
    return save_subject(actor, subject.org, subject.kind, name=name, star=subject.star, user=user)


def can_remove_subject(user, subject: Subject) -> bool:
    return can_at(user, Action.ASSESSMENT_MANAGE, subject.org.code) and not subject.scores.exists()


@transaction.atomic
def remove_subject(actor: Actor, subject: Subject) -> None:
    """The post is no longer assessed: refused once a score was given for it."""
    subject = locked(subject)
    require(actor, Action.ASSESSMENT_MANAGE, subject.org.code)
    if subject.scores.exists():
        raise ValidationError(_("该考核对象已有评分，不能删除；换人请修改姓名"))
    delete_recorded(actor, "assessment.subject.remove", subject, snapshot(subject, ("kind", "name", "star")))
