"""Helpers for the Playwright browser tests: the chromium to drive, the off-site guard, and
the per-step checkpoint (off-site HTML scan, phone width, CJK font, optional screenshot)."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = ROOT / "docs" / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

PASSWORD = "demo-pass-2026"

# The tiny PDF every upload test uses: enough for the server's content check, but no page.
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def one_page_pdf(text: str) -> bytes:
    """A small PDF that viewers can render (one A4 page, one line of ASCII in Helvetica):
    the console's materials viewer shows it instead of "Failed to load PDF document"."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 20 Tf 72 760 Td ({safe}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def chromium_path() -> str | None:
    """YIZHAN_CHROMIUM if set, else Debian's /usr/bin/chromium; None when neither exists."""
    candidate = os.environ.get("YIZHAN_CHROMIUM") or "/usr/bin/chromium"
    if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
        return candidate
    found = shutil.which(candidate) if os.sep not in candidate else None
    return found


def screenshots_enabled() -> bool:
    return os.environ.get("YIZHAN_SCREENSHOTS") == "1"


BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        chromium_path() is None,
        reason="browser tests need Chromium: /usr/bin/chromium or $YIZHAN_CHROMIUM "
        "(apt-get install chromium; .ci/run installs it)",
    ),
]


# --- off-site guard -----------------------------------------------------------------------

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
HARMLESS_SCHEMES = {"data", "blob", "about", "javascript", "mailto", "tel", "sms"}
# Chromium's own pages and extensions (its PDF viewer is one): inside the browser, no network.
BROWSER_SCHEMES = {"chrome", "chrome-extension", "chrome-untrusted", "devtools"}
# Attribute values that can make the browser (or the reader) go somewhere.
ATTR_RX = re.compile(
    r"""\s(?P<name>src|href|action|formaction|poster|srcset|data|background|ping|content|"""
    r"""hx-get|hx-post|hx-put|hx-delete|hx-patch)\s*=\s*(?P<q>["'])(?P<value>.*?)(?P=q)""",
    re.IGNORECASE | re.DOTALL,
)
CSS_URL_RX = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)|@import\s+(["'])([^"']+)\3""")
ABSOLUTE_RX = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//", re.ASCII)


def _is_offsite(url: str) -> bool:
    """True when url names a host other than the local server (relative URLs never do)."""
    url = url.strip()
    if not url:
        return False
    scheme = url.split(":", 1)[0].lower() if re.match(r"^[a-zA-Z][\w+.-]*:", url) else ""
    if scheme in HARMLESS_SCHEMES:
        return False
    if not ABSOLUTE_RX.match(url):
        return bool(scheme) and scheme not in {"http", "https", "ws", "wss"}
    host = urlsplit(url if scheme else "http:" + url.strip()).hostname or ""
    return host not in LOCAL_HOSTS


def offsite_refs_in_html(html: str) -> list[str]:
    """Every src/href/action/... value and CSS url() in the HTML that points off the server."""
    found: list[str] = []
    for m in ATTR_RX.finditer(html):
        value = m.group("value")
        if m.group("name").lower() == "srcset":
            parts = [p.strip().split(" ")[0] for p in value.split(",")]
        else:
            parts = [value]
        found += [p for p in parts if _is_offsite(p)]
    for m in CSS_URL_RX.finditer(html):
        value = m.group(2) or m.group(4) or ""
        if _is_offsite(value):
            found.append(value)
    return found


@dataclass
class OffsiteGuard:
    """Records every request a browser context makes and every off-site reference in the
    pages it checks. ``assert_clean`` fails with the list of offenders."""

    violations: list[str] = field(default_factory=list)
    requests: int = 0

    def attach(self, context: Any) -> None:
        context.on("request", self._on_request)

    def _on_request(self, request: Any) -> None:
        self.requests += 1
        if request.url.split(":", 1)[0].lower() in BROWSER_SCHEMES:
            return
        if _is_offsite(request.url):
            try:
                origin = request.frame.url
            except Exception:  # service-worker requests have no frame
                origin = "?"
            self.violations.append(f"request {request.method} {request.url} (page {origin})")

    def check_page(self, page: Any) -> None:
        html = page.content()
        for ref in offsite_refs_in_html(html):
            self.violations.append(f"reference {ref} in {page.url}")
        # Stylesheets the page loaded: url() inside them is requested only when used, so
        # scan the rules too (same-origin sheets only; cross-origin ones are requests above).
        css_urls = page.evaluate(
            """() => { const out = [];
                 for (const sheet of document.styleSheets) {
                   let rules; try { rules = sheet.cssRules; } catch (e) { continue; }
                   for (const r of rules) { const t = r.cssText || "";
                     for (const m of t.matchAll(/url\\(\\s*["']?([^"')]+)/g)) out.push(m[1]); } }
                 return out; }"""
        )
        for ref in css_urls:
            if _is_offsite(ref):
                self.violations.append(f"stylesheet url({ref}) in {page.url}")

    def assert_clean(self) -> None:
        assert self.requests > 0, "the guard saw no request at all: is it attached?"
        assert not self.violations, "pages refer to addresses outside the server:\n" + "\n".join(
            dict.fromkeys(self.violations)
        )


# --- checkpoints --------------------------------------------------------------------------


@dataclass
class Checkpoints:
    """Called at every step of a flow: scans the page for off-site references, checks that the
    Chinese web font covers the page, that a phone page does not scroll sideways, and saves a
    screenshot when YIZHAN_SCREENSHOTS=1."""

    guard: OffsiteGuard
    save: bool = field(default_factory=screenshots_enabled)
    directory: Path = SCREENSHOT_DIR
    saved: list[Path] = field(default_factory=list)

    def __call__(self, page: Any, name: str | None, *, phone: bool, full_page: bool = True) -> None:
        page.wait_for_load_state("load")
        self.guard.check_page(page)
        fonts_ok = page.evaluate(
            """async () => { await document.fonts.ready;
                 const seen = new Set();
                 const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                 for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                   const el = n.parentElement;
                   if (!el || el.closest("select, script, style, template, noscript")) continue;
                   if (!el.checkVisibility()) continue;
                   for (const ch of n.data) if (/[\\u4e00-\\u9fff]/.test(ch)) seen.add(ch);
                 }
                 const text = [...seen].join("");
                 if (!text) return true;
                 // Subsets are fetched lazily per unicode-range, so fonts.ready can resolve before
                 // the page's last subset is even requested: ask for them, then check.
                 try { await document.fonts.load('16px "Noto Sans SC"', text); }
                 catch (e) { return false; }
                 return document.fonts.check('16px "Noto Sans SC"', text); }"""
        )
        assert fonts_ok, f"{page.url}: the Noto Sans SC faces for the page's Chinese did not load"
        if phone:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{page.url}: phone page is {width}px wide (scrolls sideways)"
        if self.save and name:
            self.screenshot(page, name, full_page=full_page)

    def screenshot(self, page: Any, name: str, *, full_page: bool = True) -> None:
        """Save docs/screenshots/<name>.png (256 colours: a third of the size, same look)."""
        from PIL import Image  # Pillow comes with fpdf2

        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{name}.png"
        page.evaluate("window.scrollTo(0, 0)")  # sticky side panels start where they belong
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        with Image.open(path) as image:
            small = image.convert("RGB").quantize(
                colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
            )
        small.save(path, optimize=True)
        self.saved.append(path)
