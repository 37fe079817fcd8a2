"""Words in the reader's language (issue 8, point 6): nothing is translated once at import time,
when no request has chosen a language yet (English readers got Chinese headers), and each app's
export speaks the language the request asked for."""

import ast
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation
from openpyxl import load_workbook

import lianxin
from lianxin.conftest import MENGZHOU, YINGXIU
from lianxin.core.plugins import plugins
from lianxin.core.years import year_choices
from lianxin.testing.xlsx import table

ROOT = Path(lianxin.__file__).parent
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# liaison/board.py builds EXPORT_HEADER with gettext at import; liaison is moving to new apps,
# where the header becomes gettext_lazy (or is built per request) and this entry goes.


def _eager_calls(tree: ast.Module) -> list[int]:
    """Lines where a gettext imported as eager runs at import: in a module or class body, a
    default argument or a decorator; not inside a function body, which runs per request."""
    eager = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }
    lines = []

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                for part in [*child.decorator_list, *child.args.defaults, *child.args.kw_defaults]:
                    if part is not None:
                        visit(ast.Expression(body=part))
                continue
            if isinstance(child, ast.Lambda):
                continue
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in eager:
                lines.append(child.lineno)
            visit(child)

    visit(tree)
    return lines


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def test_the_check_sees_a_header_built_at_import():
    source = 'from django.utils.translation import gettext as _\nHEADER = [_("代码")]\ndef f():\n    return _("x")\n'
    assert _eager_calls(ast.parse(source)) == [2]


def test_no_gettext_runs_at_import_time():
    found = {}
    for path in _modules():
        name = str(path.relative_to(ROOT))
        if lines := _eager_calls(ast.parse(path.read_text())):
            found[name] = lines
    assert not found, "use gettext_lazy there, or build the text inside a function"


def _aliases(tree: ast.Module) -> list[str]:
    """Names other than `_` that a translation function is imported as: `makemessages` only
    collects `_(…)` and the functions' own names, so `_l("…")` never reaches the catalogue."""
    return [
        alias.asname
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.asname not in (None, "_")
    ]


def test_the_check_sees_an_alias_makemessages_skips():
    source = "from django.utils.translation import gettext as _, gettext_lazy as _l, ngettext\n"
    assert _aliases(ast.parse(source)) == ["_l"]


def test_translation_functions_keep_names_makemessages_collects():
    found = {
        str(path.relative_to(ROOT)): names for path in _modules() if (names := _aliases(ast.parse(path.read_text())))
    }
    assert not found, "import gettext_lazy as `_` or by its own name"


def _texts_shown_in_english():
    """Every plugin's navigation entries and sections, and every model's names, field names and
    choices: the words on each app's menu, headings, forms and list columns."""
    for app, plugin in plugins().items():
        for item in plugin.nav:
            yield app, item.label
            if item.section:
                yield app, item.section.label
    for model in apps.get_models():
        if not model.__module__.startswith("lianxin."):
            continue
        name = model._meta.label
        yield name, model._meta.verbose_name
        yield name, model._meta.verbose_name_plural
        for field in model._meta.get_fields():
            yield name, getattr(field, "verbose_name", "")
            for _value, label in getattr(field, "flatchoices", None) or []:
                yield name, label


def test_every_menu_entry_and_model_name_has_english():
    """New apps must run makemessages and translate (docs/development.md, Internationalisation)."""
    with translation.override("en"):
        chinese = sorted({(where, str(text)) for where, text in _texts_shown_in_english() if CHINESE.search(str(text))})
    assert not chinese, f"no English for: {chinese[:20]}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("user", "url", "first"),
    [
        ("office", f"/orgs/{MENGZHOU}/?export=xlsx", "Code"),
        ("sysadmin", "/accounts/users/?export=xlsx", "Username"),
        ("auditor", "/audit/?export=xlsx", "No."),
        ("office", "/standards/?export=xlsx", None),
        ("office", f"/planning/board/{MENGZHOU}/?export=xlsx", "Village (community)"),
        ("office", f"/rating/stats/{MENGZHOU}/?export=xlsx", "Unit"),
    ],
)
def test_an_english_reader_gets_english_export_headers(login, users, user, url, first):
    response = login(users[user]).get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [str(c) for c in table(sheet)[0]]
    assert first is None or header[0] == first
    chinese = [text for text in [sheet.title, *header] if CHINESE.search(text)]
    assert not chinese, f"untranslated: {chinese}"


@pytest.mark.django_db
def test_choices_made_at_import_follow_the_reader(login, users):
    """The review chains a county picks from are named from the step names, per request."""
    page = login(users["office"]).get(f"/rating/settings/{MENGZHOU}/", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and "Task force review" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "required", "no_standard"),
    [
        ("en", "This field is required.", "No Standard has been published for 2099"),
        ("zh-hans", "该字段是必填项。", "2099 年度尚无已发布的创建标准"),
    ],
)
def test_api_errors_speak_the_language_asked_for(login, users, language, required, no_standard):
    """DRF's own messages and the services' messages that `call_service` passes on."""
    client = login(users["village"])
    headers = {"Accept-Language": language}
    missing = client.post("/api/v1/plans/", {}, content_type="application/json", headers=headers)
    assert missing.status_code == 400 and missing.json()["village"] == [required]
    refused = client.post(
        "/api/v1/plans/", {"village": YINGXIU, "year": 2099}, content_type="application/json", headers=headers
    )
    assert refused.status_code == 400 and refused.json()["detail"][0].startswith(no_standard)


@pytest.mark.django_db
def test_an_api_view_s_own_message_is_translated(login, users):
    body = {"county": MENGZHOU, "year": 2030, "applications": [999999]}
    response = login(users["office"]).post(
        "/api/v1/rating/publicities/", body, content_type="application/json", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400 and response.json() == {"applications": ["Application not found"]}


def test_year_choices_follow_the_reader():
    with translation.override("en"):
        english = dict(year_choices())
    with translation.override("zh-hans"):
        chinese = dict(year_choices())
    assert english[2024] == "2024" and chinese[2024] == "2024年"
