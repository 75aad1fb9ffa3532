#!/usr/bin/env bash
# Copy the front-end libraries pinned in package.json from the npm registry into borderzone/static/vendor.
# Run by `make vendor`; the copied files are committed so that running the system needs no npm.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp package.json "$tmp/"
(cd "$tmp" && npm install --no-audit --no-fund --ignore-scripts >/dev/null)
dest=borderzone/static/vendor
rm -rf "$dest" && mkdir -p "$dest"/{htmx,echarts,leaflet}
cp "$tmp/node_modules/htmx.org/dist/htmx.min.js" "$dest/htmx/"
cp "$tmp/node_modules/htmx.org/LICENSE" "$dest/htmx/LICENSE"
cp "$tmp/node_modules/echarts/dist/echarts.min.js" "$dest/echarts/"
cp "$tmp/node_modules/echarts/LICENSE" "$dest/echarts/LICENSE"
cp "$tmp/node_modules/leaflet/dist/leaflet.js" "$tmp/node_modules/leaflet/dist/leaflet.css" "$dest/leaflet/"
cp -r "$tmp/node_modules/leaflet/dist/images" "$dest/leaflet/"
cp "$tmp/node_modules/leaflet/LICENSE" "$dest/leaflet/LICENSE"
mkdir -p "$dest/noto-sans"
for weight in 400 700; do
  for subset in latin latin-ext vietnamese; do
    cp "$tmp/node_modules/@fontsource/noto-sans/files/noto-sans-$subset-$weight-normal.woff2" "$dest/noto-sans/"
  done
done
cp "$tmp/node_modules/@fontsource/noto-sans/LICENSE" "$dest/noto-sans/LICENSE"
# One stylesheet with the Latin and Vietnamese subsets' unicode ranges, for pages and for WeasyPrint.
node - "$tmp/node_modules/@fontsource/noto-sans" > "$dest/noto-sans/noto-sans.css" <<'JS'
const fs = require("fs");
const dir = process.argv[2];
for (const weight of [400, 700]) {
  const css = fs.readFileSync(`${dir}/${weight}.css`, "utf8");
  for (const block of css.split(/(?=\/\* noto-sans-)/)) {
    const m = block.match(/noto-sans-(latin|latin-ext|vietnamese)-\d+-normal \*\//);
    if (!m) continue;
    process.stdout.write(block.replace(/src: [^;]+;/, (src) => src.match(/url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)/)[0].replace("./files/", "").replace(/^/, "src: ") + ";"));
  }
}
JS
# WeasyPrint gets one merged file per weight (its text layer mixes up the subsets' glyph numbers).
.venv/bin/python scripts/merge-fonts.py "$dest/noto-sans" noto-sans woff2
cp borderzone/core/data/noto-sans-pdf.css "$dest/noto-sans/noto-sans-pdf.css"
# Tinos (metric-compatible with Times New Roman, with Vietnamese glyphs): the serif of the board's
# administrative documents in Decree 30/2020 layout (reporting app's PDFs). WOFF (zlib), not WOFF2: the
# brotli decoder installed with WeasyPrint is pure Python and took 30 s a document.
mkdir -p "$dest/tinos"
for weight in 400 700; do
  for style in normal italic; do
    for subset in latin latin-ext vietnamese; do
      cp "$tmp/node_modules/@fontsource/tinos/files/tinos-$subset-$weight-$style.woff" "$dest/tinos/"
    done
  done
done
cp "$tmp/node_modules/@fontsource/tinos/LICENSE" "$dest/tinos/LICENSE"
.venv/bin/python scripts/merge-fonts.py "$dest/tinos" tinos woff
# axe-core checks WCAG 2.1 AA in the browser tests; it is never served to visitors.
tests=borderzone/core/tests/vendor/axe-core
rm -rf "$tests" && mkdir -p "$tests"
cp "$tmp/node_modules/axe-core/axe.min.js" "$tmp/node_modules/axe-core/LICENSE" "$tests/"
for pkg in htmx.org echarts leaflet @fontsource/noto-sans @fontsource/tinos axe-core; do
  printf '%s %s\n' "$pkg" "$(node -p "require('$tmp/node_modules/$pkg/package.json').version")"
done > "$dest/VERSIONS"
cat "$dest/VERSIONS"
