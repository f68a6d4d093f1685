// Cut the rare-character fallback fonts ("Yizhan Rare") out of the pinned Noto Sans
// SC/HK/JP packages. Run by vendor.sh (never by hand):
//
//   node rare-fonts.js NODE_MODULES SC_WEB_CSS FONTS_DIR WEB_DIR
//
// Noto Sans SC (the vendored TTFs) lacks most CJK Ext. B characters, e.g. 𠮷
// U+20BB7, and the @fontsource web slices of Noto Sans SC declare only about half
// of the characters the TTF has (no Ext. A at all, e.g. 䶮 U+4DAE). This script
// writes
//
//   FONTS_DIR/NotoSansHK-Rare-{Regular,Bold}.ttf  Noto Sans HK, only the characters
//                                                Noto Sans SC lacks (PDF fallback 1)
//   FONTS_DIR/NotoSansJP-Rare-{Regular,Bold}.ttf  Noto Sans JP, only the characters
//                                                Noto Sans SC and HK lack (fallback 2)
//   WEB_DIR/yizhan-rare.css, WEB_DIR/files/*.woff2  font-family "Yizhan Rare" (400),
//       one @font-face per slice of at most SLICE characters, each with the exact
//       unicode-range of its characters: the Han characters of the Noto Sans SC TTF
//       that the @fontsource CSS does not declare, then the HK and JP characters above.
//       The ranges never overlap Noto Sans SC's own, so a browser downloads a slice
//       only when a page shows one of its characters.
//
// HarfBuzz (hb-subset, via subset-font) and the woff2 encoder are deterministic, so
// re-running with the same pins gives byte-identical files.
'use strict';
const fs = require('fs');
const path = require('path');

const [nm, scWebCss, fontsDir, webDir] = process.argv.slice(2);
const subsetFont = require(path.join(nm, 'subset-font'));
const SLICE = 200;
// Name IDs kept in the subsets: family, style, version, PostScript name (0-6) and the
// licence (13, 14): the OFL travels inside every file too.
const NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14];
const OPTIONS = { noLayoutClosure: true, preserveNameIds: NAME_IDS };

function tables(buf) {
  const out = {};
  const count = buf.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + 16 * i;
    out[buf.toString('latin1', rec, rec + 4)] = buf.readUInt32BE(rec + 8);
  }
  return out;
}

// Code points of a TrueType font's (3,10) format-12 cmap subtable.
function codePoints(file) {
  const buf = fs.readFileSync(file);
  const cmap = tables(buf).cmap;
  if (cmap === undefined) throw new Error(`${file}: no cmap table`);
  const subtables = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const rec = cmap + 4 + 8 * i;
    const off = cmap + buf.readUInt32BE(rec + 4);
    if (buf.readUInt16BE(rec) === 3 && buf.readUInt16BE(rec + 2) === 10 && buf.readUInt16BE(off) === 12) {
      const set = new Set();
      const groups = buf.readUInt32BE(off + 12);
      for (let g = 0; g < groups; g++) {
        const start = buf.readUInt32BE(off + 16 + 12 * g);
        const end = buf.readUInt32BE(off + 20 + 12 * g);
        for (let c = start; c <= end; c++) set.add(c);
      }
      return set;
    }
  }
  throw new Error(`${file}: no (3,10) format 12 cmap subtable`);
}

function fsType(file) {
  const buf = fs.readFileSync(file);
  return buf.readUInt16BE(tables(buf)['OS/2'] + 8);
}

function declaredRanges(css) {
  const set = new Set();
  const blocks = [...css.matchAll(/unicode-range:\s*([^;]+);/g)];
  if (blocks.length === 0) throw new Error('no unicode-range in the Noto Sans SC CSS');
  for (const m of blocks) {
    for (const part of m[1].split(',')) {
      const r = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
      if (!r) throw new Error(`unexpected unicode-range part ${part}`);
      const end = parseInt(r[2] || r[1], 16);
      for (let c = parseInt(r[1], 16); c <= end; c++) set.add(c);
    }
  }
  return set;
}

function unicodeRange(cps) {
  const parts = [];
  for (let i = 0; i < cps.length; ) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j] + 1) j++;
    const hex = (c) => c.toString(16);
    parts.push(i === j ? `U+${hex(cps[i])}` : `U+${hex(cps[i])}-${hex(cps[j])}`);
    i = j + 1;
  }
  return parts.join(',');
}

// Han: CJK radicals, Kangxi radicals, ideographic description, Ext. A, URO,
// compatibility ideographs, and planes 2 and 3 (Ext. B-H, compatibility supplement).
const isHan = (c) =>
  (c >= 0x2e80 && c <= 0x2fff) ||
  (c >= 0x3400 && c <= 0x4dbf) ||
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0xf900 && c <= 0xfaff) ||
  (c >= 0x20000 && c <= 0x3ffff);
