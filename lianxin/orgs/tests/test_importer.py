import gzip
import shutil

import pytest
from django.core.management import CommandError, call_command

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.conftest import DATA_DIR
from lianxin.orgs.choices import OrgKind, OrgLevel
from lianxin.orgs.importer import DivisionImportError, import_divisions
from lianxin.orgs.models import Org
from lianxin.orgs.naming import pinyin_initials, short_name

pytestmark = pytest.mark.django_db


def write_tree(path, **overrides):
    """A small valid division directory; `overrides` replace whole files' text."""
    files = {
        "provinces": 'code,name\n41,"河南省"\n',
        "cities": 'code,name,provinceCode\n4199,"测试市",41\n',
        "areas": 'code,name,cityCode,provinceCode\n419901,"测试县",4199,41\n',
        "streets": 'code,name,areaCode,provinceCode,cityCode\n419901100,"测试镇",419901,41,4199\n',
        "villages": (
            "code,name,streetCode,provinceCode,cityCode,areaCode\n"
            '419901100201,"甲村民委员会",419901100,41,4199,419901\n'
            '419901100001,"乙居民委员会",419901100,41,4199,419901\n'
        ),
    }
    files.update(overrides)
    for stem, text in files.items():
        (path / f"{stem}.csv").write_text(text, encoding="utf-8")
    return path


def test_real_subset_matches_the_seed():
    """孟州市 has exactly the 11 townships and 289 villages/communities the page names."""
    mengzhou = Org.objects.get(code="410883")
    assert mengzhou.short_name == "孟州市"
    assert Org.objects.filter(parent=mengzhou, level=OrgLevel.TOWNSHIP).count() == 11
    grassroots = Org.objects.filter(code__startswith="410883", level=OrgLevel.VILLAGE)
    assert grassroots.count() == 289
    assert Org.objects.get(code="410883001002").short_name == "迎秀社区"
    assert Org.objects.get(code="410883001002").kind == OrgKind.COMMUNITY
    guanwangmiao = Org.objects.get(code="410823107223")
    assert (guanwangmiao.short_name, guanwangmiao.kind) == ("关王庙村", OrgKind.VILLAGE)
    assert guanwangmiao.parent.code == "410823107"


def test_second_import_changes_nothing_and_says_so():
    before_events = AuditEvent.objects.count()
    report = import_divisions(DATA_DIR, Actor.system("t"), prefix="410883")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1 + 1 + 1 + 11 + 289)
    assert AuditEvent.objects.count() == before_events


def test_command_reports_up_to_date(capsys):
    call_command("import_divisions", str(DATA_DIR), prefix="410883", verbosity=0)
    assert "全部未变" in capsys.readouterr().out


def test_import_from_plain_csv_and_rename_updates(tmp_path):
    write_tree(tmp_path)
    report = import_divisions(tmp_path, Actor.system("t"))
    assert report.created == 5  # the province exists already
    village = Org.objects.get(code="419901100201")
    assert (village.short_name, village.kind, village.parent.code) == ("甲村", OrgKind.VILLAGE, "419901100")
    assert Org.objects.get(code="419901100001").kind == OrgKind.COMMUNITY
    write_tree(tmp_path, cities='code,name,provinceCode\n4199,"新测试市",41\n')
    report = import_divisions(tmp_path, Actor.system("t"))
    assert (report.created, report.updated) == (0, 1)
    assert Org.objects.get(code="4199").name == "新测试市"


