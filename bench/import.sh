#!/usr/bin/env bash
# Import benchmark (issues 6 and 7): writes the bench corpus (N documents, a ru-RU original and an en-GB translation
# each, as SLUG.LANG.md files with front matter), then times, one after the other on the same warm files:
#   baseline  hexapla-bench import-baseline: the files into a plain SQLite table plus an FTS5 index, one transaction
#   hexapla   hexapla import DIR --data NEW (Release), into a fresh data folder: store, revisions, segments, links,
#             translation memory and the Lucene index
# with wall time and peak resident memory from /usr/bin/time -v, and prints a Markdown table with the ratio.
#
#   before    (with --before REF) the same import by the hexapla of commit REF, built in a worktree, to compare the
#             store's size and the import's time with an earlier release in the same run
#
#   bash bench/import.sh [--docs N] [--seed S] [--out DIR] [--before REF]     (defaults: 100000, 42, ./bench-results/import)
#
# Needs the word lists (bash bench/prepare-wordlists.sh), the .NET SDK and GNU time (/usr/bin/time). The files take
# about 30 KB per document and are kept in DIR/files for the next run of the same N and seed; the databases are
# deleted at the end. Figures mean most on a machine doing nothing else.
set -euo pipefail

cd "$(dirname "$0")/.."
root="$PWD"
docs=100000
seed=42
out="$root/bench-results/import"
before=""
while (($#)); do
    case "$1" in
        --docs) docs="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --before) before="$2"; shift 2 ;;
        *) echo "usage: bash bench/import.sh [--docs N] [--seed S] [--out DIR] [--before REF]" >&2; exit 2 ;;
    esac
done

[[ -x /usr/bin/time ]] || { echo "GNU time is not installed (/usr/bin/time): apt-get install time" >&2; exit 1; }
[[ -s bench/.cache/en.txt && -s bench/.cache/ru.txt ]] || { echo "no word lists: run bash bench/prepare-wordlists.sh first" >&2; exit 1; }

echo "Building (Release)" >&2
dotnet build -c Release src/Hexapla -v quiet -nologo >&2
dotnet build -c Release bench/Hexapla.Bench -v quiet -nologo >&2
hexapla="$root/src/Hexapla/bin/Release/net10.0/hexapla.dll"
if [[ -n "$before" ]]; then
    # The earlier release, built from its own worktree so this tree's build is untouched.
    old_src="$root/bench-results/before-src"
    git worktree remove --force "$old_src" 2>/dev/null || rm -rf "$old_src"
    git worktree add --detach "$old_src" "$before" >&2
    dotnet build -c Release "$old_src/src/Hexapla" -v quiet -nologo >&2
    old_hexapla="$old_src/src/Hexapla/bin/Release/net10.0/hexapla.dll"
fi
bench="$root/bench/Hexapla.Bench/bin/Release/net10.0/hexapla-bench.dll"

mkdir -p "$out"
files="$out/files"
stamp="$files/.corpus"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$docs $seed" ]]; then
    rm -rf "$files"
    dotnet "$bench" corpus-files --docs "$docs" --seed "$seed" --out "$files" >&2
    echo "$docs $seed" > "$stamp"
fi
versions=$(find "$files/" -name '*.md' | wc -l)
megabytes=$(du -sm "$files/" | cut -f1)

# Runs a command under /usr/bin/time -v; prints "WALL_SECONDS CPU_SECONDS KIBIBYTES ANON_KIBIBYTES" (CPU = user + system,
# which a busy machine inflates far less than wall time; KIBIBYTES is the peak resident set, mapped files included;
# ANON_KIBIBYTES the peak of its anonymous part, sampled every half second: the process's own memory, without the
# page cache it maps).
measure() {
    local log="$out/time.log"
    /usr/bin/time -v "$@" >"$out/run.log" 2>"$log" &
    local timer=$! anon=0 child sample
    while kill -0 "$timer" 2>/dev/null; do
        child=$(pgrep -P "$timer" | head -n 1 || true)
        if [[ -n "$child" ]]; then
            sample=$(awk '/^RssAnon:/ { print $2 }' "/proc/$child/status" 2>/dev/null || true)
            [[ -n "$sample" && "$sample" -gt "$anon" ]] && anon=$sample
        fi
        sleep 0.5
    done
    wait "$timer" || { cat "$out/run.log" "$log" >&2; exit 1; }
    local wall cpu rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$log" | awk '{ s += $1 } END { print s }')
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    echo "$wall $cpu $rss $anon"
}

