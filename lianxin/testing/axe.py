"""axe-core in the browser tests: inject the vendored copy (test-only, never served), run it on
the page as it stands, and keep a per-page tally for the report the lead publishes.

The CSP forbids inline script, so `page.add_script_tag(path=...)` (which inlines the file's text
in a <script> element) is refused by the browser; `page.evaluate` of the file's text runs through
the DevTools protocol, which the page's CSP does not govern, and leaves the page's own policy in
force for everything the page does itself.
"""

import json
from collections import Counter
from pathlib import Path

from lianxin.testing.browser import REPO

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe" / "axe.min.js"
REPORT = REPO / "test-artifacts" / "axe-report.json"
# WCAG 2.0/2.1/2.2 levels A and AA, plus axe's best practices (landmarks, heading order, ...).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}
IMPACTS = ("critical", "serious", "moderate", "minor")

_source: str | None = None


def _axe_source() -> str:
    global _source
    if _source is None:
        _source = AXE_JS.read_text(encoding="utf-8")
    return _source


def run_axe(page) -> list[dict]:
    """axe's violations on the current page: [{id, impact, help, targets}]."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(" ")),
            }));
        }""",
        TAGS,
    )


def counts(violations: list[dict]) -> dict[str, int]:
    """Violating nodes by impact (a rule failing on three elements counts three)."""
    tally = Counter()
    for v in violations:
        tally[v["impact"] or "minor"] += len(v["targets"])
    return {impact: tally[impact] for impact in IMPACTS}


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(where: str, violations: list[dict]) -> list[str]:
    return [f"{where}: [{v['impact']}] {v['id']} {', '.join(v['targets'][:5])} — {v['help']}" for v in violations]


def record(key: str, per_page: dict[str, dict]) -> None:
    """Merge one run's pages into test-artifacts/axe-report.json under `key` (user@viewport),
    with totals by impact over our own pages (`_total`) and third-party ones apart."""
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    report = json.loads(REPORT.read_text(encoding="utf-8")) if REPORT.exists() else {}
    report[key] = per_page
    totals = {"_total": Counter(), "_total_third_party": Counter()}
    for run_key, pages in report.items():
        if run_key.startswith("_total"):
            continue
        for page in pages.values():
            totals["_total_third_party" if page.get("third_party") else "_total"].update(page["counts"])
    for total_key, tally in totals.items():
        report[total_key] = {impact: tally[impact] for impact in IMPACTS}
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
