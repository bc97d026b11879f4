#!/usr/bin/env bash
# Media served by a second web node (issue 20, docs/scaling.md): the bytes live in the store, each node keeps a
# derived disk cache (DATA/media-cache/). On SQLite (one node) and on PostgreSQL (node A uploads and publishes,
# node B serves), this measures:
#   1. a ~1 MiB PDF and a 640 px WebP rendition served the first time, from the database: the node's disk cache is
#      emptied before each of N sequential curl requests (store read + checksum + write to disk + send);
#   2. the same two served from the disk cache under wrk (-t2 -c$connections -d${duration}s);
#   3. a cold ~50 MiB file: time to first byte and total (curl), cache emptied before each of 3 requests.
# Usage: bench/media-serving.sh [--connections 16] [--duration 10] [--cold 20] [--keep DIR]
# Installs wrk, curl and libvips-tools from Debian when missing (CI does not run this). PostgreSQL: a throwaway
# cluster made with /usr/lib/postgresql/*/bin/initdb (as the postgres user when run as root), or $HEXAPLA_BENCH_POSTGRES.
set -euo pipefail
cd "$(dirname "$0")/.."

connections=16 duration=10 cold=20 keep=""
while (($#)); do
    case "$1" in
        --connections) connections="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --cold) cold="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        *) echo "media-serving.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

source bench/lib.sh
bench_install wrk:wrk curl:curl vips:libvips-tools

work="${keep:-$(mktemp -d)}"
mkdir -p "$work"
chmod 755 "$work"
pg_stop=""
bench_cleanup_hook() {
    [[ -n "$pg_stop" ]] && { eval "$pg_stop" >/dev/null 2>&1 || true; }
    [[ -z "$keep" ]] && rm -rf "$work"
    return 0
}

echo "Building Hexapla (Release)" >&2
dotnet build src/Hexapla -c Release -v quiet -nologo >&2
hexapla=(dotnet src/Hexapla/bin/Release/net10.0/hexapla.dll)

# A PDF of about SIZE bytes: one page of text, padded with an incompressible stream object no page draws.
make_pdf() {
    python3 - "$1" "$2" "$3" <<'PY'
import os, sys
size, text, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
content = f"BT /F1 12 Tf 50 700 Td ({text}) Tj ET".encode()
pad = os.urandom(max(0, size - 1200))
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    b"<< /Length %d >>\nstream\n" % len(pad) + pad + b"\nendstream",
]
body, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
for n, o in enumerate(objects, 1):
    offsets.append(len(body))
    body += b"%d 0 obj\n" % n + o + b"\nendobj\n"
xref = len(body)
body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(out, "wb").write(body)
PY
}
make_pdf 1100000 "Statement on the situation in Iraq" "$work/statement.pdf"
make_pdf 52000000 "Annex with maps" "$work/annex.pdf"
# A 2400 x 1600 photograph-like JPEG (noise over a gradient, so it does not compress to nothing).
vips gaussnoise "$work/noise.v" 2400 1600 --sigma 40 --mean 128
vips cast "$work/noise.v" "$work/photo.jpg[Q=85]" uchar
rm -f "$work/noise.v"

# PostgreSQL: a throwaway cluster unless one is given.
pg_connection="${HEXAPLA_BENCH_POSTGRES:-}"
if [[ -z "$pg_connection" ]]; then
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    pg="$work/pg" port="$(free_port)"
    mkdir -p "$pg"
    as=()
    if [[ $(id -u) -eq 0 ]]; then chown postgres "$pg"; as=(runuser -u postgres --); fi
    "${as[@]}" "$bin/initdb" -D "$pg/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
    "${as[@]}" "$bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w start \
        -o "-p $port -k $pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB" >/dev/null
    pg_stop="${as[*]} $bin/pg_ctl -D $pg/data -m fast -w stop"
    "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres hexapla_bench
    pg_connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=hexapla_bench"
fi

api() { # token method path [curl args...]
    local token="$1" method="$2" path="$3"; shift 3
    curl -fsS -X "$method" -H "Authorization: Bearer $token" "$@" "$base_a$path"
}

