"""The browser fixture works: Playwright drives the local browser over the served site."""

import pytest
from playwright.sync_api import sync_playwright

from handbook.browser import LAUNCH_ARGS

pytestmark = pytest.mark.browser


def test_home_page_opens_in_browser(browser_path, served_site):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=LAUNCH_ARGS)
        page = browser.new_page()
        page.goto(served_site)
        assert page.locator("html").get_attribute("lang") == "nl"
        assert "Handboek" in page.title()
        browser.close()
