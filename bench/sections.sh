#!/usr/bin/env bash
# The uncached section page against today's uncached home page (issue 21's target: a section page at 100,000 documents
# in 500 sections within 1.5 x the home page as it was before sections), in one run on the same data:
#   1. a corpus of DOCS generated documents (two versions each) in a tree of SECTIONS sections (count / 25 top-level
#      ones with the rest below them: 500 = 20 x 24), kinds and field values (hexapla-bench corpus --sections);
#   2. the baseline: Hexapla at commit BASELINE (8e4d0ce: the groundwork of issue 21, before section pages), built
#      from `git archive` into bench/.cache/baseline-BASELINE (kept and reused), serving a copy of the same data
#      (a store written by a newer schema is taken back to the baseline's: the indexes and tables the newer SQLite
#      migrations create are dropped, user_version set back; the rows are the same);
#   3. the newest build (this tree) serving the data itself;
# each server alone, with its page cache off (Hexapla__PageCacheMegabytes=0: every answer rendered), after its CPU
# has gone quiet; wrk -t2 -cCONNECTIONS for DURATION seconds after a 5 s warm-up on
#   baseline   home page /en-gb/ and its page 2 (?page=2)
#   newest     home page /en-gb/, a leaf section /en-gb/s/topic-01/area-01 (DOCS / SECTIONS documents), a top-level
#              section /en-gb/s/topic-01 with its subsections (25 x that), page 2 of the top-level one, its feed
# and prints a Markdown table: requests/s, p50, p99, each against the baseline home page, with the load average.
#
#   bash bench/sections.sh [--docs 100000] [--sections 500] [--duration 20] [--connections 8] [--data DIR] [--keep]
#                          [--baseline 8e4d0ce] [--newest REF]
#
# --data DIR serves DIR (written by an earlier run with --keep: the corpus takes minutes to write) instead of writing
# a corpus; --keep keeps the data folder written (its path is printed). --newest REF measures commit REF (built from
# `git archive` like the baseline) instead of this tree. Needs bench/prepare-wordlists.sh; installs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."

arguments="$*"
docs=100000 sections=500 duration=20 connections=8 data_arg="" keep=0 baseline=8e4d0ce newest=""
while (($#)); do
    case "$1" in
        --docs) docs="$2"; shift 2 ;;
        --sections) sections="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --data) data_arg="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --baseline) baseline="$2"; shift 2 ;;
        --newest) newest="$2"; shift 2 ;;
        *) echo "sections.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

source bench/lib.sh
bench_install wrk:wrk sqlite3:sqlite3

bench_work="$(mktemp -d)"
work="$bench_work"
data=""
bench_cleanup_hook() {
    if [[ -n "$data" && -z "$data_arg" && $keep -eq 0 ]]; then rm -rf "$data"; fi
    rm -rf "$work"
}

echo "Building Hexapla and hexapla-bench (Release)" >&2
dotnet build src/Hexapla -c Release -v quiet -nologo >&2
dotnet build bench/Hexapla.Bench -c Release -v quiet -nologo >&2
bench_dll=bench/Hexapla.Bench/bin/Release/net10.0/hexapla-bench.dll
newest_commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo "+changes")"

# A commit's build, kept between runs (bench/.cache is ignored by git): its folder.
build_commit() { # commit name
    local dir="bench/.cache/$2-$1"
    if [[ ! -f "$dir/src/Hexapla/bin/Release/net10.0/hexapla.dll" ]]; then
        echo "Building $1 into $dir" >&2
        rm -rf "$dir" && mkdir -p "$dir"
        git archive "$1" | tar -x -C "$dir"
        dotnet build "$dir/src/Hexapla" -c Release -v quiet -nologo >&2
    fi
    echo "$dir"
}
baseline_commit="$(git rev-parse --short "$baseline")"
baseline_dir="$(build_commit "$baseline_commit" baseline)"
baseline_dll="$baseline_dir/src/Hexapla/bin/Release/net10.0/hexapla.dll"
newest_dir=.
if [[ -n "$newest" ]]; then
    newest_commit="$(git rev-parse --short "$newest")"
    newest_dir="$(build_commit "$newest_commit" newest)"
