#!/usr/bin/env bash
# The load benchmark of the read path (issue 6): in one run on 127.0.0.1, wrk against
#   nginx     serving the exact bytes Hexapla returns for the document page (fetched with curl): the baseline
#   kestrel   bare Kestrel answering those bytes with no middleware (hexapla-bench plain): the framework's ceiling
#   document, home, feed, search, api   Hexapla's own answers (Release build); search twice: the same URL over and
#             over (served from the page cache for up to two seconds at a time) and a new URL each request (uncached)
# each for DURATION seconds with CONNECTIONS connections, after a short warm-up; prints a Markdown table of
# requests/s, p50 and p99 with each as a ratio to nginx, and the server's memory (RSS from /proc).
#
#   bash bench/load.sh [--duration 30] [--connections 32] [--docs N] [--data DIR] [--keep]
#
# Without --docs Hexapla serves the bundled samples from a fresh data folder. --docs N writes N generated documents
# (two versions each, hexapla-bench corpus; needs bench/prepare-wordlists.sh) into a data folder first; --data DIR
# serves DIR instead (made by an earlier --docs run with --keep, so the corpus is not written again).
# Installs nginx and wrk from Debian when they are missing. Use --duration 3 for a dry run.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=30 connections=32 docs=0 data_arg="" keep=0
while (($#)); do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --docs) docs="$2"; shift 2 ;;
        --data) data_arg="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "load.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

missing=()
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    # policy-rc.d-less containers would start a system nginx on port 80; this run starts its own.
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d)"
chmod 755 "$work"
server="" plain="" nginx_started=0 data=""
cleanup() {
    [[ -n "$server" ]] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
    [[ -n "$plain" ]] && { kill "$plain" 2>/dev/null || true; wait "$plain" 2>/dev/null || true; }
    ((nginx_started)) && { "$nginx_bin" -p "$work/" -c "$work/nginx.conf" -e "$work/nginx-error.log" -s stop 2>/dev/null || true; }
    if [[ -n "$data" && -z "$data_arg" && $keep -eq 0 ]]; then rm -rf "$data"; fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() {
    for _ in $(seq 1 300); do
        curl -fs -o /dev/null "$1" && return 0
        sleep 0.2
    done
    echo "load.sh: nothing answers at $1" >&2
    return 1
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
    dotnet "$bench_dll" corpus --docs "$docs" --data "$data" >&2
else
    data="$(mktemp -d)"
fi

port="$(free_port)"
base="http://127.0.0.1:$port"
dotnet src/Hexapla/bin/Release/net10.0/hexapla.dll serve --data "$data" --urls "$base" >"$work/hexapla.log" 2>&1 &
server=$!
wait_for "$base/healthz" || { cat "$work/hexapla.log" >&2; exit 1; }

# What to ask for: the sample statement, or the first generated document and the first word of its title.
if [[ -n "$data_arg" ]] || ((docs > 0)); then
    slug=doc-000001
    word="$(curl -fs "$base/api/v1/documents/$slug/en-GB" | python3 -c 'import json, sys; print(json.load(sys.stdin)["title"].split()[0].lower())')"
else
    slug=razvitie-situacii-v-irake
    word=iraq
fi
declare -A path=(
    [document]="/en-gb/$slug"
    [home]="/en-gb/"
    [feed]="/en-gb/feed.atom"
    [search]="/en-gb/search?q=$word"
    [api]="/api/v1/documents/$slug/en-GB"
)

# nginx and bare Kestrel serve the document page's exact bytes.
mkdir -p "$work/www" "$work/tmp"
curl -fs "$base${path[document]}" -o "$work/www/document.html"
chmod -R a+rX "$work"
nginx_port="$(free_port)"
cat >"$work/nginx.conf" <<EOF
daemon on;
worker_processes auto;
pid $work/nginx.pid;
$( [[ $(id -u) -eq 0 ]] && echo "user root;" )
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    open_file_cache max=16;
    keepalive_requests 1000000;
    client_body_temp_path $work/tmp;
    proxy_temp_path $work/tmp;
    fastcgi_temp_path $work/tmp;
    uwsgi_temp_path $work/tmp;
    scgi_temp_path $work/tmp;
    server {
        # reuseport: each worker accepts its own share of wrk's connections (without it one worker took them all).
        listen 127.0.0.1:$nginx_port reuseport;
        location / { default_type "text/html; charset=utf-8"; root $work/www; try_files /document.html =404; }
    }
}
EOF
"$nginx_bin" -p "$work/" -c "$work/nginx.conf" -e "$work/nginx-error.log"
nginx_started=1
plain_port="$(free_port)"
dotnet "$bench_dll" plain --urls "http://127.0.0.1:$plain_port" --file "$work/www/document.html" >"$work/plain.log" 2>&1 &
plain=$!
wait_for "http://127.0.0.1:$nginx_port/"
wait_for "http://127.0.0.1:$plain_port/"

# wrk's --latency table in milliseconds.
to_ms() { python3 -c 'import re, sys; v, u = re.match(r"([\d.]+)(us|ms|s)", sys.argv[1]).groups(); print(round(float(v) * {"us": 0.001, "ms": 1, "s": 1000}[u], 3))' "$1"; }

# The search page once more with a counter in its query, so no answer comes from the page cache: the cost of a
# search nobody asked for in the last two seconds.
cat >"$work/uncached.lua" <<'LUA'
local counter = 0
request = function()
    counter = counter + 1
    return wrk.format(nil, wrk.path .. "&n=" .. counter .. "-" .. math.random(1, 1000000000))
end
LUA

declare -A rps p50 p99
measure() {
    local name="$1" url="$2" script=() output
    [[ "$name" == search-uncached ]] && script=(-s "$work/uncached.lua")
    wrk -t2 -c"$connections" -d5s "${script[@]}" "$url" >/dev/null   # warm-up: JIT tiers, caches, connections
    output="$(wrk -t2 -c"$connections" -d"${duration}s" --latency "${script[@]}" "$url")"
    echo "$output" >"$work/wrk-$name.txt"
    if grep -q "Non-2xx" <<<"$output"; then
        echo "load.sh: $name ($url) answered with errors:" >&2
        echo "$output" >&2
        exit 1
    fi
    rps[$name]="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$output")"
    p50[$name]="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$output")")"
    p99[$name]="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$output")")"
    echo "$name: ${rps[$name]} requests/s, p50 ${p50[$name]} ms, p99 ${p99[$name]} ms" >&2
}

