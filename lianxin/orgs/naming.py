"""Names of orgs: the branch's short name and pinyin initials for search."""

import re

from pypinyin import Style, lazy_pinyin

# Registered committee names and the short name the branch goes by (data/README.md):
# 关王庙村民委员会 -> 关王庙村, 迎秀居民委员会 -> 迎秀社区, 碧沙岗社区居委会 -> 碧沙岗社区.
_COMMUNITY_SUFFIX = re.compile(r"(社区)?(居民委员会|居民居委会|居委会|委员会)$")
_VILLAGE_SUFFIX = re.compile(r"(村民委员会|村委会)$")


def short_name(name: str) -> str:
    match = _VILLAGE_SUFFIX.search(name)
    if match:
        base = name[: match.start()]
        return base if base.endswith("村") else base + "村"
    match = _COMMUNITY_SUFFIX.search(name)
    if match:
        base = name[: match.start()]
        return base if base.endswith("社区") else base + "社区"
    return name


def county_prefix(county_name: str) -> str:
    """The one character a county-level unit's departments are named with: 孟州市 -> 市 (市委组织部,
    市农业农村局), 武陟县 -> 县, 解放区 -> 区."""
    return county_name[-1] if county_name[-1:] in ("市", "县", "区", "旗") else "县"


def pinyin_initials(text: str) -> str:
    """`关王庙村` -> `gwmc`; characters without pinyin (digits, letters) are kept as they are."""
    return "".join(part[0] for part in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default") if part).lower()
