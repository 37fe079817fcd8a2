"""The rating's three official documents, in the 公文 layout of core/documents.py: the
publicity notice (公示) of a publicity, the determination notice (认定文件) of a jurisdiction's
year and the list of named branches for the certificates. The issuing organ is the county's
organisation department (中共孟州市委组织部), which runs the rating."""

from datetime import date

from lianxin.core.documents import OfficialDocument
from lianxin.orgs.models import Org
from lianxin.rating.choices import ApplicationKind
from lianxin.rating.services import county_of

LEVELS = ((5, "五星"), (4, "四星"), (3, "三星"))
NAMED_WIDTHS = [14, 34, 52, 56]  # mm: 序号, 乡镇（街道）, 党支部, 星


def organ_of(org: Org) -> str:
    return f"中共{county_of(org).short_name}委组织部"


def branch(org: Org) -> str:
    return f"{org.short_name}党支部"


def township(org: Org) -> str:
    return org.parent.short_name if org.parent else ""


def publicity_notice(publicity, applications, public_url: str) -> bytes:
    """公示: the branches proposed for their stars, the period and where to object."""
    county = publicity.org
    document = OfficialDocument(publicity.title, organ=organ_of(county))
    start, end = publicity.start_date, publicity.end_date
    document.paragraph(
        f"根据{county.short_name}“五星支部”创建评星工作安排，经村（社区）党组织申报、乡镇（街道）党（工）委初审、"
        f"工作专班审核、县级审定，现将{publicity.year}年度拟认定的星级党支部予以公示。"
    )
    document.paragraph(
        f"公示时间：{_day(start)}至{_day(end)}（{publicity.working_days}个工作日）。公示期间，对公示对象有异议的，"
        f"可登录公示页面（{public_url}）在线反映，或以书面形式向{organ_of(county)}反映。反映问题应当实事求是，"
        "提倡署真实姓名和联系方式。"
    )
    document.paragraph("附：拟认定星级党支部名单")
    rows = [
        [
            number,
            township(a.org),
            branch(a.org),
            a.approved_labels + ("（进步星）" if a.kind == ApplicationKind.PROGRESS else ""),
        ]
        for number, a in enumerate(applications, start=1)
    ]
    document.table(["序号", "乡镇（街道）", "党支部", "拟认定的星"], rows, NAMED_WIDTHS)
    document.signature(organ_of(county), start)
    return document.content()


def determination_notice(org: Org, year: int, ratings, today: date) -> bytes:
    """认定文件: the branches determined as five-, four- and three-star, by level."""
    county = county_of(org)
    document = OfficialDocument(f"关于认定{year}年度星级党支部的通知", organ=organ_of(county))
    document.addressee("各乡镇（街道）党（工）委，各有关单位")
    by_level = _by_level(ratings)
    total = sum(len(by_level[level]) for level, _label in LEVELS)
    document.paragraph(
        f"按照“五星支部”创建工作部署，经申报、审核、审定和公示，{org.short_name}共有{total}个党支部"
        f"获评{year}年度三星及以上党支部。现将名单予以认定并公布。"
    )
    for number, (level, label) in enumerate(LEVELS):
        named = by_level[level]
        document.heading(f"{'一二三'[number]}、{label}党支部（{len(named)}个）")
        document.paragraph("、".join(f"{township(r.org)}{branch(r.org)}" for r in named) + "。" if named else "无。")
    document.paragraph(
        "希望受到认定的党支部珍惜荣誉、再接再厉，持续巩固提升创建成果；各乡镇（街道）党（工）委要加强跟踪管理，"
        "对不再符合星级标准的，按程序降星或撤销。"
    )
    document.signature(organ_of(county), today)
    return document.content()


def certificate_list(org: Org, year: int, ratings) -> bytes:
    """The named branches by level, as a table per level, for printing the certificates."""
    document = OfficialDocument(f"{org.short_name}{year}年度星级党支部名单")
    by_level = _by_level(ratings)
    for number, (level, label) in enumerate(LEVELS):
        named = by_level[level]
        document.heading(f"{'一二三'[number]}、{label}党支部（{len(named)}个）")
        if not named:
            document.paragraph("无")
            continue
        rows = [[n, township(r.org), branch(r.org), r.star_labels] for n, r in enumerate(named, start=1)]
        document.table(["序号", "乡镇（街道）", "党支部", "认定的星"], rows, NAMED_WIDTHS)
    return document.content()


def _proposed(application) -> str:
    progress = application.kind == ApplicationKind.PROGRESS
    return application.approved_labels + ("（进步星）" if progress else "")


def _by_level(ratings) -> dict[int, list]:
    by_level = {level: [] for level, _label in LEVELS}
    for rating in ratings:
        by_level.setdefault(rating.level, []).append(rating)
    return by_level


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