const sorted = (set) => [...set].sort((a, b) => a - b);
const text = (cps) => String.fromCodePoint(...cps);

(async () => {
  const ex = (region, weight) =>
    path.join(nm, `@expo-google-fonts/noto-sans-${region.toLowerCase()}`, weight,
      `NotoSans${region}_${weight}.ttf`);
  const scTtf = path.join(fontsDir, 'NotoSansSC-Regular.ttf');
  for (const f of [scTtf, ex('HK', '400Regular'), ex('HK', '700Bold'), ex('JP', '400Regular'), ex('JP', '700Bold')]) {
    // 0 = installable; bit 3 (8) = editable; 2 (restricted) or 4 (preview) would not do.
    if (fsType(f) & 0x6) throw new Error(`${f}: OS/2 fsType ${fsType(f)} does not allow embedding`);
  }
  const sc = codePoints(scTtf);
  const hk = codePoints(ex('HK', '400Regular'));
  const jp = codePoints(ex('JP', '400Regular'));
  for (const [region, regular] of [['HK', hk], ['JP', jp]]) {
    const bold = codePoints(ex(region, '700Bold'));
    if (bold.size !== regular.size || [...regular].some((c) => !bold.has(c))) {
      throw new Error(`Noto Sans ${region}: regular and bold cover different characters`);
    }
  }
  const hkRare = sorted([...hk].filter((c) => !sc.has(c)));
  const jpRare = sorted([...jp].filter((c) => !sc.has(c) && !hk.has(c)));

  // PDFs: whole fallback fonts (fpdf2 embeds only the glyphs a document uses).
  for (const [region, cps] of [['HK', hkRare], ['JP', jpRare]]) {
    for (const [weight, style] of [['400Regular', 'Regular'], ['700Bold', 'Bold']]) {
      const out = await subsetFont(fs.readFileSync(ex(region, weight)), text(cps), {
        ...OPTIONS,
        targetFormat: 'truetype',
      });
      fs.writeFileSync(path.join(fontsDir, `NotoSans${region}-Rare-${style}.ttf`), out);
    }
    console.log(`    NotoSans${region}-Rare-{Regular,Bold}.ttf: ${cps.length} characters`);
  }

  // Pages: woff2 slices, weight 400 only (bold text gets synthetic bold).
  const web = declaredRanges(fs.readFileSync(scWebCss, 'utf8'));
  const scRare = sorted([...sc].filter((c) => isHan(c) && !web.has(c)));
  fs.mkdirSync(path.join(webDir, 'files'), { recursive: true });
  const faces = [];
  let chars = 0;
  // (The web slices were built from another cut of Noto Sans SC: they declare a few
  // compatibility ideographs, U+F90A and others, that the TTF lacks; those stay theirs.)
  const notOnWeb = (cps) => cps.filter((c) => !web.has(c));
  for (const [name, file, cps] of [
    ['sc', scTtf, scRare],
    ['hk', ex('HK', '400Regular'), notOnWeb(hkRare)],
    ['jp', ex('JP', '400Regular'), notOnWeb(jpRare)],
  ]) {
    const font = fs.readFileSync(file);
    for (let i = 0, n = 0; i < cps.length; i += SLICE, n++) {
      const slice = cps.slice(i, i + SLICE);
      const woff2 = `yizhan-rare-${name}-${String(n).padStart(2, '0')}-400-normal.woff2`;
      fs.writeFileSync(
        path.join(webDir, 'files', woff2),
        await subsetFont(font, text(slice), { ...OPTIONS, targetFormat: 'woff2' }),
      );
      faces.push(
        `/* ${woff2}: ${slice.length} characters of Noto Sans ${name.toUpperCase()} */\n` +
          `@font-face {\n  font-family: 'Yizhan Rare';\n  font-style: normal;\n  font-display: swap;\n` +
          `  font-weight: 400;\n  src: url(./files/${woff2}) format('woff2');\n` +
          `  unicode-range: ${unicodeRange(slice)};\n}\n`,
      );
      chars += slice.length;
    }
    console.log(`    yizhan-rare ${name}: ${cps.length} characters`);
  }
  fs.writeFileSync(
    path.join(webDir, 'yizhan-rare.css'),
    `/* Yizhan Rare 400: characters that Noto Sans SC's web slices lack, cut from Noto Sans SC,\n` +
      `   HK and JP (SIL OFL 1.1, see LICENSE). Use it after "Noto Sans SC" in font-family.\n` +
      `   ${faces.length} slices, ${chars} characters. Generated by frontend/vendor.sh; do not edit. */\n` +
      faces.join('\n'),
  );
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
