#!/usr/bin/env bash
# The load benchmark of the read path (issue 6): in one run on 127.0.0.1, wrk against
#   nginx     serving the exact bytes Hexapla returns for the document page (fetched with curl): the baseline
#   kestrel   bare Kestrel answering those bytes with no middleware (hexapla-bench plain): the framework's ceiling
#   document, home, feed, section page and section feed (issue 21), search, api   Hexapla's own answers (Release
#             build); search twice: the same URL over and over (served from the page cache for up to two seconds at a
#             time) and a new URL each request (uncached)
# each for DURATION seconds with CONNECTIONS connections, after a short warm-up; prints a Markdown table of
# requests/s, p50 and p99 with each as a ratio to nginx, the server's memory (RSS from /proc) and the load average.
#
#   bash bench/load.sh [--duration 30] [--connections 32] [--docs N] [--sections 500] [--data DIR] [--keep]
#
# Without --docs Hexapla serves the bundled samples from a fresh data folder (the statement's section page:
# regions/middle-east). --docs N writes N generated documents (two versions each, hexapla-bench corpus; needs
# bench/prepare-wordlists.sh) in a tree of --sections sections (topic-01/area-01 is the leaf section measured, topic-01
# the top-level one) into a data folder first; --data DIR serves DIR instead (made by an earlier --docs run with
# --keep, so the corpus is not written again).
# Installs nginx and wrk from Debian when they are missing. Use --duration 3 for a dry run.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=30 connections=32 docs=0 sections=500 data_arg="" keep=0
while (($#)); do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --docs) docs="$2"; shift 2 ;;
        --sections) sections="$2"; shift 2 ;;
        --data) data_arg="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "load.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

source bench/lib.sh
bench_install nginx:nginx-light wrk:wrk

bench_work="$(mktemp -d)"
work="$bench_work"
chmod 755 "$work"
data=""
bench_cleanup_hook() {
    if [[ -n "$data" && -z "$data_arg" && $keep -eq 0 ]]; then rm -rf "$data"; fi
    rm -rf "$work"
}

echo "Building Hexapla and hexapla-bench (Release)" >&2
dotnet build src/Hexapla -c Release -v quiet -nologo >&2
dotnet build bench/Hexapla.Bench -c Release -v quiet -nologo >&2
bench_dll=bench/Hexapla.Bench/bin/Release/net10.0/hexapla-bench.dll

# The data folder: the samples (serve imports them into an empty store), a generated corpus, or one given.
if [[ -n "$data_arg" ]]; then
    data="$data_arg"
elif ((docs > 0)); then
    data="$(mktemp -d)"
    echo "Writing $docs generated documents into $data" >&2
    dotnet "$bench_dll" corpus --docs "$docs" --sections "$sections" --data "$data" >&2
else
    data="$(mktemp -d)"
fi

port="$(free_port)"
base="http://127.0.0.1:$port"
dotnet src/Hexapla/bin/Release/net10.0/hexapla.dll serve --data "$data" --urls "$base" >"$work/hexapla.log" 2>&1 &
server=$!
bench_track "$server"
wait_for "$base/healthz" || { cat "$work/hexapla.log" >&2; exit 1; }

# What to ask for: the sample statement, or the first generated document and the first word of its title.
if [[ -n "$data_arg" ]] || ((docs > 0)); then
    slug=doc-000001
    word="$(curl -fs "$base/api/v1/documents/$slug/en-GB" | python3 -c 'import json, sys; print(json.load(sys.stdin)["title"].split()[0].lower())')"
else
    slug=razvitie-situacii-v-irake
    word=iraq
fi
# The section page and its feed: on the samples the statement's section (regions/middle-east: placed there by
# hexapla-bench place when the samples do not place it themselves); on a corpus its first leaf section and the
# top-level section above it (with all its subsections' documents). Left out, with a note, when this build does not
# serve section pages.
if [[ -n "$data_arg" ]] || ((docs > 0)); then
    section=topic-01/area-01 top_section=topic-01
else
    section=regions/middle-east top_section=""
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/en-gb/s/$section")" != 200 ]]; then
        dotnet "$bench_dll" place --data "$data" --section "$section" --slug "$slug" --title "Regions|Регионы" --title "Middle East|Ближний Восток" >&2
    fi
fi
section_rows=()
if wait_for "$base/en-gb/s/$section" 25 2>/dev/null; then
    section_rows=(section section-feed)
    [[ -n "$top_section" ]] && section_rows=(section section-top section-feed)
else
    echo "load.sh: /en-gb/s/$section does not answer: this build serves no section pages; their rows are left out" >&2
