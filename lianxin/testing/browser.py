"""Shared fixtures for browser tests: Debian's chromium, driven by Playwright, against a real
`runserver` on its own SQLite file holding the demo world (migrate + load_demo), started once
per test session. No browser test asks for `db`, `live_server` or the `django_db` mark, so
pytest-django's test database is never touched. Registered in lianxin/conftest.py.

Screenshots land in test-artifacts/screenshots/<viewport>-<step>.png.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "Lianxin@2023"  # lianxin.orgs.demo.DEMO_PASSWORD (the demo server this module starts)
VIEWPORTS = {"1366": {"width": 1366, "height": 768}, "360": {"width": 360, "height": 740}}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


# --- The server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"runserver exited early with code {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            try:  # pause by waiting on the server process, which also notices an early exit
                server.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                pass
    raise TimeoutError(f"runserver did not answer on port {port} within {timeout} s")


_server_env: dict[str, str] = {}  # the demo server's environment (its database), for manage_on_server


def manage_on_server(*args: str) -> str:
    """Run a management command against the demo server's database; its output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=_server_env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)}: {done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of a runserver on a fresh SQLite file holding the demo world."""
    db = tmp_path_factory.mktemp("browser") / "browser.sqlite3"
    # DEBUG off so a 404 renders our 404.html, not Django's technical page; WhiteNoise still
    # serves static files from the app folders in development.
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_DEBUG": "0",
        "LIANXIN_ENV": "development",
        # Audit checkpoints of this throwaway database stay beside it, not in the repo's var/.
        "LIANXIN_AUDIT_CHECKPOINTS": str(db.parent / "audit-checkpoints.jsonl"),
    }

    def manage(*args):
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True)
        if done.returncode:
            pytest.fail(f"manage.py {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")

    _server_env.update(env)
    manage("migrate", "--noinput")
    manage("load_demo")
    _used_steps.clear()
    _used_steps["*"] = _current_step()  # load_demo confirmed the demo authenticators with a code
    port = free_port()
    log = (db.parent / "runserver.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


# --- The browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("LIANXIN_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page whose console errors, uncaught exceptions and foreign requests are recorded."""

    def __init__(self, page, base_url: str, viewport: str):
        self.page, self.base_url, self.viewport = page, base_url, viewport
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.expected_404: set[str] = set()
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("request", self._on_request)

    def _on_console(self, msg):
        if msg.type != "error":
            return
        # Chromium logs the 404 of a page we open on purpose; that is no fault of the page.
        if "status of 404" in msg.text and msg.location.get("url") in self.expected_404:
            return
        self.errors.append(f"console: {msg.text} ({msg.location.get('url')})")

    def _on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOCAL_HOSTS:
            self.foreign.append(request.url)

    def goto(self, path: str, expect_status: int = 200):
        url = self.base_url + path
        if expect_status == 404:
            self.expected_404.add(url)
        response = self.page.goto(url)
        assert response.status == expect_status, f"{path}: {response.status}"
        return response

    def shot(self, step: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.viewport}-{step}.png"), full_page=True)


@pytest.fixture(params=list(VIEWPORTS), ids=lambda v: f"{v}px")
def watched(request, browser, server):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page, server, request.param)
    context.close()


