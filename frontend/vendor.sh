#!/usr/bin/env bash
# Refresh the vendored front-end assets and fonts in yizhan/static/vendor/.
#
#   bash frontend/vendor.sh        (what `make vendor` runs)
#
# Court intranets have no internet, so everything the pages and the PDFs need
# is copied from the npm packages pinned in frontend/package-lock.json into
# yizhan/static/vendor/ and committed. Only this script needs npm; `make run`
# does not. Versions change only by editing frontend/package.json (exact pins)
# and re-running `npm install` there, then this script.
#
# Output (each directory is deleted and rebuilt by this script, nothing else):
#   vendor/htmx/          htmx.min.js, LICENSE
#   vendor/echarts/       echarts.min.js, LICENSE, NOTICE, licenses/ (bundled zrender, tslib, d3 parts)
#   vendor/noto-sans-sc/  noto-sans-sc.css (400+700), 400.css, 700.css, files/*.woff2, LICENSE
#   vendor/fonts/         NotoSansSC-Regular.ttf, NotoSansSC-Bold.ttf, OFL.txt (for fpdf2, yizhan/pdf.py),
#                         NotoSans{HK,JP}-Rare-{Regular,Bold}.ttf (fallback for characters SC lacks)
#   vendor/yizhan-rare/   yizhan-rare.css, files/*.woff2, LICENSE: web fallback family "Yizhan Rare"
#   vendor/MANIFEST.txt   package versions and sha256 of every vendored file
set -euo pipefail

FRONTEND_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(dirname "$FRONTEND_DIR")"
VENDOR_DIR="$PROJECT_DIR/yizhan/static/vendor"
WEIGHTS=(400 700)

die() { echo "vendor.sh: $*" >&2; exit 1; }
need_file() { [[ -s "$1" ]] || die "missing or empty: $1"; }
pkg_version() { node -p "require('$NM/$1/package.json').version"; }

command -v npm >/dev/null || die "npm not found (Node 20+ needed only for vendoring)"
command -v node >/dev/null || die "node not found"

# npm ci runs in a throw-away copy of frontend/ so that no node_modules/ (~235 MB)
# is ever left in the work tree to be committed by mistake. The npm cache
# (~/.npm) makes re-runs fast.
BUILD_DIR="$(mktemp -d "${TMPDIR:-/tmp}/yizhan-vendor.XXXXXX")"
trap 'rm -rf "$BUILD_DIR"' EXIT
cp "$FRONTEND_DIR/package.json" "$FRONTEND_DIR/package-lock.json" "$BUILD_DIR/"
NM="$BUILD_DIR/node_modules"
echo "==> npm ci (frontend/package-lock.json) in $BUILD_DIR"
cd "$BUILD_DIR"
# --ignore-scripts: we only copy files out of the packages, no install hooks needed.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

mkdir -p "$VENDOR_DIR"
for d in htmx echarts noto-sans-sc fonts yizhan-rare; do
    rm -rf "${VENDOR_DIR:?}/$d"
    mkdir -p "$VENDOR_DIR/$d"
done

# --- htmx -------------------------------------------------------------------
echo "==> htmx.org $(pkg_version htmx.org)"
need_file "$NM/htmx.org/dist/htmx.min.js"
cp "$NM/htmx.org/dist/htmx.min.js" "$NM/htmx.org/LICENSE" "$VENDOR_DIR/htmx/"

# --- echarts ----------------------------------------------------------------
echo "==> echarts $(pkg_version echarts)"
need_file "$NM/echarts/dist/echarts.min.js"
cp "$NM/echarts/dist/echarts.min.js" "$NM/echarts/LICENSE" "$NM/echarts/NOTICE" "$VENDOR_DIR/echarts/"
# echarts.min.js bundles zrender (BSD-3-Clause), tslib (0BSD) and parts of d3 (BSD-3-Clause).
mkdir -p "$VENDOR_DIR/echarts/licenses"
cp "$NM/echarts/licenses/"* "$VENDOR_DIR/echarts/licenses/"
cp "$NM/zrender/LICENSE" "$VENDOR_DIR/echarts/licenses/LICENSE-zrender"
cp "$NM/tslib/LICENSE.txt" "$VENDOR_DIR/echarts/licenses/LICENSE-tslib"

