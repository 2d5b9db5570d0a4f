from pathlib import Path

import pytest

from tests.browser import test_big_nav as big_nav

SITE = Path("/tmp/pytest-of-root/pytest-961/knowledge-garden0/zensical-site")


@pytest.mark.parametrize(
    "check",
    [
        big_nav.test_deep_page_shows_its_folder_with_the_page_highlighted,
        big_nav.test_a_note_in_another_folder_is_two_clicks_away,
        big_nav.test_the_mobile_drawer_still_navigates,
    ],
)
def test_nav(browser, serve, check):
    check(serve(SITE), browser)


def test_big(browser, serve):
    big_nav.test_a_big_folder_shows_a_window_and_links_the_rest(serve(SITE), SITE, browser)
