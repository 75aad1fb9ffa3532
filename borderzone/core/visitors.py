"""Who is a reader: the one rule for telling crawlers, link checkers and scripts from people."""

from __future__ import annotations

import re

# Crawlers, link previews, link checkers, monitors and scripts: their requests are not readers.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|embedly|curl|wget|python-requests|httpx|"
    r"httpclient|go-http|java/|libwww|scrapy|headlesschrome|phantomjs|lighthouse|monitor|uptime",
    re.IGNORECASE,
)


def is_bot_agent(user_agent: str) -> bool:
    """True for a request's User-Agent that is empty or names a crawler, a previewer, a monitor or a script."""
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))