# --- Noto Sans SC web font (@fontsource, unicode-range slices, woff2 only) ----
FS="$NM/@fontsource/noto-sans-sc"
echo "==> @fontsource/noto-sans-sc $(pkg_version @fontsource/noto-sans-sc)"
mkdir -p "$VENDOR_DIR/noto-sans-sc/files"
cp "$FS/LICENSE" "$VENDOR_DIR/noto-sans-sc/LICENSE"
# Rewrite each weight's CSS: keep every @font-face and its unicode-range (the
# browser downloads only the slices a page's text needs), drop the .woff
# fallback (every supported browser takes woff2) and point url() at the copied
# files, relative to the CSS file. Then copy exactly the files referenced.
node - "$FS" "$VENDOR_DIR/noto-sans-sc" "${WEIGHTS[@]}" <<'NODE'
const fs = require('fs');
const path = require('path');
const [src, out, ...weights] = process.argv.slice(2);
const combined = [];
let copied = 0;
for (const w of weights) {
  const cssPath = path.join(src, `${w}.css`);
  let css = fs.readFileSync(cssPath, 'utf8');
  const srcRe = /src:\s*url\(\.\/files\/([^)]+?\.woff2)\)\s*format\('woff2'\)\s*,\s*url\(\.\/files\/[^)]+?\.woff\)\s*format\('woff'\)\s*;/g;
  const faces = (css.match(/@font-face/g) || []).length;
  const files = [];
  css = css.replace(srcRe, (_m, f) => { files.push(f); return `src: url(./files/${f}) format('woff2');`; });
  if (faces === 0 || files.length !== faces) {
    throw new Error(`${cssPath}: ${faces} @font-face but ${files.length} src lines rewritten; the package layout changed, update vendor.sh`);
  }
  if (/\.woff\)/.test(css)) throw new Error(`${cssPath}: a .woff url() is left after rewriting`);
  for (const f of files) {
    const from = path.join(src, 'files', f);
    if (!fs.statSync(from).size) throw new Error(`empty font file ${from}`);
    fs.copyFileSync(from, path.join(out, 'files', f));
    copied++;
  }
  const header = `/* Noto Sans SC ${w}, from @fontsource/noto-sans-sc (SIL OFL 1.1, see LICENSE). Generated by frontend/vendor.sh; do not edit. */\n`;
  fs.writeFileSync(path.join(out, `${w}.css`), header + css);
  combined.push(css);
}
fs.writeFileSync(path.join(out, 'noto-sans-sc.css'),
  `/* Noto Sans SC ${weights.join(' + ')}, from @fontsource/noto-sans-sc (SIL OFL 1.1, see LICENSE). Generated by frontend/vendor.sh; do not edit. */\n` +
  combined.join('\n'));
console.log(`    ${copied} woff2 files for weights ${weights.join(', ')}`);
NODE

# --- Noto Sans SC TTF for server-side PDFs (fpdf2) ----------------------------
# @expo-google-fonts/noto-sans-sc ships Google Fonts' static TrueType instances
# of Noto Sans SC (full coverage, fsType 0 = installable embedding). fpdf2
# subsets the font into each PDF, so the PDFs stay small.
EX="$NM/@expo-google-fonts/noto-sans-sc"
echo "==> @expo-google-fonts/noto-sans-sc $(pkg_version @expo-google-fonts/noto-sans-sc) (TTF for PDFs)"
need_file "$EX/400Regular/NotoSansSC_400Regular.ttf"
need_file "$EX/700Bold/NotoSansSC_700Bold.ttf"
need_file "$EX/LICENSE_FONT"
cp "$EX/400Regular/NotoSansSC_400Regular.ttf" "$VENDOR_DIR/fonts/NotoSansSC-Regular.ttf"
cp "$EX/700Bold/NotoSansSC_700Bold.ttf" "$VENDOR_DIR/fonts/NotoSansSC-Bold.ttf"
cp "$EX/LICENSE_FONT" "$VENDOR_DIR/fonts/OFL.txt"

# --- rare characters: fallback fonts cut from Noto Sans SC, HK and JP -----------
# Noto Sans SC lacks most CJK Ext. B characters (𠮷 U+20BB7), and the @fontsource
# web slices above declare only about half of the TTF's characters (no Ext. A).
# rare-fonts.js (subset-font = HarfBuzz hb-subset + woff2, a devDependency) keeps
# only those characters: Noto Sans HK, then Noto Sans JP (Google Fonts' static
# TTFs, same Noto CJK 2.004 design, SIL OFL 1.1, licence identical to OFL.txt),
# as TTFs for fpdf2, and as woff2 slices of family "Yizhan Rare" for pages.
for p in @expo-google-fonts/noto-sans-hk @expo-google-fonts/noto-sans-jp; do
    echo "==> $p $(pkg_version "$p") (rare characters only)"
    cmp -s "$NM/$p/LICENSE_FONT" "$VENDOR_DIR/fonts/OFL.txt" || die "$p: LICENSE_FONT differs from Noto Sans SC's; copy it too"
done
echo "==> subset-font $(pkg_version subset-font) (harfbuzzjs $(pkg_version harfbuzzjs)): cutting Yizhan Rare (about a minute)"
node "$FRONTEND_DIR/rare-fonts.js" "$NM" "$VENDOR_DIR/noto-sans-sc/400.css" "$VENDOR_DIR/fonts" "$VENDOR_DIR/yizhan-rare"
cp "$FS/LICENSE" "$VENDOR_DIR/yizhan-rare/LICENSE"

# --- manifest -----------------------------------------------------------------
cd "$VENDOR_DIR"
{
    echo "# Generated by frontend/vendor.sh from frontend/package-lock.json; do not edit."
    for p in htmx.org echarts zrender tslib @fontsource/noto-sans-sc @expo-google-fonts/noto-sans-sc \
             @expo-google-fonts/noto-sans-hk @expo-google-fonts/noto-sans-jp subset-font harfbuzzjs wawoff2; do
        echo "# $p $(pkg_version "$p")"
    done
    find htmx echarts noto-sans-sc fonts yizhan-rare -type f | LC_ALL=C sort | xargs sha256sum
} > MANIFEST.txt

echo "==> vendored into $VENDOR_DIR"
du -sh --apparent-size htmx echarts noto-sans-sc fonts yizhan-rare
echo "total: $(du -sc --apparent-size htmx echarts noto-sans-sc fonts yizhan-rare MANIFEST.txt | tail -1 | cut -f1) KiB"