order=(nginx kestrel document home feed search search-uncached api)
measure nginx "http://127.0.0.1:$nginx_port/"
measure kestrel "http://127.0.0.1:$plain_port/"
path[search-uncached]="${path[search]}"
for name in document home feed search search-uncached api; do
    measure "$name" "$base${path[$name]}"
done
rss_kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")"
peak_kb="$(awk '/^VmHWM:/ { print $2 }' "/proc/$server/status")"
documents="$( ((docs > 0)) && echo "$docs generated documents" || { [[ -n "$data_arg" ]] && echo "the data folder $data_arg" || echo "the bundled samples"; })"

python3 - "$duration" "$connections" "$documents" "$rss_kb" "$peak_kb" "$(wc -c <"$work/www/document.html")" \
    "${order[@]}" -- \
    "nginx static (document page bytes)|/" "bare Kestrel (same bytes)|/" \
    "document page|${path[document]}" "home page|${path[home]}" "feed|${path[feed]}" "search page (one query, repeated)|${path[search]}" "search page (a new URL each time: uncached)|${path[search]}&n=…" "read API (one version)|${path[api]}" -- \
    "$(for n in "${order[@]}"; do echo -n "${rps[$n]}:${p50[$n]}:${p99[$n]} "; done)" <<'PY'
import sys
args = sys.argv[1:]
duration, connections, documents, rss_kb, peak_kb, size = args[:6]
rest = args[6:]
names = rest[:rest.index("--")]
rest = rest[rest.index("--") + 1:]
labels = rest[:rest.index("--")]
figures = rest[rest.index("--") + 1].split()
rows = []
for name, label, figure in zip(names, labels, figures):
    rps, p50, p99 = (float(x) for x in figure.split(":"))
    what, path = label.split("|", 1)
    rows.append((name, what, path, rps, p50, p99))
base = rows[0]
print(f"wrk, {duration} s per endpoint after a 5 s warm-up, {connections} connections, 2 threads; Hexapla serving {documents}; "
      f"the document page is {int(size):,} bytes; no Accept-Encoding (every answer uncompressed).")
print()
print("| endpoint | path | requests/s | p50 ms | p99 ms | requests/s ÷ nginx | p99 ÷ nginx |")
print("|---|---|---:|---:|---:|---:|---:|")
for name, what, path, rps, p50, p99 in rows:
    print(f"| {what} | `{path}` | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {rps / base[3]:.2f} | {p99 / base[5]:.2f} |")
print()
print(f"Hexapla's memory after the runs: RSS {int(rss_kb) / 1024:,.0f} MB (peak {int(peak_kb) / 1024:,.0f} MB).")
PY
