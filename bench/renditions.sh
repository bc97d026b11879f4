#!/usr/bin/env bash
# The media benchmark (issue 20), in one run on this machine:
#   1. COUNT photograph-like JPEGs of mixed sizes (1 to 24 megapixels) made with libvips (hexapla-bench photographs);
#   2. renditions/s: Hexapla's Renditions.Make (hexapla-bench renditions: 1280 wide, JPEG q82, progressive, optimised
#      Huffman, only the colour profile kept; as many at once as there are cores) against the vips command line on the
#      same files in the same run: `vips thumbnail` once per file (the command line the issue names) and `vipsthumbnail`
#      on 25 files per process (no process start per file: the stricter baseline), both with as many processes as cores;
#   3. peak memory (maximum resident set, /usr/bin/time -v) of the Hexapla run;
#   4. one rendition served by `hexapla serve` under wrk load against nginx serving the same bytes from a file.
# Prints a Markdown table with the ratios (targets: renditions >= 0.8 x vips, memory <= 300 MB, serving >= 0.7 x nginx).
#
#   bash bench/renditions.sh [--count 500] [--duration 20] [--connections 32] [--keep DIR]
#
# Installs libvips-tools, wrk, nginx and time from Debian when missing (CI does not run this).
set -euo pipefail
cd "$(dirname "$0")/.."