fi
declare -A path=(
    [section]="/en-gb/s/$section"
    [section-top]="/en-gb/s/$top_section"
    [section-feed]="/en-gb/s/$section/feed.atom"
    [document]="/en-gb/$slug"
    [home]="/en-gb/"
    [feed]="/en-gb/feed.atom"
    [search]="/en-gb/search?q=$word"
    [api]="/api/v1/documents/$slug/en-GB"
)

# nginx and bare Kestrel serve the document page's exact bytes.
mkdir -p "$work/www"
curl -fs "$base${path[document]}" -o "$work/www/document.html"
chmod -R a+rX "$work"
nginx_port="$(free_port)"
bench_start_nginx "$work" "$nginx_port" 'default_type "text/html; charset=utf-8"; root '"$work"'/www; try_files /document.html =404;'
plain_port="$(free_port)"
dotnet "$bench_dll" plain --urls "http://127.0.0.1:$plain_port" --file "$work/www/document.html" >"$work/plain.log" 2>&1 &
plain=$!
bench_track "$plain"
wait_for "http://127.0.0.1:$nginx_port/"
wait_for "http://127.0.0.1:$plain_port/"

# The search page once more with a counter in its query, so no answer comes from the page cache: the cost of a
# search nobody asked for in the last two seconds.
cat >"$work/uncached.lua" <<'LUA'
local counter = 0
request = function()
    counter = counter + 1
    return wrk.format(nil, wrk.path .. "&n=" .. counter .. "-" .. math.random(1, 1000000000))
end
LUA

declare -A rps p50 p99 p99_raw load
measure() {
    local name="$1" url="$2" script=()
    [[ "$name" == search-uncached ]] && script=(-s "$work/uncached.lua")
    wrk_measure "$name" "$url" "$connections" "$duration" "${script[@]}"
    load[$name]="$(load_average)"
    echo "$name: ${rps[$name]} requests/s, p50 ${p50[$name]} ms, p99 ${p99[$name]} ms (load average ${load[$name]})" >&2
}

order=(nginx kestrel document home feed "${section_rows[@]}" search search-uncached api)
declare -A label=(
    [section]="section page${top_section:+ (a leaf section)}" [section-top]="section page (a top-level section and its subsections)"
    [section-feed]="section feed"
    [nginx]="nginx static (document page bytes)" [kestrel]="bare Kestrel (same bytes)"
    [document]="document page" [home]="home page" [feed]="feed" [search]="search page (one query, repeated)"
    [search-uncached]="search page (a new URL each time: uncached)" [api]="read API (one version)"
)
path[nginx]="/" path[kestrel]="/"
load_start="$(load_average)"
measure nginx "http://127.0.0.1:$nginx_port/"
measure kestrel "http://127.0.0.1:$plain_port/"
path[search-uncached]="${path[search]}"
for name in "${order[@]:2}"; do
    measure "$name" "$base${path[$name]}"
done
path[search-uncached]="${path[search]}&n=…"
rss_kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")"
peak_kb="$(awk '/^VmHWM:/ { print $2 }' "/proc/$server/status")"
documents="$( ((docs > 0)) && echo "$docs generated documents in $sections sections" || { [[ -n "$data_arg" ]] && echo "the data folder $data_arg" || echo "the bundled samples"; })"
size="$(wc -c <"$work/www/document.html")"

echo "Load average (1, 5, 15 min): $load_start at the start, $(load_average) at the end; $(nproc) cores."
echo
echo "wrk, $duration s per endpoint after a 5 s warm-up, $connections connections, 2 threads; Hexapla serving $documents; the document page is $(python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$size") bytes; no Accept-Encoding (every answer uncompressed)."
echo
{
    printf 'endpoint\tpath\trequests/s\tp50 ms\tp99 ms\trequests/s ÷ nginx\tp99 ÷ nginx\tload average after\n'
    printf 'l\tl\tr\tr\tr\tr\tr\tl\n'
    for name in "${order[@]}"; do
        python3 -c 'import sys; n, l, p, r, a, b, r0, b0, ld = sys.argv[1:]; r, a, b, r0, b0 = map(float, (r, a, b, r0, b0)); print(f"{l}\t`{p}`\t{r:,.0f}\t{a:.2f}\t{b:.2f}\t{r / r0:.2f}\t{b / b0:.2f}\t{ld}")' \
            "$name" "${label[$name]}" "${path[$name]}" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" "${rps[nginx]}" "${p99[nginx]}" "${load[$name]}"
    done
} | md_table
echo
python3 -c 'import sys; print(f"Hexapla'"'"'s memory after the runs: RSS {int(sys.argv[1]) / 1024:,.0f} MB (peak {int(sys.argv[2]) / 1024:,.0f} MB).")' "$rss_kb" "$peak_kb"
