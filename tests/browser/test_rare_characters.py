"""Rare name characters (生僻字) on pages: 𠮷 (U+20BB7, CJK Ext. B, not in Noto Sans SC) and 䶮
(U+4DAE, Ext. A, in the Noto Sans SC TTF but not in its web slices) show from the vendored
"Yizhan Rare" family, not as boxes (tofu). The browser has no CJK system font (court machines
have none either), so a glyph can only come from the vendored font; a character in no font
(U+31350, Ext. H) is drawn as a box, and the rare characters must look different from it.

The screenshot (the home page with 甲𠮷乙 刘䶮 in it) is saved under the test's tmp_path, and as
docs/screenshots/rare-characters.png when YIZHAN_SCREENSHOTS=1.
"""

from __future__ import annotations

from typing import Any

import pytest

from .support import BROWSER_MARKS, Checkpoints, OffsiteGuard

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = BROWSER_MARKS

JIXIANG = "\U00020bb7"  # 𠮷
YAN = "\u4dae"  # 䶮
NOWHERE = "\U00031350"  # in no vendored font: a box

INJECT = """([names, nowhere]) => {
  const main = document.querySelector("main") || document.body;
  const box = document.createElement("section");
  box.id = "rare";
  box.style.cssText = "font-size: 48px; line-height: 1.4; padding: 16px;";
  const line = (id, text, weight) => {
    const p = document.createElement("p");
    p.style.margin = "0";
    const span = document.createElement("span");
    span.id = id;
    span.textContent = text;
    if (weight) span.style.fontWeight = weight;
    p.append(span);
    box.append(p);
  };
  line("names", names);
  line("names-bold", names, "700");
  for (const [i, ch] of [...names.replace(/ /g, ""), nowhere].entries()) line(`ch${i}`, ch);
  main.prepend(box);
}"""


@pytest.mark.django_db(transaction=True)
def test_rare_name_characters_show_from_the_vendored_fallback_font(
    server: str, new_context: Any, checkpoint: Checkpoints, guard: OffsiteGuard, tmp_path: Any
) -> None:
    context = new_context("desktop", base_url=server)
    font_requests: list[str] = []
    context.on(
        "request", lambda r: font_requests.append(r.url) if r.url.endswith(".woff2") else None
    )
    page = context.new_page()
    assert page.goto("/").status == 200
    checkpoint(page, None, phone=False)
    names = f"甲{JIXIANG}乙 刘{YAN}"
    page.evaluate(INJECT, [names, NOWHERE])
    family = page.evaluate("getComputedStyle(document.getElementById('names')).fontFamily")
    assert family.index('"Noto Sans SC"') < family.index('"Yizhan Rare"'), family
    loaded = page.evaluate(
        """async (text) => {
             await document.fonts.load('48px "Yizhan Rare"', text);
             await document.fonts.ready;
             return document.fonts.check('48px "Yizhan Rare"', text); }""",
        JIXIANG + YAN,
    )
    assert loaded, "the Yizhan Rare slices for 𠮷 and 䶮 did not load"
    rare_files = sorted({u.rsplit("/", 1)[-1] for u in font_requests if "yizhan-rare" in u})
    # One slice each (𠮷 from Noto Sans JP, 䶮 from Noto Sans SC), not the whole family.
    assert len(rare_files) == 2, rare_files
    assert any("-jp-" in f for f in rare_files) and any("-sc-" in f for f in rare_files)

    # Each character's picture differs from the box of a character that no font has.
    shots = {
        i: page.locator(f"#ch{i}").screenshot(animations="disabled")
        for i in range(len(names.replace(" ", "")) + 1)
    }
    tofu = shots.pop(len(shots) - 1)
    assert len(set(shots.values())) == len(shots)  # five different glyphs
    assert all(shot != tofu for shot in shots.values())

    shot = tmp_path / "rare-characters.png"
    page.locator("#rare").screenshot(path=str(shot), animations="disabled")
    print(f"screenshot: {shot}")
    if checkpoint.save:
        checkpoint.screenshot(page, "rare-characters", full_page=False)
    guard.assert_clean()
