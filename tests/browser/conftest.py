"""Browser journeys: Debian's Chromium driven by Playwright (sync API), against
pytest-django's live server, with axe-core for automated accessibility checks.

Fixtures:
- `chromium_browser` (session): a headless Chromium at /usr/bin/chromium.
- `browser_page`: a fresh page (own context: no cookies shared between tests) whose
  console is watched; the test fails when the page reports a Content Security Policy
  violation. The context's base URL is the live server, so `browser_page.goto("/")`
  works. The database is transactional (the live server runs in another thread) with
  serialized rollback, so data created by migrations (Wagtail's root page, groups,
  workflow) is back for every test.
- `assert_accessible`: `assert_accessible(page)` runs axe-core (WCAG 2.0 and 2.1, A and
  AA) on the page and fails with a readable list of violations; it also fails on CSP
  violations reported so far.

Without Chromium, Playwright or axe-core the browser tests are skipped with the reason;
with CI=true they fail instead, so nothing is skipped silently in CI.
Mark browser test modules with `pytestmark = pytest.mark.browser`: tools/test.sh runs
them in their own pass.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

# Playwright's sync API runs an asyncio event loop in this thread; Django then refuses
# database access from it ("SynchronousOnlyOperation"), although the test code itself is
# synchronous. This is the documented switch for exactly this case; tests only.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STRICT = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

# Chromium reports blocked resources in the console ("Refused to load ... because it
# violates the following Content Security Policy directive"); the init script below
# reports the `securitypolicyviolation` event as well, in case the message changes.
CSP_MARKERS = ("Content Security Policy", "CSP violation")
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile || ""}:${event.lineNumber || ""})`);
});
"""


def _unavailable(reason: str) -> None:
    if STRICT:
        pytest.fail(f"{reason} (CI=true: browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_browser(django_db_setup) -> Iterator[Browser]:
    """Headless Chromium for the whole session.

    Once Playwright's sync API has started, an asyncio event loop counts as running in
    this thread, and Django then keeps a second, separate set of database connection
    objects for it (connections are "thread critical" locals). The test database was
    serialized onto the first set (for `serialized_rollback`): carry it over, or every
    browser test after the first would find the tables flushed and nothing restored.
    """
    if not CHROMIUM.exists():
        _unavailable(f"Chromium not found at {CHROMIUM} (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed ('make install')")
    from django.db import connections

    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    for alias, contents in serialized.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents
    yield browser
    browser.close()
    # Close this loop's connections, so the test database can be dropped afterwards.
    connections.close_all()
    playwright.stop()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_PATH.exists():
        _unavailable(f"axe-core not found at {AXE_PATH} ('make install' runs npm ci)")
    return AXE_PATH.read_text(encoding="utf-8")


# Console CSP errors per page, read by `assert_accessible` and at teardown.
_csp_errors: dict[int, list[str]] = {}


@pytest.fixture
def browser_page(
    chromium_browser: Browser,  # first: see chromium_browser
    live_server,
    django_db_serialized_rollback,
    transactional_db,
) -> Iterator[Page]:
    context = chromium_browser.new_context(locale="nl-NL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    errors: list[str] = []
    _csp_errors[id(page)] = errors

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and any(marker in message.text for marker in CSP_MARKERS):
            errors.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    try:
        yield page
    finally:
        context.close()
        _csp_errors.pop(id(page), None)
    if errors:
        pytest.fail("Content Security Policy violations:\n" + "\n".join(errors), pytrace=False)


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One readable block per axe violation: rule, impact, help text and the elements."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'unknown impact'}): "
            f"{violation['help']}\n  {violation.get('helpUrl', '')}"
        )
        for node in violation.get("nodes", []):
            target = ", ".join(
                " ".join(part) if isinstance(part, list) else part
                for part in node.get("target", [])
            )
            lines.append(f"    at {target}: {node.get('failureSummary', '').strip()}".rstrip())
            lines.append(f"       {node.get('html', '')[:200]}")
    return "\n".join(lines)


def run_axe(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """Run axe-core on the current page and return its violations.

    The source is evaluated through the DevTools protocol (`page.evaluate`), which the
    page's Content Security Policy does not block, unlike `add_script_tag`.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    # Colours are checked as they settle: a message still fading in (Wagtail's admin
    # messages do) has a contrast that no visitor reads. Endless animations (spinners)
    # are not waited for, and no wait takes longer than 2 s.
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations()
                .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map((a) => a.finished.catch(() => null))),
            new Promise((resolve) => setTimeout(resolve, 2000)),
        ])"""
    )
    result = page.evaluate(
        """async (tags) => {
            const results = await window.axe.run(document, {
                runOnly: { type: "tag", values: tags },
                resultTypes: ["violations"],
            });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target, html: n.html, failureSummary: n.failureSummary,
                })),
            }));
        }""",
        AXE_TAGS,
    )
    return result


@pytest.fixture
def assert_accessible(axe_source: str) -> Callable[[Page], None]:
    """`assert_accessible(page)`: no axe violations (WCAG 2.0/2.1 A and AA) and no CSP
    violations on the page as it is now."""

    def check(page: Page) -> None:
        problems = []
        violations = run_axe(page, axe_source)
        if violations:
            problems.append(
                f"{len(violations)} accessibility violation(s) on {page.url}:\n"
                + format_violations(violations)
            )
        csp = _csp_errors.get(id(page), [])
        if csp:
            problems.append("Content Security Policy violations:\n" + "\n".join(csp))
            csp.clear()  # reported here; not again at teardown
        if problems:
            pytest.fail("\n\n".join(problems), pytrace=False)

    return check