@pytest.fixture
def offline_phone(browser, server):
    """A 360 px phone whose service worker runs, and its context (to cut the network)."""
    context = browser.new_context(
        viewport=VIEWPORTS["360"], locale="zh-CN", has_touch=True, is_mobile=True, service_workers="allow"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield Watched(page, server, "360"), context
    context.close()


# --- The phone's offline queue (static/js/offline.js) ------------------------------------------


def _on_queue(page, body: str):
    """Run `body` (JavaScript with `db` open and `resolve`) in the page against its queue."""
    script = 'const open = indexedDB.open("lianxin", 1); open.onsuccess = () => { const db = open.result; %s };'
    return page.evaluate("() => new Promise((resolve) => { %s })" % (script % body))


def open_online_through_worker(w: Watched, path: str) -> None:
    """The page opened once the service worker runs, so that the worker keeps a copy of it."""
    w.goto(path)
    w.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    w.goto(path)


def queued_on_device(page) -> int:
    """Records of any user left in this browser's queue."""
    return _on_queue(
        page, 'const c = db.transaction("queue").objectStore("queue").count();c.onsuccess = () => resolve(c.result);'
    )


def keep_queue(page) -> int:
    """Keep the queue as it is now in the page, to send it again with `replay_queue`."""
    return _on_queue(
        page,
        'const all = db.transaction("queue").objectStore("queue").getAll();'
        "all.onsuccess = () => { window.__replay = all.result; resolve(all.result.length); };",
    )


def replay_queue(page) -> None:
    """Put the kept queue back, as a resend or a second tab would send it, and wait until the
    page has sent it all."""
    _on_queue(
        page,
        'const t = db.transaction("queue", "readwrite");'
        'window.__replay.forEach((r) => t.objectStore("queue").put(r));'
        't.oncomplete = () => { window.dispatchEvent(new Event("online")); resolve(); };',
    )
    deadline = time.monotonic() + 20
    while queued_on_device(page) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert queued_on_device(page) == 0, "the replayed queue was not sent"


# --- Steps ----------------------------------------------------------------------------------


def log_in(w: Watched, username: str) -> None:
    """Through the real login form; demo accounts with a second factor (office, sysadmin,
    auditor) then type the code their authenticator would show (the demo secret)."""
    w.goto("/")
    w.page.wait_for_url("**/accounts/login/**")
    w.shot("login")
    w.page.get_by_label("用户名或手机号").fill(username)
    w.page.locator("input[name=password]").fill(PASSWORD)
    w.page.get_by_role("button", name="登录").click()
    w.page.wait_for_url(lambda url: urlsplit(url).path != "/accounts/login/")
    if urlsplit(w.page.url).path == MFA_VERIFY:
        w.shot("second-factor")
        type_second_factor(w, username)
    _wait_for_home(w, username)


MFA_VERIFY = "/accounts/mfa/verify/"


def type_second_factor(w: Watched, username: str) -> None:
    """Type the code; if the server refused it (see second_factor_step for when that can
    happen), type a code of the clock's own step once more, as a person would."""
    for retry in (False, True):
        if retry:
            time.sleep(2)  # django-otp holds a device for a second after a refused code
        step = second_factor_step(username, retry)
        w.page.get_by_label("验证码").fill(second_factor_code(step))
        with w.page.expect_navigation():  # to the next page, or the form again with its error
            w.page.get_by_role("button", name="验证").click()
        if urlsplit(w.page.url).path != MFA_VERIFY:
            _used_steps[username] = step
            return


def _wait_for_home(w: Watched, username: str) -> None:
    try:
        w.page.wait_for_url(w.base_url + "/")
    except Exception as error:  # say where the login stopped, not only that it timed out
        alerts = w.page.locator(".alert, .invalid-feedback, .errorlist").all_inner_texts()
        raise AssertionError(f"{username} did not reach the home page: at {w.page.url}, showing {alerts}") from error


# The last authenticator time step used per account ("*": by load_demo, for all of them). The
# server takes each code once, for a step within one of its clock plus the drift it kept from
# the last code (django-otp's OTP_TOTP_SYNC). A code typed across a step boundary leaves a drift
# of -1, after which the next step's code is refused; so codes are never typed in a step's last
# seconds, a second login within the same 30 seconds types the next step's code, and a third
# waits for the clock.
_used_steps: dict[str, int] = {}
_STEP_MARGIN = 4  # seconds before a step ends in which no code is typed


def _current_step(at: float | None = None) -> int:
    from lianxin.accounts.mfa import current_step

    return current_step(at)


def second_factor_step(username: str, retry: bool = False) -> int:
    """The step whose code to type now: never in a step's last seconds, after the account's
    last one, at most one ahead of the clock (and not ahead at all on a retry)."""
    while _current_step() != _current_step(at=time.time() + _STEP_MARGIN):
        time.sleep(0.5)
    step = max(_current_step(), _used_steps.get(username, _used_steps.get("*", -1)) + 1)
    while step > _current_step() + (0 if retry else 1):
        time.sleep(1)
    return step


def second_factor_code(step: int) -> str:
    from lianxin.accounts.mfa import code_for
    from lianxin.orgs.demo import DEMO_TOTP_KEY

    return code_for(DEMO_TOTP_KEY, step)


def open_nav_item(w: Watched, label: str) -> None:
    """Click a side-nav entry; on narrow screens the nav lives in an offcanvas behind 菜单."""
    menu = w.page.get_by_role("button", name="菜单")
    if menu.is_visible():
        menu.click()
        w.page.locator("#sidenav.show:not(.showing)").wait_for()  # slide-in finished
        w.shot("menu")
    w.page.locator("#sidenav").get_by_role("link", name=label).click()


def assert_chart_drawn(w: Watched) -> None:
    """ECharts put its canvas in the chart box (a CSP block or a script error would stop it)."""
    try:
        expect(w.page.locator(".chart canvas")).to_have_count(1)
    except AssertionError as exc:
        raise AssertionError(f"chart not drawn; page errors so far: {w.errors}") from exc
