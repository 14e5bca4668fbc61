"""The README's screenshot of the article page, taken with the system's Chromium (Debian's
/usr/bin/chromium: `make browser`) through Playwright, which never downloads a browser.

    make demo
    .venv/bin/newsgraph serve --db newsgraph.db &
    .venv/bin/python tools/screenshot.py http://127.0.0.1:8765/articles/HASH docs/article.png

HASH is the example article's (`newsgraph query search withdrawal --in documents`); a
1200x820 viewport keeps the PNG under 300 KB.
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


def main(url: str, out: str) -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 820}, device_scale_factor=1)
        page.goto(url, wait_until="networkidle")
        page.screenshot(path=out, full_page=False)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
