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
- `browser_page_without_js`: the same, with JavaScript switched off (progressive
  enhancement: what works without portal.js).
- `assert_accessible`: `assert_accessible(page)` runs axe-core (WCAG 2.0 and 2.1, A and
  AA) on the page and fails with a readable list of violations; it also fails on CSP
  violations reported so far, and when the page, shown 375 px wide (a phone), scrolls
  sideways (WCAG 1.4.10 reflow). The viewport is put back afterwards.

Motion is off in every page: the context prefers reduced motion, and an init script
adopts a style sheet that removes every transition and makes every animation end at
once, so axe never reads a colour halfway through a hover or fade (a button caught
mid-transition once failed contrast). The style sheet is constructed in script, which the site's
Content Security Policy (style-src 'self') does not govern.

Without Chromium, Playwright or axe-core the browser tests are skipped with the reason;
with CI=true they fail instead, so nothing is skipped silently in CI.
Mark browser test modules with `pytestmark = pytest.mark.browser`: tools/test.sh runs
them in their own pass.
"""

from __future__ import annotations

import os
import re
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

# No transitions at all: even a 0.01 ms transition shows its start value until the next
# frame (axe once read the closed colours of a just-opened menu button). Animations end
# at once instead of being removed (an element that fades in keeps its end state), and
# run_axe waits for them; Wagtail's admin, which waits for `transitionend` and
# `animationend`, reads the durations first or falls back on a timeout.
NO_MOTION = """
(() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`*, *::before, *::after {
    transition: none !important;
    animation-duration: 0.01ms !important; animation-delay: 0s !important;
    animation-iteration-count: 1 !important; scroll-behavior: auto !important;
  }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
})();
"""

# A phone in portrait: the narrowest width every page has to work at without
# scrolling sideways.
NARROW_VIEWPORT = {"width": 375, "height": 740}
SIDEWAYS_SCROLL = r"""() => {
  const inner = window.innerWidth;
  const scroll = document.documentElement.scrollWidth;
  // The outermost elements that stick out on the right, to say what to fix.
  const culprits = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > inner + 0.5
      && !(el.parentElement && el.parentElement.getBoundingClientRect().right > inner + 0.5))
    .slice(0, 5)
    .map((el) => {
      const path = [];
      for (let node = el; node && node !== document.body; node = node.parentElement) {
        path.unshift(node.tagName.toLowerCase()
          + (typeof node.className === "string" && node.className.trim()
            ? "." + node.className.trim().split(/\s+/).join(".") : ""));
      }
      const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 80);
      return `${path.slice(-4).join(" > ")}, right edge at `
        + `${Math.round(el.getBoundingClientRect().right)} px: "${text}"`;
    });
  return {inner, scroll, culprits};
}"""


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
# Pages opened with JavaScript off: page.evaluate still works there (Playwright's own
# world), but requestAnimationFrame callbacks are not waited for.
_javascript_enabled: dict[int, bool] = {}


def _watched_page(browser: Browser, base_url: str, **options: Any) -> Iterator[Page]:
    """A page in its own context, failing the test at teardown on CSP violations."""
    context = browser.new_context(
        locale="nl-NL", base_url=base_url, reduced_motion="reduce", **options
    )
    context.set_default_timeout(10_000)
    context.add_init_script(CSP_LISTENER)
    context.add_init_script(NO_MOTION)
    page = context.new_page()
    errors: list[str] = []
    _csp_errors[id(page)] = errors
    _javascript_enabled[id(page)] = options.get("java_script_enabled", True)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and any(marker in message.text for marker in CSP_MARKERS):
            errors.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    try:
        yield page
    finally:
        context.close()
        _csp_errors.pop(id(page), None)
        _javascript_enabled.pop(id(page), None)
    if errors:
        pytest.fail("Content Security Policy violations:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def browser_page(
    chromium_browser: Browser,  # first: see chromium_browser
    live_server,
    django_db_serialized_rollback,
    transactional_db,
) -> Iterator[Page]:
    yield from _watched_page(chromium_browser, live_server.url)


@pytest.fixture
def browser_page_without_js(
    chromium_browser: Browser,  # first: see chromium_browser
    live_server,
    django_db_serialized_rollback,
    transactional_db,
) -> Iterator[Page]:
    """A page with JavaScript off (init scripts do not run: no motion style sheet, but
    Chromium still reports CSP violations in the console)."""
    yield from _watched_page(chromium_browser, live_server.url, java_script_enabled=False)


# Two animation frames: the first after a resize may still lay out with style from the
# old size (a measurement once saw a 375 px page with the container padding of 1280 px).
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def resize(page: Page, size: dict[str, int]) -> None:
    """Set the viewport and wait until the page is drawn at the new size."""
    page.set_viewport_size(size)
    if _javascript_enabled.get(id(page), True):
        page.evaluate(TWO_FRAMES)


@pytest.fixture
def set_viewport() -> Callable[[Page, dict[str, int]], None]:
    """`set_viewport(page, {"width": 375, "height": 740})`: resize, then wait two frames."""
    return resize


def sideways_scroll(page: Page) -> str | None:
    """Show the page 375 px wide and say what sticks out when it scrolls sideways (None
    when it does not); the viewport is put back as it was."""
    size = page.viewport_size
    resize(page, NARROW_VIEWPORT)
    try:
        widths = page.evaluate(SIDEWAYS_SCROLL)
    finally:
        if size:
            resize(page, size)
    if widths["scroll"] <= widths["inner"]:
        return None
    return (
        f"{page.url} scrolls sideways at {NARROW_VIEWPORT['width']} px wide: the page is "
        f"{widths['scroll']} px wide, the window {widths['inner']} px.\n"
        + "\n".join(f"    {culprit}" for culprit in widths["culprits"])
    )


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
def assert_accessible(axe_source: str) -> Callable[..., None]:
    """`assert_accessible(page)`: no axe violations (WCAG 2.0/2.1 A and AA) and no CSP
    violations on the page as it is now, and no sideways scrolling when the same page is
    shown 375 px wide (`narrow=False` skips that, for pages that are not ours)."""

    def check(page: Page, *, narrow: bool = True) -> None:
        problems = []
        violations = run_axe(page, axe_source)
        if violations:
            problems.append(
                f"{len(violations)} accessibility violation(s) on {page.url}:\n"
                + format_violations(violations)
            )
        if narrow and (sideways := sideways_scroll(page)):
            problems.append(sideways)
        csp = _csp_errors.get(id(page), [])
        if csp:
            problems.append("Content Security Policy violations:\n" + "\n".join(csp))
            csp.clear()  # reported here; not again at teardown
        if problems:
            pytest.fail("\n\n".join(problems), pytrace=False)

    return check


@pytest.fixture
def log_in() -> Callable[[Page, str], None]:
    """`log_in(page, email)`: through allauth's login form, with the factories' password
    (accounts without MFA); waits until the header shows the account links."""

    def run(page: Page, email: str) -> None:
        from playwright.sync_api import expect  # noqa: PLC0415

        from portal.accounts.factories import DEFAULT_PASSWORD  # noqa: PLC0415

        page.goto("/accounts/login/")
        page.get_by_label("E-mail", exact=True).fill(email)
        page.get_by_label("Wachtwoord", exact=True).fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
        expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()

    return run


@pytest.fixture
def log_out() -> Callable[[Page], None]:
    """`log_out(page)`: the header's "Uitloggen"; waits for "Inloggen"."""

    def run(page: Page) -> None:
        from playwright.sync_api import expect  # noqa: PLC0415

        page.get_by_role("button", name="Uitloggen").click()
        expect(page.get_by_role("link", name="Inloggen")).to_be_visible()

    return run