# One store: users and tokens, node A (and B on PostgreSQL), the uploads, a published document using them.
setup() { # kind
    local kind="$1" store_args=() data_a="$work/$1-a" data_b="$work/$1-b"
    [[ "$kind" == postgres ]] && store_args=(--database postgres --connection "$pg_connection")
    echo "bench password" | "${hexapla[@]}" user add eddie --role editor --password-stdin --data "$data_a" "${store_args[@]}" >/dev/null
    echo "bench password" | "${hexapla[@]}" user add rita --role reviewer --password-stdin --data "$data_a" "${store_args[@]}" >/dev/null
    eddie="$("${hexapla[@]}" token create eddie-bench --user eddie --data "$data_a" "${store_args[@]}" | tail -1)"
    rita="$("${hexapla[@]}" token create rita-bench --user rita --data "$data_a" "${store_args[@]}" | tail -1)"
    base_a="http://127.0.0.1:$(free_port)"
    "${hexapla[@]}" serve --no-samples --data "$data_a" --urls "$base_a" "${store_args[@]}" >"$work/$kind-a.log" 2>&1 &
    bench_track $!
    wait_for "$base_a/healthz" 600 || { cat "$work/$kind-a.log" >&2; exit 1; }
    if [[ "$kind" == postgres ]]; then
        base_b="http://127.0.0.1:$(free_port)" data_b="$work/$kind-b"
        "${hexapla[@]}" serve --no-samples --data "$data_b" --urls "$base_b" "${store_args[@]}" >"$work/$kind-b.log" 2>&1 &
        bench_track $!
        wait_for "$base_b/healthz" 600 || { cat "$work/$kind-b.log" >&2; exit 1; }
    else
        base_b="$base_a" data_b="$data_a"
    fi
    local photo pdf annex
    photo="$(api "$eddie" POST /api/v1/media -F "file=@$work/photo.jpg" -F lang=en-GB | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
    pdf="$(api "$eddie" POST /api/v1/media -F "file=@$work/statement.pdf" -F lang=en-GB | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
    annex="$(api "$eddie" POST /api/v1/media -F "file=@$work/annex.pdf" -F lang=en-GB | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
    api "$eddie" POST /api/v1/documents -H 'Content-Type: application/json' \
        -d "{\"slug\":\"bench-media\",\"language\":\"en-GB\",\"title\":\"Media\",\"body\":\"![Photo](media:$photo)\\n\\n[Statement](media:$pdf)\\n\\n[Annex](media:$annex)\\n\"}" >/dev/null
    api "$eddie" POST /api/v1/documents/bench-media/en-GB/submit >/dev/null
    api "$rita" POST /api/v1/documents/bench-media/en-GB/approve >/dev/null
    api "$eddie" POST /api/v1/documents/bench-media/en-GB/publish >/dev/null
    # The public addresses, as the read API gives them (node B's own answer).
    local media
    media="$(curl -fsS "$base_b/api/v1/documents/bench-media/en-GB")"
    pdf_url="$(python3 -c 'import json,sys; m=json.loads(sys.argv[1])["media"]; print(m[1]["url"])' "$media")"
    annex_url="$(python3 -c 'import json,sys; m=json.loads(sys.argv[1])["media"]; print(m[2]["url"])' "$media")"
    rendition_url="$(python3 -c 'import json,sys; m=json.loads(sys.argv[1])["media"]; print(next(r["url"] for r in m[0]["renditions"] if r["contentType"]=="image/webp" and r.get("width")==640))' "$media")"
    cache_b="$data_b/media-cache"
    # The rendition is made once (by node B) and kept in the store; from here on "cold" means read from the store.
    curl -fsS -o /dev/null "$rendition_url"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
cold_ms() { # url: the median of $cold requests, node B's disk cache emptied before each
    for _ in $(seq 1 "$cold"); do
        rm -rf "$cache_b"
        curl -fsS -o /dev/null -w '%{time_total}\n' "$1"
    done | median | awk '{ printf "%.1f", $1 * 1000 }'
}
warm_rps() { # url: requests/s and p99 under wrk, from node B's disk cache
    curl -fsS -o /dev/null "$1"
    wrk -t2 -c"$connections" -d3s "$1" >/dev/null
    wrk -t2 -c"$connections" -d"${duration}s" --latency "$1" | awk '/Requests\/sec/ { r = $2 } / 99% / { p = $2 } END { printf "%.0f req/s, p99 %s", r, p }'
}
big_cold() { # url: ttfb/total of 3 cold requests
    for _ in 1 2 3; do
        rm -rf "$cache_b"
        curl -fsS -o /dev/null -w '%{time_starttransfer} %{time_total}\n' "$1"
    done | awk '{ printf "%s%.2f s / %.2f s", (NR > 1 ? ", " : ""), $1, $2 }'
}

load_start="$(load_average)"
# The rows go to a file first: the servers run from this shell (a pipeline's subshell would leave them behind on error).
table="$work/table.tsv"
printf 'store\t1.1 MB PDF cold (median of %s)\t640px WebP cold\tPDF from disk cache (wrk -c%s)\tWebP from disk cache\t52 MB PDF cold: first byte / total\n' "$cold" "$connections" >"$table"
printf 'l\tl\tl\tl\tl\tl\n' >>"$table"
for kind in sqlite postgres; do
    setup "$kind"
    pdf_cold="$(cold_ms "$pdf_url")"
    webp_cold="$(cold_ms "$rendition_url")"
    pdf_warm="$(warm_rps "$pdf_url")"
    webp_warm="$(warm_rps "$rendition_url")"
    big="$(big_cold "$annex_url")"
    label="$kind"; [[ "$kind" == postgres ]] && label="postgres (node B; uploaded on A)"
    printf '%s\t%s ms\t%s ms\t%s\t%s\t%s\n' "$label" "$pdf_cold" "$webp_cold" "$pdf_warm" "$webp_warm" "$big" >>"$table"
    bench_stop_all
done
md_table <"$table"
echo
echo "$(nproc) cores, load average $load_start at the start, $(load_average) at the end; PDF $(stat -c %s "$work/statement.pdf") bytes, annex $(stat -c %s "$work/annex.pdf") bytes."