fi
newest_dll="$newest_dir/src/Hexapla/bin/Release/net10.0/hexapla.dll"

if [[ -n "$data_arg" ]]; then
    data="$data_arg"
else
    data="$(mktemp -d)"
    echo "Writing $docs generated documents in $sections sections into $data" >&2
    start="$(date +%s)"
    dotnet "$bench_dll" corpus --docs "$docs" --sections "$sections" --data "$data" >&2
    echo "corpus written in $(( $(date +%s) - start )) s" >&2
    ((keep)) && echo "data folder kept: $data (reuse it with --data $data)" >&2
fi
db="$data/hexapla.db"
[[ -f "$db" ]] || { echo "sections.sh: no store in $data" >&2; exit 2; }
stored_docs="$(sqlite3 "$db" 'SELECT count(*) FROM documents;')"
stored_sections="$(sqlite3 "$db" 'SELECT count(*) FROM sections;')"

# The baseline's copy of the data: the store taken back to the schema the baseline knows, and the search index.
baseline_data="$work/baseline-data"
mkdir -p "$baseline_data"
sqlite3 "$db" ".backup '$baseline_data/hexapla.db'"
[[ -d "$data/index" ]] && cp -r "$data/index" "$baseline_data/index"
baseline_version="$(ls "$baseline_dir"/src/Hexapla.Core/Storage/Sqlite/Migrations/*.sql | sed -E 's#.*/0*([0-9]+)_[^/]*$#\1#' | sort -n | tail -1)"
stored_version="$(sqlite3 "$baseline_data/hexapla.db" 'PRAGMA user_version;')"
if ((stored_version > baseline_version)); then
    for migration in "$newest_dir"/src/Hexapla.Core/Storage/Sqlite/Migrations/*.sql; do
        number="$(basename "$migration" | sed -E 's/^0*([0-9]+)_.*/\1/')"
        ((number > baseline_version)) || continue
        # What a newer migration creates goes; anything else (a changed table) cannot be taken back here.
        { grep -ioE 'create (unique )?index (if not exists )?[a-z0-9_]+' "$migration" || true; } | awk '{ print $NF }' | while read -r name; do
            sqlite3 "$baseline_data/hexapla.db" "DROP INDEX IF EXISTS $name;"
            echo "baseline copy: dropped index $name (migration $(basename "$migration"))" >&2
        done
        { grep -ioE 'create table (if not exists )?[a-z0-9_]+' "$migration" || true; } | awk '{ print $NF }' | while read -r name; do
            sqlite3 "$baseline_data/hexapla.db" "DROP TABLE IF EXISTS $name;"
            echo "baseline copy: dropped table $name (migration $(basename "$migration"))" >&2
        done
    done
    sqlite3 "$baseline_data/hexapla.db" "PRAGMA user_version = $baseline_version;"
fi

declare -A rps p50 p99 p99_raw load bytes
serve() { # dll data: starts a server with the page cache off, waits until it answers and its CPU goes quiet
    local port
    port="$(free_port)"
    base="http://127.0.0.1:$port"
    Hexapla__PageCacheMegabytes=0 dotnet "$1" serve --no-samples --data "$2" --urls "$base" >"$work/serve-$port.log" 2>&1 &
    server=$!
    bench_track "$server"
    wait_for "$base/healthz" 1500 || { cat "$work/serve-$port.log" >&2; exit 1; }
    wait_idle "$server" 600
}
measure() { # name path
    local name="$1" url="$base$2" status
    status="$(curl -s -o "$work/page-$name" -w '%{http_code}' "$url")"
    [[ "$status" == 200 ]] || { echo "sections.sh: $url answered $status" >&2; exit 1; }
    bytes[$name]="$(wc -c <"$work/page-$name")"
    # An uncached listing can take seconds under load: wrk's default two-second timeout would count none of them.
    wrk_measure "$name" "$url" "$connections" "$duration" --timeout 120s
    load[$name]="$(load_average)"
    echo "$name: ${rps[$name]} requests/s, p50 ${p50[$name]} ms, p99 ${p99[$name]} ms (load average ${load[$name]})" >&2
}

