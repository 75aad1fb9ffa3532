import pytest

from borderzone.core.visitors import is_bot_agent


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "  ",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0) BingPreview/1.0b",
        "facebookexternalhit/1.1",
        "Embedly/0.2",
        "ia_archiver",
        "curl/8.5.0",
        "python-requests/2.32",
        "python-httpx/0.27",
        "Apache-HttpClient/4.5",
        "Go-http-client/2.0",
        "UptimeRobot/2.0",
        "Mozilla/5.0 HeadlessChrome/120.0",
    ],
)
def test_crawlers_previewers_and_scripts_are_not_readers(agent):
    assert is_bot_agent(agent)


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1",
        "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    ],
)
def test_browsers_are_readers(agent):
    assert not is_bot_agent(agent)
