"""Fetching http(s) URLs politely: a User-Agent, timeouts, retries with back-off, a size limit, a pause per host."""
from __future__ import annotations

import time
from typing import Optional
from urllib.parse import urlsplit

from .base import InputError, Source

USER_AGENT = "graphkit/0.1 (news to knowledge graph; +https://pypi.org/project/graphkit/)"
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
          "text/plain;q=0.8,*/*;q=0.5")
MAX_BYTES = 20 * 1024 * 1024      # a page or feed larger than this is refused
CONNECT_TIMEOUT, READ_TIMEOUT = 10.0, 30.0
RETRIES, BACKOFF = 3, 1.0          # retries of failed connections and of 429/5xx answers: 0 s, 2 s, 4 s apart
HOST_PAUSE = 1.0                   # seconds between two requests to one host


class Fetcher:
    """One HTTP client for a run: connections are reused and each host is asked at most once per `pause`."""

    def __init__(self, user_agent: str = USER_AGENT, max_bytes: int = MAX_BYTES, retries: int = RETRIES,
                 backoff: float = BACKOFF, pause: float = HOST_PAUSE, timeout: tuple = (CONNECT_TIMEOUT, READ_TIMEOUT)):
        import urllib3

        self.max_bytes, self.pause = max_bytes, pause
        self.pool = urllib3.PoolManager(
            headers={"User-Agent": user_agent, "Accept": ACCEPT},
            timeout=urllib3.Timeout(connect=timeout[0], read=timeout[1]),
            retries=urllib3.Retry(total=retries, backoff_factor=backoff, status_forcelist=(429, 500, 502, 503, 504),
                                  allowed_methods=["GET"], respect_retry_after_header=True, raise_on_status=False))
        self._last: dict[str, float] = {}

    def fetch(self, url: str, kind: Optional[str] = None) -> Source:
        """The URL's body as a Source (kind from --format, else from the content type or the content).
        Raises InputError (naming the URL) for an unreachable server, an HTTP error or a body over the limit."""
        import urllib3

        host = urlsplit(url).netloc
        wait = self._last.get(host, 0.0) + self.pause - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            r = self.pool.request("GET", url, preload_content=False)
            try:
                if r.status >= 400:
                    raise InputError(url, f"HTTP {r.status} {r.reason or ''}".rstrip())
                declared = r.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise InputError(url, f"larger than the limit of {self.max_bytes:,} bytes")
                body = bytearray()
                for chunk in r.stream(65536):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise InputError(url, f"larger than the limit of {self.max_bytes:,} bytes")
            finally:
                r.release_conn()
        except urllib3.exceptions.MaxRetryError as e:
            raise InputError(url, f"could not fetch ({_reason(e.reason)})") from None
        except urllib3.exceptions.HTTPError as e:
            raise InputError(url, f"could not fetch ({_reason(e)})") from None
        finally:
            self._last[host] = time.monotonic()
        return Source(kind=kind, where=url, url=url, data=bytes(body),
                      content_type=(r.headers.get("Content-Type") or "").split(";")[0].strip().lower())


def _reason(e) -> str:
    text = str(e)
    # urllib3 wraps the socket error: keep its last, human part ("Connection refused")
    return (text.rsplit(": ", 1)[-1] if ": " in text else text)[:120].rstrip(")'\"") or type(e).__name__
