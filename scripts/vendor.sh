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
for pkg in htmx.org echarts leaflet; do
  printf '%s %s\n' "$pkg" "$(node -p "require('$tmp/node_modules/$pkg/package.json').version")"
done > "$dest/VERSIONS"
cat "$dest/VERSIONS"
