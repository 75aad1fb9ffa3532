from typing import Any

class URLFetcherResponse:
    url: str
    status: int
    def __init__(
        self,
        url: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        status: int = 200,
        **kwargs: Any,
    ) -> None: ...

class URLFetcher:
    def __init__(
        self,
        timeout: float = 10,
        ssl_context: Any = None,
        http_headers: dict[str, str] | None = None,
        allowed_protocols: Any = None,
        allow_redirects: bool = True,
        fail_on_errors: bool = False,
        **kwargs: Any,
    ) -> None: ...
    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse: ...
