# Helpers shared by the benchmark scripts (load.sh, renditions.sh, media-serving.sh, sections.sh). Source it after
# `cd` to the repository root:   source bench/lib.sh
# It sets bench_name (the calling script's file name, for messages) and an EXIT trap that stops what the script
# started (bench_track, bench_start_nginx) and then runs the script's own bench_cleanup_hook when it defines one.

bench_name="$(basename "$0")"
bench_pids=()
bench_nginx_prefix=""
bench_nginx_bin=""

# bench_install COMMAND:PACKAGE...: installs from Debian the packages whose command is missing. COMMAND is a name
# looked up on PATH, or an absolute path that must be executable (nginx lives in /usr/sbin, outside a user's PATH).
bench_install() {
    local missing=() pair command package
    for pair in "$@"; do
        command="${pair%%:*}" package="${pair#*:}"
        if [[ "$command" == /* ]]; then
            [[ -x "$command" ]] && continue
        else
            command -v "$command" >/dev/null && continue
            [[ "$command" == nginx && -x /usr/sbin/nginx ]] && continue
        fi
        missing+=("$package")
    done
    ((${#missing[@]})) || return 0
    echo "installing ${missing[*]}" >&2
    local sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    # policy-rc.d-less containers would start a system nginx on port 80; the scripts start their own.
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

# free_port: a TCP port on 127.0.0.1 nobody listens on right now.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_for URL [TRIES]: until URL answers 2xx, TRIES times 0.2 s apart (300 unless given).
wait_for() {
    local tries="${2:-300}"
    for _ in $(seq 1 "$tries"); do
        curl -fs -o /dev/null "$1" && return 0
        sleep 0.2
    done
    echo "$bench_name: nothing answers at $1" >&2
    return 1
}

# bench_track PID: a background process the EXIT trap stops. bench_stop PID: stop one now (and forget it).
bench_track() { bench_pids+=("$1"); }
bench_stop() {
    local pid="$1" kept=() p
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for p in "${bench_pids[@]}"; do [[ "$p" != "$pid" ]] && kept+=("$p"); done
    bench_pids=("${kept[@]}")
}
bench_stop_all() {
    local p
    for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    bench_pids=()
}

# bench_start_nginx DIR PORT LOCATION: nginx serving on 127.0.0.1:PORT with DIR as its prefix (config, pid, logs,
# temp files) and LOCATION as the body of `location / { ... }`. The EXIT trap stops it.
bench_start_nginx() {
    local dir="$1" port="$2" location="$3"
    bench_nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
    mkdir -p "$dir/tmp"
    cat >"$dir/nginx.conf" <<EOF
daemon on;
worker_processes auto;
pid $dir/nginx.pid;
$( [[ $(id -u) -eq 0 ]] && echo "user root;" )
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    open_file_cache max=16;
    keepalive_requests 1000000;
    client_body_temp_path $dir/tmp;
    proxy_temp_path $dir/tmp;
    fastcgi_temp_path $dir/tmp;
    uwsgi_temp_path $dir/tmp;
    scgi_temp_path $dir/tmp;
    server {
        # reuseport: each worker accepts its own share of wrk's connections (without it one worker took them all).
        listen 127.0.0.1:$port reuseport;
        location / { $location }
    }
}
EOF
    "$bench_nginx_bin" -p "$dir/" -c "$dir/nginx.conf" -e "$dir/nginx-error.log"
    bench_nginx_prefix="$dir"
}
bench_stop_nginx() {
    [[ -n "$bench_nginx_prefix" ]] || return 0
    "$bench_nginx_bin" -p "$bench_nginx_prefix/" -c "$bench_nginx_prefix/nginx.conf" -e "$bench_nginx_prefix/nginx-error.log" -s stop 2>/dev/null || true
    bench_nginx_prefix=""
}

bench_exit() {
    bench_stop_all
    bench_stop_nginx
    if declare -F bench_cleanup_hook >/dev/null; then bench_cleanup_hook || true; fi
    return 0
}
trap bench_exit EXIT

# to_ms 1.23ms|456.00us|1.01s: milliseconds, as wrk's --latency figures are printed in mixed units.
to_ms() { python3 -c 'import re, sys; v, u = re.match(r"([\d.]+)(us|ms|s)", sys.argv[1]).groups(); print(round(float(v) * {"us": 0.001, "ms": 1, "s": 1000}[u], 3))' "$1"; }

# wrk_measure NAME URL CONNECTIONS DURATION [WRK ARGS...]: a 5 s warm-up (JIT tiers, caches, connections), then
# DURATION seconds with --latency; the output is kept in $bench_work/wrk-NAME.txt when bench_work is set. Sets
# rps[NAME], p50[NAME] and p99[NAME] (milliseconds) and p99_raw[NAME] (as wrk prints it) in the caller's associative
# arrays (declare -A rps p50 p99 p99_raw). Any non-2xx answer ends the script with wrk's output.
wrk_measure() {
    local name="$1" url="$2" connections="$3" duration="$4" output
    shift 4
    wrk -t2 -c"$connections" -d5s "$@" "$url" >/dev/null
    output="$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" "$url")"
    [[ -n "${bench_work:-}" ]] && echo "$output" >"$bench_work/wrk-$name.txt"
    if grep -q "Non-2xx" <<<"$output"; then
        echo "$bench_name: $name ($url) answered with errors:" >&2
        echo "$output" >&2
        exit 1
    fi
    rps[$name]="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$output")"
    p99_raw[$name]="$(awk '$1 == "99%" { print $2 }' <<<"$output")"
    p50[$name]="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$output")")"
    p99[$name]="$(to_ms "${p99_raw[$name]}")"
}

# md_table: copies stdin to stdout, turning each run of tab-separated lines into a Markdown table: its first line is
# the header, its second one alignment letter per column (l or r), the rest are the rows.
md_table() {
    python3 -c '
import sys
block = []
def flush():
    if block:
        header, align, rows = block[0], block[1], block[2:]
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---:" if a == "r" else "---" for a in align) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        block.clear()
for line in sys.stdin:
    line = line.rstrip("\n")
    if "\t" in line:
        block.append(line.split("\t"))
    else:
        flush()
        print(line)
flush()
'
}

# wait_idle PID [SECONDS]: until the process has used under a tenth of a core for 3 s in a row (a server rebuilding its
# search index or warming up would skew what follows), at most SECONDS (300 unless given).
wait_idle() {
    local pid="$1" limit="${2:-300}" quiet=0 before after tick
    tick="$(getconf CLK_TCK)"
    for _ in $(seq 1 "$limit"); do
        before="$(awk '{ print $14 + $15 }' "/proc/$pid/stat")"
        sleep 1
        after="$(awk '{ print $14 + $15 }' "/proc/$pid/stat")"
        if (( (after - before) * 10 < tick )); then
            ((++quiet >= 3)) && return 0
        else
            quiet=0
        fi
    done
    echo "$bench_name: process $pid was still busy after $limit s; going on" >&2
}

# load_average: the 1, 5 and 15 minute load averages, as /proc/loadavg gives them.
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
