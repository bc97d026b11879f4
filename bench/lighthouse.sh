#!/usr/bin/env bash
# Lighthouse scores of the public pages (issue 8): document, home, search results, 404 and side by side, in en-GB
# and ru-RU, with the mobile (Lighthouse's default) and desktop presets. Prints a Markdown table of the four category
# scores and writes it, with each page's JSON report, to DIR (default ./bench-results/lighthouse).
#
#   bash bench/lighthouse.sh [DIR]
#
# Needs Node 20 and npm (lighthouse@12.2.3 is installed into bench/.cache/lighthouse on first use), the .NET SDK, and
# Debian's chromium at /usr/bin/chromium. Figures mean most on a machine doing nothing else.
set -euo pipefail

cd "$(dirname "$0")/.."
root="$PWD"
out="${1:-$root/bench-results/lighthouse}"
cache="$root/bench/.cache/lighthouse"
lighthouse="$cache/node_modules/.bin/lighthouse"
port="${HEXAPLA_LIGHTHOUSE_PORT:-5187}"
base="http://127.0.0.1:$port"
slug="razvitie-situacii-v-irake"

for tool in node npm dotnet; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not installed." >&2; exit 1; }
done
[[ -x /usr/bin/chromium ]] || { echo "chromium is not installed (/usr/bin/chromium): apt-get install chromium" >&2; exit 1; }

if [[ ! -x "$lighthouse" ]]; then
    echo "Installing lighthouse@12.2.3 into $cache" >&2
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-audit --no-fund --loglevel=error lighthouse@12.2.3 >&2
fi

# A Release build serving the bundled samples from a fresh data folder, stopped however the script ends.
source bench/serve-samples.sh
mkdir -p "$out"
trap stop_samples EXIT
serve_samples "$base" "$out/server.log" || exit 1

export CHROME_PATH=/usr/bin/chromium
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

pages=()
for lang in en-gb ru-ru ar; do
    other=$([[ $lang == en-gb ]] && echo ru-ru || echo en-gb)
    # The Arabic page is a translation of "About this site" (English original), the Iraq statement having no Arabic version.
    page_slug=$([[ $lang == ar ]] && echo about-this-site || echo "$slug")
    case $lang in
        en-gb) query=Iraq ;;
        ru-ru) query='%D0%98%D1%80%D0%B0%D0%BA' ;;
        ar) query='%D8%A7%D9%84%D9%85%D9%88%D9%82%D8%B9' ;;
    esac
    pages+=("$lang document|/$lang/$page_slug" "$lang home|/$lang/" "$lang search|/$lang/search?q=$query"
        "$lang 404|/$lang/no-such-page" "$lang compare|/$lang/$page_slug/compare/$other")
done

table="| Page | Preset | Performance | Accessibility | Best practices | SEO |
|---|---|---:|---:|---:|---:|"
for preset in mobile desktop; do
    preset_flag=()
    [[ $preset == desktop ]] && preset_flag=(--preset=desktop)
    for entry in "${pages[@]}"; do
        name="${entry%%|*}" path="${entry#*|}"
        report="$out/$(echo "$name-$preset" | tr ' ' '-').json"
        echo "Lighthouse: $name ($preset) $path" >&2
        # A 404 page is measured too (--ignore-status-code); a run that loses its trace (NO_NAVSTART) is run again.
        for attempt in 1 2 3; do
            "$lighthouse" "$base$path" "${preset_flag[@]}" --ignore-status-code --quiet --output=json --output-path="$report" \
                --only-categories=performance,accessibility,best-practices,seo --chrome-flags="$flags" >&2 && break
            ((attempt < 3)) || { echo "Lighthouse failed three times on $path" >&2; exit 1; }
        done
        row=$(node -e '
            const r = require(process.argv[1]);
            const score = id => r.categories[id].score === null ? "n/a" : Math.round(r.categories[id].score * 100);
            console.log(["performance", "accessibility", "best-practices", "seo"].map(score).join(" | "));
        ' "$report")
        table+=$'\n'"| $name \`$path\` | $preset | $row |"
    done
done

echo "$table" | tee "$out/results.md"
