#!/usr/bin/env bash
# Screenshots of the public site for the README (issues 8 and 18): document, home, search results and side by side, in
# the six interface languages (en-GB, ru-RU, ar, es, fr, zh-CN), on a desktop (1280×800) and a phone (390×844) viewport.
#
#   bash bench/screenshots.sh [DIR]      # default docs/screenshots
#
# Serves the bundled samples from a fresh data folder with a Release build, and shoots each page with Debian's
# headless chromium (/usr/bin/chromium). Nothing is downloaded.
set -euo pipefail

cd "$(dirname "$0")/.."
root="$PWD"
out="${1:-$root/docs/screenshots}"
port="${HEXAPLA_SCREENSHOTS_PORT:-5188}"
base="http://127.0.0.1:$port"
slug="razvitie-situacii-v-irake"
chromium=/usr/bin/chromium

command -v dotnet >/dev/null 2>&1 || { echo "The .NET SDK is not installed." >&2; exit 1; }
[[ -x $chromium ]] || { echo "chromium is not installed ($chromium): apt-get install chromium" >&2; exit 1; }

source bench/serve-samples.sh
profile="$(mktemp -d)"
log="$(mktemp)"
mkdir -p "$out"
trap 'stop_samples; rm -rf "$profile" "$log"' EXIT
serve_samples "$base" "$log" || exit 1

# One page at one viewport: a headless chromium that loads it, waits for layout, and writes a PNG of the viewport.
shoot() {
    local file="$1" url="$2" size="$3"
    "$chromium" --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
        --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile" --window-size="$size" \
        --screenshot="$out/$file.png" "$url" >/dev/null 2>&1
    echo "$out/$file.png" >&2
}

for lang in en-gb ru-ru ar es fr zh-cn; do
    # The Iraq statement is in English and Russian; "About this site" is in all six.
    slug=$([[ $lang == en-gb || $lang == ru-ru ]] && echo razvitie-situacii-v-irake || echo about-this-site)
    if ! curl -fs -o /dev/null "$base/$lang/$slug"; then
        echo "No $lang version of the sample: skipped" >&2
        continue
    fi
    other=$([[ $lang == en-gb ]] && echo ru-ru || echo en-gb)
    case $lang in
        en-gb) query=Iraq ;;
        ru-ru) query=%D0%98%D1%80%D0%B0%D0%BA ;;
        ar) query=%D8%A7%D9%84%D9%85%D9%88%D9%82%D8%B9 ;;
        es) query=sitio ;;
        fr) query=site ;;
        zh-cn) query=%E7%BD%91%E7%AB%99 ;;
    esac
    for device in desktop:1280,800 phone:390,844; do
        name="${device%%:*}" size="${device#*:}"
        shoot "$lang-document-$name" "$base/$lang/$slug" "$size"
        shoot "$lang-home-$name" "$base/$lang/" "$size"
        shoot "$lang-search-$name" "$base/$lang/search?q=$query" "$size"
        shoot "$lang-compare-$name" "$base/$lang/$slug/compare/$other" "$size"
    done
done
