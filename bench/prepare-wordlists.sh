#!/usr/bin/env bash
# Writes the word lists the corpus generator draws from, once, into bench/.cache/ (or $1):
#   en.txt  one English word form per line, from Debian's wamerican: lowercase a-z only,
#           so possessives ('s) and proper nouns (capitalised) are dropped.
#   ru.txt  one line per entry of Debian's aspell-ru master dictionary: the inflected forms
#           of that entry, separated by spaces, lowercase Cyrillic only, UTF-8.
# Installs wamerican, aspell and aspell-ru when they are missing. Safe to run again: lists that
# exist are kept (delete them to rebuild).
set -euo pipefail

cache="${1:-$(cd "$(dirname "$0")" && pwd)/.cache}"
mkdir -p "$cache"

missing=()
for package in wamerican aspell aspell-ru; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq wamerican aspell aspell-ru >/dev/null
fi

export LC_ALL=C.UTF-8

if [[ ! -s "$cache/en.txt" ]]; then
  grep -E '^[a-z]+$' /usr/share/dict/american-english | sort -u > "$cache/en.txt.tmp"
  mv "$cache/en.txt.tmp" "$cache/en.txt"
fi

if [[ ! -s "$cache/ru.txt" ]]; then
  # aspell writes in the dictionary's own encoding (KOI8-R for aspell-ru) unless told otherwise; ask for
  # UTF-8 on both ends, then check, and convert from KOI8-R if an older aspell ignored the option.
  aspell -l ru --encoding=utf-8 dump master | aspell -l ru --encoding=utf-8 expand > "$cache/ru.raw"
  if ! iconv -f UTF-8 -t UTF-8 "$cache/ru.raw" >/dev/null 2>&1; then
    iconv -f KOI8-R -t UTF-8 "$cache/ru.raw" > "$cache/ru.raw.utf8"
    mv "$cache/ru.raw.utf8" "$cache/ru.raw"
  fi
  # Keep the lowercase Cyrillic forms of each line (а-я and ё), each once; drop lines left empty.
  perl -CSD -Mutf8 -ne '
    my %seen;
    my @forms = grep { /^[а-яё]+$/ && !$seen{$_}++ } split /\s+/;
    print join(" ", @forms), "\n" if @forms;
  ' "$cache/ru.raw" > "$cache/ru.txt.tmp"
  mv "$cache/ru.txt.tmp" "$cache/ru.txt"
  rm -f "$cache/ru.raw"
fi

echo "en.txt: $(wc -l < "$cache/en.txt") words" >&2
echo "ru.txt: $(wc -l < "$cache/ru.txt") entries, $(wc -w < "$cache/ru.txt") forms" >&2