@pytest.mark.parametrize(
    ("stem", "text", "expected"),
    [
        (
            "villages",
            'code,name,streetCode,provinceCode,cityCode,areaCode\n41990110020,"短码村",419901100,41,4199,419901\n',
            "villages.csv: 第2行: 列 code: '41990110020' 应为 12 位数字",
        ),
        (
            "villages",
            'code,name,streetCode,provinceCode,cityCode,areaCode\n419901100201,"",419901100,41,4199,419901\n',
            "villages.csv: 第2行: 列 name: 名称为空",
        ),
        (
            "villages",
            'code,name,streetCode,provinceCode,cityCode,areaCode\n419901200201,"孤村",419901200,41,4199,419901\n',
            "villages.csv: 第2行: 列 streetCode: 上级代码 419901200 不存在",
        ),
        (
            "villages",
            'code,name,streetCode,provinceCode,cityCode,areaCode\n419901100201,"错村",419901101,41,4199,419901\n',
            "不是代码 419901100201 的前缀",
        ),
        ("streets", 'code,name\n419901100,"测试镇"\n', "streets.csv: 第1行: 缺少列 areaCode"),
        (
            "villages",
            'code,name,streetCode,provinceCode,cityCode,areaCode\n419901100201,"甲",419901100,41,4199,419901\n419901100201,"甲",419901100,41,4199,419901\n',
            "villages.csv: 第3行: 列 code: 代码 419901100201 重复",
        ),
    ],
)
def test_malformed_files_change_nothing(tmp_path, stem, text, expected):
    write_tree(tmp_path, **{stem: text})
    count = Org.objects.count()
    with pytest.raises(DivisionImportError) as excinfo:
        import_divisions(tmp_path, Actor.system("t"))
    assert any(expected in e for e in excinfo.value.errors), excinfo.value.errors
    assert Org.objects.count() == count


def test_bad_row_late_in_file_still_writes_nothing(tmp_path):
    rows = "".join(f'419901100{200 + i:03d},"村{i}村民委员会",419901100,41,4199,419901\n' for i in range(150))
    write_tree(
        tmp_path,
        villages="code,name,streetCode,provinceCode,cityCode,areaCode\n" + rows + 'bad,"坏",419901100,41,4199,419901\n',
    )
    count = Org.objects.count()
    with pytest.raises(DivisionImportError, match="第152行"):
        import_divisions(tmp_path, Actor.system("t"))
    assert Org.objects.count() == count


def test_not_utf8_and_missing_file(tmp_path):
    write_tree(tmp_path)
    (tmp_path / "cities.csv").write_bytes('code,name,provinceCode\n4199,"测试市",41\n'.encode("gbk"))
    with pytest.raises(DivisionImportError, match="UTF-8"):
        import_divisions(tmp_path, Actor.system("t"))
    (tmp_path / "cities.csv").unlink()
    with pytest.raises(DivisionImportError, match="缺少文件 cities.csv"):
        import_divisions(tmp_path, Actor.system("t"))


def test_command_error_names_file_and_line(tmp_path):
    write_tree(tmp_path, areas='code,name,cityCode,provinceCode\n41990X,"坏县",4199,41\n')
    with pytest.raises(CommandError, match="areas.csv: 第2行"):
        call_command("import_divisions", str(tmp_path), verbosity=0)


def test_gzip_files_are_read(tmp_path):
    write_tree(tmp_path)
    for path in tmp_path.glob("*.csv"):
        with path.open("rb") as src, gzip.open(path.with_suffix(".csv.gz"), "wb") as dst:
            shutil.copyfileobj(src, dst)
        path.unlink()
    assert import_divisions(tmp_path, Actor.system("t")).created == 5


def test_bad_prefix_is_refused():
    with pytest.raises(DivisionImportError, match="--prefix"):
        import_divisions(DATA_DIR, Actor.system("t"), prefix="41088")


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("关王庙村民委员会", "关王庙村"),
        ("迎秀居民委员会", "迎秀社区"),
        ("碧沙岗社区居委会", "碧沙岗社区"),
        ("王庄村村民委员会", "王庄村"),
        ("冯湾村委会", "冯湾村"),
        ("阳光新城社区居民委员会", "阳光新城社区"),
        ("岗李村", "岗李村"),
        ("虚拟生活区", "虚拟生活区"),
    ],
)
def test_short_names(name, short):
    assert short_name(name) == short


def test_pinyin_initials():
    assert pinyin_initials("关王庙村") == "gwmc"
    assert pinyin_initials("迎秀社区") == "yxsq"
