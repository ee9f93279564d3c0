#!/usr/bin/env bash
# Render the app icon's PNG sizes and the Windows .ico from the hand-drawn SVG.
# The results are committed, so builds do not need these tools; run this again
# after editing resources/icons/app/ward-huddle.svg.
# Needs rsvg-convert (Debian librsvg2-bin) and icotool (Debian icoutils).
set -euo pipefail
cd "$(dirname "$0")/../resources/icons/app"

SIZES=(16 22 24 32 48 64 128 256 512)
for size in "${SIZES[@]}"; do
  rsvg-convert --width "$size" --height "$size" ward-huddle.svg --output "ward-huddle-${size}.png"
done
# Windows Explorer and the Start menu pick from 16, 24, 32, 48 and 256.
icotool --create --output ward-huddle.ico \
  ward-huddle-16.png ward-huddle-24.png ward-huddle-32.png ward-huddle-48.png \
  ward-huddle-64.png --raw=ward-huddle-256.png
echo "icons written to $(pwd)"
