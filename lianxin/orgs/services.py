from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.accounts.roles import Action
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.permissions import require
from lianxin.orgs.choices import UNIT_CODE_MARK, OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.naming import pinyin_initials

UNIT_FIELDS = ("code", "name", "short_name", "kind")


@transaction.atomic
def create_unit(actor: Actor, jurisdiction: Org, kind: str, name: str) -> Org:
    """Attach a task force, responsible unit or creation office to a county, city or province.

    Its code is the jurisdiction's code, a two-letter mark and a sequence number
    (`410883ZB01`), so range scans over the jurisdiction find it as well.
    """
    require(actor, Action.ORGS_MANAGE_UNITS, jurisdiction.code)
    jurisdiction = Org.objects.select_for_update().get(pk=jurisdiction.pk)
    if jurisdiction.is_unit or jurisdiction.level > OrgLevel.COUNTY:
        raise ValidationError(_("工作专班、责任单位、创建办只能设在县级及以上"))
    mark = jurisdiction.code + UNIT_CODE_MARK[kind]
    taken = Org.objects.filter(parent=jurisdiction, kind=kind).count()
    unit = Org.objects.create(
        code=f"{mark}{taken + 1:02d}",
        name=name,
        short_name=name,
        initials=pinyin_initials(name),
        kind=kind,
        level=jurisdiction.level,
        parent=jurisdiction,
    )
    record(actor, "orgs.unit.create", obj=unit, after=snapshot(unit, UNIT_FIELDS), org_code=jurisdiction.code)
    return unit
