#!/usr/bin/env bash
# The search benchmark of issue 18, before and after, in one run on one machine:
#   1. "before": the search code of BEFORE (a commit; default dc2e303, the branch point of the language analysis)
#      with today's corpus, ru-RU originals and en-GB translations (--languages en-ru);
#   2. "after": this tree's search code with the six-language corpus (--languages un: ar, en-GB, es, fr, ru-RU, zh);
#   3. with --also-before-un, the code of BEFORE on the six-language corpus too (same data, old analysis).
# Both sides run this tree's bench/Hexapla.Bench (the corpus, the query mix and the timing are the same code): for
# "before" it is copied into a git worktree of BEFORE (in $TMPDIR/hexapla-bench-before, removed at the end) and built
# against that commit's Hexapla.Core. Hexapla's engine only (no FTS5). The load average is printed before and after each run.
#
#   bash bench/search-languages.sh [--docs 100000] [--before dc2e303] [--out bench-results/issue-18] [--also-before-un]
set -euo pipefail

docs=100000
before=dc2e303
out=bench-results/issue-18
also_before_un=0
while (($#)); do
  case "$1" in
    --docs) docs="$2"; shift 2 ;;
    --before) before="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --also-before-un) also_before_un=1; shift ;;
    *) echo "search-languages.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash bench/prepare-wordlists.sh --un
words="$root/bench/.cache"

base="${TMPDIR:-/tmp}/hexapla-bench-before"
if [[ ! -d "$base/.git" && ! -f "$base/.git" ]]; then
  git worktree add --detach "$base" "$before" >/dev/null
else
  git -C "$base" checkout --detach -q "$before"
fi
rm -rf "$base/bench/Hexapla.Bench"
cp -r bench/Hexapla.Bench "$base/bench/"
rm -rf "$base/bench/Hexapla.Bench/bin" "$base/bench/Hexapla.Bench/obj"
(cd "$base" && dotnet build -c Release bench/Hexapla.Bench -v q -nologo >/dev/null)
dotnet build -c Release bench/Hexapla.Bench -v q -nologo >/dev/null

mkdir -p "$out"
run() {
  local name="$1" tree="$2" languages="$3"
  echo "== $name: $(git -C "$tree" rev-parse --short HEAD), --languages $languages, --docs $docs" | tee -a "$out/summary.md"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S)" | tee -a "$out/summary.md"
  /usr/bin/time -f "wall %e s, user %U s, system %S s, max RSS %M KB" -a -o "$out/summary.md" \
    dotnet "$tree/bench/Hexapla.Bench/bin/Release/net10.0/hexapla-bench.dll" search --engine hexapla \
      --docs "$docs" --languages "$languages" --words "$words" --out "$out/$name" > /dev/null
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S)" | tee -a "$out/summary.md"
  sed -n '/^| engine/,/^$/p' "$out/$name/results.md" | tee -a "$out/summary.md"
}

run before-en-ru "$base" en-ru
run after-un "$root" un
if ((also_before_un)); then
  run before-un "$base" un
fi
git worktree remove --force "$base"
echo "Results: $out/summary.md and $out/*/results.md"