count=500 duration=20 connections=32 keep=""
while (($#)); do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        *) echo "renditions.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

source bench/lib.sh
bench_install vips:libvips-tools wrk:wrk nginx:nginx-light /usr/bin/time:time
cores="$(nproc)"

work="${keep:-$(mktemp -d)}"
bench_work="$work"
mkdir -p "$work"
chmod 755 "$work"
bench_cleanup_hook() { [[ -z "$keep" ]] && rm -rf "$work"; return 0; }
seconds_of() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.2f}")' "$1" "$2"; }

echo "Building Hexapla and hexapla-bench (Release)" >&2
dotnet build src/Hexapla -c Release -v quiet -nologo >&2
dotnet build bench/Hexapla.Bench -c Release -v quiet -nologo >&2
bench_dll=bench/Hexapla.Bench/bin/Release/net10.0/hexapla-bench.dll

if [[ ! -d "$work/photos" ]] || (( $(ls "$work/photos" | wc -l) != count )); then
    echo "Making $count photographs with libvips" >&2
    rm -rf "$work/photos"
    dotnet "$bench_dll" photographs --count "$count" --out "$work/photos" >&2
fi
megapixels="$(vipsheader "$work"/photos/*.jpg | sed -E 's/^.*: ([0-9]+)x([0-9]+) .*$/\1 \2/' | awk '{ s += $1 * $2 } END { printf "%.1f", s / NR / 1e6 }')"
echo "$count photographs, $megapixels megapixels on average, $(du -sm "$work/photos" | cut -f1) MB" >&2

# 2a. vips thumbnail, one process per file (the same recipe: 1280 wide, never enlarged, JPEG q82, progressive, optimised).
rm -rf "$work/vips" && mkdir -p "$work/vips"
start="$(date +%s.%N)"
ls "$work"/photos/*.jpg | xargs -P "$cores" -I{} sh -c 'vips thumbnail "$1" "$2/$(basename "$1")[Q=82,optimize_coding,interlace,strip]" 1280 --height 100000 --size down' _ {} "$work/vips"
vips_seconds="$(seconds_of "$start" "$(date +%s.%N)")"
echo "vips thumbnail: $vips_seconds s" >&2

# 2b. vipsthumbnail, 25 files per process.
rm -rf "$work/vipsthumbnail" && mkdir -p "$work/vipsthumbnail"
start="$(date +%s.%N)"
ls "$work"/photos/*.jpg | xargs -P "$cores" -n 25 vipsthumbnail --size '1280x100000>' -o "$work/vipsthumbnail/%s.jpg[Q=82,optimize_coding,interlace,strip]"
batch_seconds="$(seconds_of "$start" "$(date +%s.%N)")"
echo "vipsthumbnail (25 files a process): $batch_seconds s" >&2

# 2c + 3. Hexapla, under /usr/bin/time -v for the peak resident set.
rm -rf "$work/hexapla"
/usr/bin/time -v -o "$work/time.txt" dotnet "$bench_dll" renditions --in "$work/photos" --out "$work/hexapla" --width 1280 --parallel "$cores" >"$work/hexapla.txt"
cat "$work/hexapla.txt" >&2
hexapla_seconds="$(sed -E 's/.* in ([0-9.]+) s.*/\1/' "$work/hexapla.txt")"
hexapla_wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")"
peak_kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")"
made="$(ls "$work/hexapla" | wc -l)"
(( made == count )) || { echo "renditions.sh: Hexapla made $made of $count renditions" >&2; exit 1; }

# 4. One rendition served: Hexapla (made on the first request, then from its disk cache) against nginx, same bytes.
data="$work/data"
rm -rf "$data"
path="$(dotnet "$bench_dll" media-seed --data "$data" --image "$work/photos/photo-000.jpg" --width 1280)"
port="$(free_port)"
base="http://127.0.0.1:$port"
dotnet src/Hexapla/bin/Release/net10.0/hexapla.dll serve --data "$data" --urls "$base" >"$work/serve.log" 2>&1 &
server=$!
bench_track "$server"
wait_for "$base/healthz" || { cat "$work/serve.log" >&2; exit 1; }
mkdir -p "$work/www"
curl -fs "$base$path" -o "$work/www/rendition.jpg"
rendition_bytes="$(wc -c <"$work/www/rendition.jpg")"
chmod -R a+rX "$work"
nginx_port="$(free_port)"
bench_start_nginx "$work" "$nginx_port" 'default_type image/jpeg; etag on; add_header Cache-Control "public, max-age=31536000, immutable"; root '"$work"'/www; try_files /rendition.jpg =404;'
wait_for "http://127.0.0.1:$nginx_port/"

declare -A rps p50 p99 p99_raw
measure() {
    local name="$1"
    wrk_measure "$name" "$2" "$connections" "$duration"
    p99[$name]="${p99_raw[$name]}"
    echo "$name: ${rps[$name]} requests/s, p99 ${p99[$name]}" >&2
}
measure nginx "http://127.0.0.1:$nginx_port/"
measure hexapla "$base$path"
server_peak_kb="$(awk '/^VmHWM:/ { print $2 }' "/proc/$server/status")"

python3 - "$count" "$megapixels" "$cores" "$vips_seconds" "$batch_seconds" "$hexapla_seconds" "$hexapla_wall" "$peak_kb" \
    "${rps[nginx]}" "${rps[hexapla]}" "${p99[nginx]}" "${p99[hexapla]}" "$rendition_bytes" "$duration" "$connections" "$server_peak_kb" <<'PY' | md_table
import sys
(count, mp, cores, vips, batch, hexapla, wall, peak, nginx_rps, hex_rps, nginx_p99, hex_p99, size, duration, conns, server_peak) = sys.argv[1:]
count, vips, batch, hexapla, wall = int(count), float(vips), float(batch), float(hexapla), float(wall)
peak_mb = int(peak) / 1024
print(f"### Renditions: {count} photographs, {mp} MP on average, 1280 wide JPEG, {cores} at a time\n")
print("maker\tseconds\trenditions/s\tHexapla ÷ it")
print("l\tr\tr\tr")
print(f"`vips thumbnail` (one process per file)\t{vips:.2f}\t{count / vips:.1f}\t{vips / hexapla:.2f} ×")
print(f"`vipsthumbnail` (25 files per process)\t{batch:.2f}\t{count / batch:.1f}\t{batch / hexapla:.2f} ×")
print(f"Hexapla `Renditions.Make` (timed inside the process)\t{hexapla:.2f}\t{count / hexapla:.1f}\t")
print(f"Hexapla, whole process with .NET start (wall clock)\t{wall:.2f}\t{count / wall:.1f}\t{vips / wall:.2f} × vips thumbnail")
print(f"\nPeak memory of the Hexapla run (maximum resident set): {peak_mb:.0f} MB (target ≤ 300 MB).\n")
n, h = float(nginx_rps), float(hex_rps)
print(f"### One rendition ({int(size):,} bytes) under load: wrk -t2 -c{conns} -d{duration}s\n")
print("server\trequests/s\tp99\t÷ nginx")
print("l\tr\tr\tr")
print(f"nginx (sendfile, same file)\t{n:,.0f}\t{nginx_p99}\t1.00 ×")
print(f"hexapla serve (disk cache)\t{h:,.0f}\t{hex_p99}\t{h / n:.2f} ×")
print(f"\nServer peak resident set after the run: {int(server_peak) / 1024:.0f} MB.")
PY
