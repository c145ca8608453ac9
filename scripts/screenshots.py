"""Take the README's screenshots from a running Backcare (make run) in Debian's Chromium.

Usage: .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
# name: (path, viewport width, whole page?)
PAGES = {
    "exercise-detail": ("/exercises/knee-to-chest/", 1280, True),
    "exercise-list-phone": ("/exercises/?category=stretch", 375, False),
}
# name: path of an exercise whose picture is cropped out, still on its last position.
FIGURES = {
    "figure-knee-to-chest": "/exercises/knee-to-chest/",
    "figure-bird-dog": "/exercises/bird-dog/",
}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def take_figures(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    for name, path in FIGURES.items():
        page.goto(base_url + path)
        page.locator(".exercise-figure--large svg").screenshot(path=OUT / f"{name}.png")
    page.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=ARGS
        )
        for name, (path, width, full_page) in PAGES.items():
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto(BASE_URL + path)
            page.screenshot(path=OUT / f"{name}.png", full_page=full_page)
            page.close()
        take_figures(browser, BASE_URL)
        browser.close()
    print(f"Screenshots written to {OUT}")


if __name__ == "__main__":
    main()
