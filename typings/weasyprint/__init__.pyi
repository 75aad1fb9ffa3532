from collections.abc import Callable
from typing import IO, Any, overload

from weasyprint.urls import URLFetcher

class HTML:
    def __init__(
        self,
        guess: Any = None,
        filename: str | None = None,
        url: str | None = None,
        file_obj: IO[bytes] | None = None,
        string: str | None = None,
        encoding: str | None = None,
        base_url: str | None = None,
        url_fetcher: URLFetcher | Callable[..., Any] | None = None,
        media_type: str = "print",
    ) -> None: ...
    @overload
    def write_pdf(self, target: None = None, **options: Any) -> bytes: ...
    @overload
    def write_pdf(self, target: Any, **options: Any) -> None: ...
