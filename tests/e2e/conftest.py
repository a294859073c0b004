import pytest

from tests.support import browser, services


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def chromium():
    reason = browser.chromium_missing_reason()
    if reason:
        if services.in_ci():
            pytest.fail(f"CI must provide Chromium: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, and Django's ORM
    # refuses to run beside one; while the browser is up, the tests are its only users.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        instance = playwright.chromium.launch(
            executable_path=browser.chromium_path(), headless=True, args=browser.CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture(params=[browser.PHONE, browser.DESKTOP], ids=["375px", "1280px"])
def page(request, chromium):
    context = chromium.new_context(viewport=request.param, reduced_motion="reduce")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class Browsers:
    """Opens browser contexts for one journey (one per person) that reach only the live
    server; ``outside`` collects every request that tried to go elsewhere."""

    def __init__(self, chromium, base_url):
        self.chromium = chromium
        self.base_url = base_url
        self.outside = []
        self.contexts = []

    def open(self, viewport=browser.DESKTOP, **options):
        context = self.chromium.new_context(viewport=viewport, reduced_motion="reduce", **options)
        context.set_default_timeout(10_000)
        browser.stay_local(context, self.base_url, self.outside)
        self.contexts.append(context)
        return context.new_page()

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsers(chromium, live_server):
    opened = Browsers(chromium, live_server.url)
    yield opened
    opened.close()