echo "Baseline $baseline_commit" >&2
serve "$baseline_dll" "$baseline_data"
measure baseline-home /en-gb/
measure baseline-home-2 "/en-gb/?page=2"
bench_stop "$server"

echo "Newest $newest_commit" >&2
serve "$newest_dll" "$data"
leaf_docs="$(sqlite3 "$db" "SELECT count(*) FROM documents d JOIN sections s ON s.id = d.section_id JOIN sections p ON p.id = s.parent_id WHERE s.slug = 'area-01' AND p.slug = 'topic-01';")"
top_docs="$(sqlite3 "$db" "SELECT count(*) FROM documents d JOIN sections s ON s.id = d.section_id LEFT JOIN sections p ON p.id = s.parent_id WHERE s.slug = 'topic-01' AND s.parent_id IS NULL OR p.slug = 'topic-01' AND p.parent_id IS NULL;")"
measure home /en-gb/
measure leaf /en-gb/s/topic-01/area-01
measure top /en-gb/s/topic-01
measure top-2 "/en-gb/s/topic-01?page=2"
measure top-feed /en-gb/s/topic-01/feed.atom
bench_stop "$server"

order=(baseline-home baseline-home-2 home leaf top top-2 top-feed)
declare -A label=(
    [baseline-home]="home page, baseline $baseline_commit" [baseline-home-2]="home page 2, baseline $baseline_commit"
    [home]="home page, newest $newest_commit" [leaf]="leaf section ($leaf_docs documents), newest"
    [top]="top-level section with its subsections ($top_docs documents), newest" [top-2]="its page 2, newest"
    [top-feed]="its feed, newest"
)
declare -A path=(
    [baseline-home]="/en-gb/" [baseline-home-2]="/en-gb/?page=2" [home]="/en-gb/" [leaf]="/en-gb/s/topic-01/area-01"
    [top]="/en-gb/s/topic-01" [top-2]="/en-gb/s/topic-01?page=2" [top-feed]="/en-gb/s/topic-01/feed.atom"
)

echo "Uncached pages (page cache off), $stored_docs documents (two versions each) in $stored_sections sections; wrk -t2 -c$connections, $duration s each after a 5 s warm-up; $(nproc) cores."
echo
{
    printf 'page\tpath\tbytes\trequests/s\tp50 ms\tp99 ms\tp50 ÷ baseline home\tp99 ÷ baseline home\trequests/s ÷ baseline home\tload average (1, 5, 15 min)\n'
    printf 'l\tl\tr\tr\tr\tr\tr\tr\tr\tl\n'
    for name in "${order[@]}"; do
        python3 -c 'import sys; l, p, b, r, a, c, r0, a0, c0, ld = sys.argv[1:]; r, a, c, r0, a0, c0 = map(float, (r, a, c, r0, a0, c0)); print(f"{l}\t`{p}`\t{int(b):,}\t{r:,.1f}\t{a:.1f}\t{c:.1f}\t{a / a0:.2f}\t{c / c0:.2f}\t{r / r0:.2f}\t{ld}")' \
            "${label[$name]}" "${path[$name]}" "${bytes[$name]}" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" \
            "${rps[baseline-home]}" "${p50[baseline-home]}" "${p99[baseline-home]}" "${load[$name]}"
    done
} | md_table
echo
echo "Made with: bash bench/sections.sh $arguments; newest $newest_commit, baseline $baseline_commit (git archive, Release); data $data."
echo "Target: the section page within 1.5 × the baseline's uncached home page (p50 ÷ baseline home ≤ 1.5)."
