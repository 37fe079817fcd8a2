"""Demo notices for 孟州市: one to every village with a reply asked for, part read and part
replied, and one from a township to its villages. Idempotent: skipped when the county has sent
any notice."""

from django.core.files.uploadedfile import SimpleUploadedFile

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.core.scope import prefix_q
from lianxin.notices import services
from lianxin.notices.choices import ReplyKind, TargetKind
from lianxin.notices.models import Notice, NoticeReceipt
from lianxin.orgs.models import Org

MENGZHOU = "410883"


def load():
    county = Org.objects.filter(code=MENGZHOU).first()
    if county is None or Notice.objects.filter(prefix_q(MENGZHOU, "org__code")).exists():
        return None
    office = county.role_assignments.filter(role=Role.OFFICE).select_related("user").first()
    if office is None:
        return None
    actor = Actor(user=office.user, label="demo")
    villages = (TargetKind.VILLAGE, TargetKind.COMMUNITY)
    first = services.send_notice(
        actor,
        county,
        title="关于报送五星支部创建第四季度进展的通知",
        body="请各村（社区）于本月25日前报送本季度创建进展，附佐证材料。",
        kinds=villages,
        roles=(Role.VILLAGE,),
        reply=ReplyKind.TEXT,
        files=[SimpleUploadedFile("填报说明.pdf", b"%PDF-1.4\n%demo\n")],
    )
    services.send_notice(
        actor,
        county,
        title="关于开展党群连心走访月活动的通知",
        body="各乡镇（街道）组织辖区党员开展一次联户走访，做好记录。",
        kinds=(TargetKind.TOWNSHIP,),
        roles=(Role.TOWNSHIP,),
    )
    receipts = list(NoticeReceipt.objects.filter(notice=first).select_related("notice", "unit", "user"))
    for receipt in receipts[::2]:
        services.open_receipt(receipt)
    for receipt in receipts[::6]:
        services.reply(Actor(user=receipt.user, label="demo"), receipt, text="已按要求完成，材料见附件。")
    return {"notices": 2, "receipts": len(receipts)}
