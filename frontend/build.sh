#!/usr/bin/env bash
# Build Heard's stylesheet and copy its browser scripts into core/static/heard/.
# The outputs are checked in, so running Heard (and `make demo`) needs no npm;
# run this only after changing frontend/ or the pinned package versions.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../core/static/heard"
cd "$here"

npm ci --no-audit --no-fund
mkdir -p "$out"

npx --no-install sass --style=compressed --no-source-map --quiet-deps --silence-deprecation=import \
  --load-path=node_modules/govuk-frontend/dist \
  --load-path=node_modules heard.scss "$out/heard.css"

# The scripts, without their sourceMappingURL comments (the maps are not shipped).
strip_map() { sed -e 's#//\# sourceMappingURL=[^ ]*$##' "$1" >"$2"; }
strip_map node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/govuk-frontend.min.js"
strip_map node_modules/htmx.org/dist/htmx.min.js "$out/htmx.min.js"
cp heard.js area-picker.js favicon.svg "$out/"
# DejaVu Sans for the PDFs (core/pdf.py): ReportLab's own fonts cannot write Welsh or Polish letters.
cp node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf \
  "$here/../core/fonts/"
# Noto Nastaliq Urdu and Noto Sans Gurmukhi (SIL OFL 1.1) for the printed forms in Urdu and Punjabi
# (core/printed_form.py), with their licences.
fonts=node_modules/@expo-google-fonts
for family in NotoNastaliqUrdu:noto-nastaliq-urdu NotoSansGurmukhi:noto-sans-gurmukhi; do
  name=${family%%:*} package=${family#*:}
  cp "$fonts/$package/400Regular/${name}_400Regular.ttf" "$here/../core/fonts/$name-Regular.ttf"
  cp "$fonts/$package/700Bold/${name}_700Bold.ttf" "$here/../core/fonts/$name-Bold.ttf"
  cp "$fonts/$package/LICENSE_FONT" "$here/../core/fonts/OFL-$name.txt"
done
# No GOV.UK Frontend images or fonts are copied: they carry the crown and the GOV.UK
# typeface, which only GOV.UK may use. heard.css references no image or font files.

# Guard against GOV.UK's own brand assets creeping in.
if grep -qiE 'GDS Transport|govuk-crest|crown|\.woff' "$out/heard.css"; then
  echo "build.sh: heard.css contains GOV.UK brand assets (GDS Transport / crest / fonts)" >&2
  exit 1
fi
for f in "$out"/*.min.js; do
  if [ -n "$(tail -c 1 "$f")" ]; then echo >>"$f"; fi
done
echo "Built $(cd "$out" && ls)"
