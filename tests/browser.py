"""What the browser tests share: Debian's chromium driven by Playwright (never a browser
download), and the flags that keep a headless run quiet and offline. A test module calls
`require_chromium()` at import: without /usr/bin/chromium it is skipped, saying why."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]


def require_chromium():
    """The playwright.sync_api module; skips the calling module when chromium is absent."""
    if not CHROMIUM.exists():
        pytest.skip("chromium is absent (/usr/bin/chromium): `make browser` installs it",
                    allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")
