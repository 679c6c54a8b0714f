"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Without /usr/bin/chromium (`apt-get install chromium`) these tests skip with a reason, except with
CI=true, where that is a failure. Playwright's own browser downloads are never used.

Playwright's sync API keeps an asyncio event loop running in the test thread, which trips Django's
async-safety check on every ORM call the test makes. The browser therefore lives for this package
only (not the whole session), and DJANGO_ALLOW_ASYNC_UNSAFE is set for exactly as long: the tests
outside tests/e2e run with the check on and no loop around.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from demo.notas import DEMO_PASSWORD
from tests.conftest import _unavailable

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}

# Playwright's default of 30 s only makes a broken test slow to report.
expect.set_options(timeout=10_000)


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"needs Chromium at {CHROMIUM}: apt-get install chromium")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context (no cookies) speaking Dutch, as the ministry's users do.

    Errors in the browser's console (a script that throws, a style or script the Content
    Security Policy refused, a failed request) fail the test; only the absent favicon is let go.
    """
    context = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    console_errors = []

    def on_console(message):
        url = message.location.get("url", "")
        if message.type == "error" and not url.endswith("/favicon.ico"):
            console_errors.append(f"{message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"FAILED-{request.node.name}.png", full_page=True)
    context.close()
    if report is not None and report.passed:
        assert not console_errors, "errors in the browser console:\n" + "\n".join(console_errors)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keeps the call phase's report on the item, so `page` can screenshot a failing test.
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


def login_as(page: Page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Logs in through the real form, in a new session, and lands on the werkvoorraad."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Werkvoorraad")).to_be_visible()


def check_a11y(page: Page, name: str) -> None:
    """Runs axe-core on the page and fails on serious or critical violations.

    A full-page screenshot goes to tests/e2e/screenshots/<name>.png either way.
    """
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {name} ({page.url}):\n" + _describe(blocking)


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  * {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            for check in node["any"] + node["all"] + node["none"]:
                lines.append(f"      {check['message']}")
    return "\n".join(lines)