load=$(cut -d' ' -f1-3 /proc/loadavg)

work="$out/work"
rm -rf "$work"
mkdir -p "$work"
echo "Baseline: SQLite table + FTS5" >&2
read -r base_s base_cpu base_kb base_anon < <(measure dotnet "$bench" import-baseline "$files" --db "$work/baseline.db")
base_mb=$(du -sm "$work/baseline.db" | cut -f1)
rm -f "$work"/baseline.db*
echo "Hexapla: hexapla import" >&2
read -r hex_s hex_cpu hex_kb hex_anon < <(measure dotnet "$hexapla" import "$files" --data "$work/data")
tail -n 1 "$out/run.log" >&2
hex_mb=$(du -sm "$work/data" | cut -f1)
hex_db_mb=$(du -cm "$work/data"/hexapla.db* | tail -n 1 | cut -f1)
rm -rf "$work"
old_row=""
if [[ -n "$before" ]]; then
    echo "Before: hexapla import at $before" >&2
    read -r old_s old_cpu old_kb old_anon < <(measure dotnet "$old_hexapla" import "$files" --data "$work/old")
    old_mb=$(du -sm "$work/old" | cut -f1)
    old_db_mb=$(du -cm "$work/old"/hexapla.db* | tail -n 1 | cut -f1)
    rm -rf "$work"
    git worktree remove --force "$old_src" >&2
    old_row=$(awk -v v="$versions" -v bs="$base_s" -v os="$old_s" -v oc="$old_cpu" -v ok="$old_kb" -v oa="$old_anon" -v om="$old_mb" \
        -v hs="$hex_s" -v hm="$hex_mb" -v od="$old_db_mb" -v hd="$hex_db_mb" -v ref="$before" 'BEGIN {
        printf "| hexapla import at %s | %.1f | %.0f | %.1f | %.0f | %.0f | %.0f | %d |\n", ref, os, v / os, oc, v / oc, ok / 1024, oa / 1024, om
        printf "| %s / baseline | %.2f | %.2f | | | | | |\n", ref, os / bs, bs / os
        printf "| hexapla / %s | %.2f | %.2f | | | | | %.2f |\n\n", ref, hs / os, os / hs, hm / om
        printf "The SQLite store alone (hexapla.db and its log): %d MiB at %s, %d MiB now (%.2f ×, %.0f %% smaller).\n", od, ref, hd, hd / od, 100 * (1 - hd / od)
    }')
fi

awk -v n="$docs" -v v="$versions" -v mb="$megabytes" -v bs="$base_s" -v bc="$base_cpu" -v bk="$base_kb" -v ba="$base_anon" -v bm="$base_mb" \
    -v hs="$hex_s" -v hc="$hex_cpu" -v hk="$hex_kb" -v ha="$hex_anon" -v hm="$hex_mb" -v cores="$(nproc)" -v load="$load" 'BEGIN {
    printf "Import of %d documents (%d files, %d MB), %d cores, load average before the runs %s\n\n", n, v, mb, cores, load
    print "| run | wall s | versions/s | CPU s | versions per CPU s | peak RSS MiB | peak anonymous MiB | on disk MiB |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|"
    printf "| SQLite table + FTS5 (baseline) | %.1f | %.0f | %.1f | %.0f | %.0f | %.0f | %d |\n", bs, v / bs, bc, v / bc, bk / 1024, ba / 1024, bm
    printf "| hexapla import | %.1f | %.0f | %.1f | %.0f | %.0f | %.0f | %d |\n", hs, v / hs, hc, v / hc, hk / 1024, ha / 1024, hm
    printf "| hexapla / baseline | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", hs / bs, bs / hs, hc / bc, bc / hc, hk / bk, (ba > 0 ? ha / ba : 0), hm / bm
}' | tee "$out/results.md"
if [[ -n "$old_row" ]]; then
    echo "$old_row" | tee -a "$out/results.md"
fi
