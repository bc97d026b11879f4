#!/usr/bin/env bash
# Static export against Hugo, in one run: the same bilingual corpus (N documents × ru-RU and en-GB) rendered by
# `hexapla export site --no-compare` (Release) and by Hugo (Debian's, with the minimal multilingual layout in
# bench/hugo/), each writing every page, feed, sitemap and asset to disk. Prints a Markdown table.
#
#   bash bench/export-vs-hugo.sh [N] [RUNS]        (defaults: 10000 documents, 3 timed runs each)
#
# Both tools start as fresh processes (the time includes start-up, as a deploy script would see it) into an
# emptied folder. After one untimed warm-up each (so both read a warm page cache), the timed runs alternate
# hugo, hexapla, hugo, hexapla…; the table gives the median. Pages are the HTML files each tool wrote, counted
# after its last run. Wall time and CPU time (user + system) are both reported: on a shared machine the wall
# clock also counts other people's work.
# Work files go to $WORK (default bench/.cache/export-vs-hugo).
set -euo pipefail

docs="${1:-10000}"
runs="${2:-3}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${WORK:-$repo/bench/.cache/export-vs-hugo}"

if ! command -v hugo >/dev/null 2>&1; then
  echo "installing hugo from Debian" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq hugo >/dev/null
fi

bash "$repo/bench/prepare-wordlists.sh" >&2

echo "building Hexapla and the bench tool in Release" >&2
dotnet build -c Release -v q -nologo "$repo/src/Hexapla/Hexapla.csproj" >&2
dotnet build -c Release -v q -nologo "$repo/bench/Hexapla.Bench/Hexapla.Bench.csproj" >&2
hexapla="$repo/src/Hexapla/bin/Release/net10.0/hexapla"

echo "writing the corpus: $docs documents × 2 languages" >&2
corpus="$work/corpus"
dotnet "$repo/bench/Hexapla.Bench/bin/Release/net10.0/hexapla-bench.dll" export-corpus --docs "$docs" --out "$corpus" >&2
cp -r "$repo/bench/hugo/." "$corpus/hugo/"
mkdir -p "$corpus/hugo/static"
cp "$repo/src/Hexapla/Site/Assets/site.css" "$corpus/hugo/static/site.css"

# Each run starts with its output folder gone; the removal happens before the clock starts.
run_hugo() {
  hugo --quiet --source "$corpus/hugo" --destination "$work/out-hugo" >/dev/null
}

run_hexapla() {
  "$hexapla" export site --data "$corpus/hexapla-data" --out "$work/out-hexapla" --base-url https://press.example.org --no-compare >/dev/null
}

run_hexapla_compare() {
  "$hexapla" export site --data "$corpus/hexapla-data" --out "$work/out-hexapla-compare" --base-url https://press.example.org >/dev/null
}

# "REAL CPU" seconds that "$@" takes (CPU = user + system, of the process and its children): on a shared
# machine the wall clock counts other people's work too, so both are reported.
timed() {
  local TIMEFORMAT='%3R %3U %3S'
  local line
  line=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
  read -r real user sys <<<"$line"
  echo "$real $(echo "$user + $sys" | bc -l)"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

clean() { rm -rf "$work/out-$1"; }

echo "warming up" >&2
clean hugo
run_hugo
clean hexapla
run_hexapla

hugo_real=() hugo_cpu=() hexapla_real=() hexapla_cpu=()
for ((i = 1; i <= runs; i++)); do
  clean hugo
  read -r real cpu <<<"$(timed run_hugo)"
  hugo_real+=("$real") hugo_cpu+=("$cpu")
  clean hexapla
  read -r real cpu <<<"$(timed run_hexapla)"
  hexapla_real+=("$real") hexapla_cpu+=("$cpu")
  echo "run $i: hugo ${hugo_real[-1]} s (CPU ${hugo_cpu[-1]} s), hexapla ${hexapla_real[-1]} s (CPU ${hexapla_cpu[-1]} s)" >&2
done

hugo_pages=$(find "$work/out-hugo" -name '*.html' | wc -l)
hexapla_pages=$(find "$work/out-hexapla" -name '*.html' | wc -l)
hugo_files=$(find "$work/out-hugo" -type f | wc -l)
hexapla_files=$(find "$work/out-hexapla" -type f | wc -l)
hugo_median=$(printf '%s\n' "${hugo_real[@]}" | median)
hexapla_median=$(printf '%s\n' "${hexapla_real[@]}" | median)
hugo_cpu_median=$(printf '%s\n' "${hugo_cpu[@]}" | median)
hexapla_cpu_median=$(printf '%s\n' "${hexapla_cpu[@]}" | median)

# One more Hexapla run with the side-by-side pages as well (the live site has them; Hugo has nothing like them).
clean hexapla-compare
read -r compare_time compare_cpu <<<"$(timed run_hexapla_compare)"
compare_pages=$(find "$work/out-hexapla-compare" -name '*.html' | wc -l)

rate() { echo "$1 / $2" | bc -l; }

printf '\n%s documents × 2 languages, %s timed runs each (median), %s cores, load average %s, %s\n\n' \
  "$docs" "$runs" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(hugo version | cut -d' ' -f1-2)"
printf '| tool | HTML pages | files | wall s (median) | wall s (runs) | CPU s (median) | pages/s (wall) | pages per CPU s |\n'
printf '| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n'
printf '| Hugo | %d | %d | %.2f | %s| %.2f | %.0f | %.0f |\n' "$hugo_pages" "$hugo_files" "$hugo_median" "$(printf '%.2f ' "${hugo_real[@]}")" \
  "$hugo_cpu_median" "$(rate "$hugo_pages" "$hugo_median")" "$(rate "$hugo_pages" "$hugo_cpu_median")"
printf '| hexapla export site --no-compare | %d | %d | %.2f | %s| %.2f | %.0f | %.0f |\n' "$hexapla_pages" "$hexapla_files" "$hexapla_median" "$(printf '%.2f ' "${hexapla_real[@]}")" \
  "$hexapla_cpu_median" "$(rate "$hexapla_pages" "$hexapla_median")" "$(rate "$hexapla_pages" "$hexapla_cpu_median")"
printf '| hexapla export site (with side-by-side pages, 1 run) | %d | | %.2f | | %.2f | %.0f | %.0f |\n' "$compare_pages" "$compare_time" "$compare_cpu" \
  "$(rate "$compare_pages" "$compare_time")" "$(rate "$compare_pages" "$compare_cpu")"
printf '\nHexapla / Hugo: pages/s (wall) %.2f, pages per CPU second %.2f (above 1: Hexapla is faster)\n' \
  "$(echo "($hexapla_pages / $hexapla_median) / ($hugo_pages / $hugo_median)" | bc -l)" \
  "$(echo "($hexapla_pages / $hexapla_cpu_median) / ($hugo_pages / $hugo_cpu_median)" | bc -l)"

clean hugo
clean hexapla
clean hexapla-compare
