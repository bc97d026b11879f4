#!/usr/bin/env bash
# Writes the word lists the corpus generator draws from, once, into bench/.cache/ (or $1):
#   en.txt  one English word form per line, from Debian's wamerican: lowercase a-z only,
#           so possessives ('s) and proper nouns (capitalised) are dropped.
#   ru.txt  one line per entry of Debian's aspell-ru master dictionary: the inflected forms
#           of that entry, separated by spaces, lowercase Cyrillic only, UTF-8.
# With --un (the six-language corpus of `hexapla-bench search --languages un`), also:
#   es.txt  one line per entry of aspell-es, its forms (lowercase letters only), like ru.txt.
#   fr.txt  one form per line from aspell-fr's master word list (lowercase letters only).
#   ar.txt  one form per line from aspell-ar (Arabic letters only; it lists forms, not entries).
#   zh.txt  one word per line from python3-jieba's dictionary (Han characters only, 1 to 4 of them).
# Installs wamerican, aspell and aspell-ru (and aspell-es, aspell-fr, aspell-ar, python3-jieba) when missing. Safe to run again: lists that
# exist are kept (delete them to rebuild).
set -euo pipefail

un=0
if [[ "${1:-}" == "--un" ]]; then
  un=1
  shift
fi
cache="${1:-$(cd "$(dirname "$0")" && pwd)/.cache}"
mkdir -p "$cache"

packages=(wamerican aspell aspell-ru)
((un)) && packages+=(aspell-es aspell-fr aspell-ar python3-jieba)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
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

if ((un)); then
  if [[ ! -s "$cache/es.txt" ]]; then
    aspell -l es --encoding=utf-8 dump master | aspell -l es --encoding=utf-8 expand | perl -CSD -Mutf8 -ne '
      my %seen;
      my @forms = grep { /^[a-zñáéíóúü]+$/ && !$seen{$_}++ } split /\s+/;
      print join(" ", @forms), "\n" if @forms;
    ' > "$cache/es.txt.tmp"
    mv "$cache/es.txt.tmp" "$cache/es.txt"
  fi
  if [[ ! -s "$cache/fr.txt" ]]; then
    aspell -l fr --encoding=utf-8 dump master | aspell -l fr --encoding=utf-8 expand | tr ' ' '\n' \
      | perl -CSD -Mutf8 -ne 'print if /^[a-zàâæçéèêëîïôœùûüÿ]+$/' | sort -u > "$cache/fr.txt.tmp"
    mv "$cache/fr.txt.tmp" "$cache/fr.txt"
  fi
  if [[ ! -s "$cache/ar.txt" ]]; then
    aspell -l ar --encoding=utf-8 dump master | aspell -l ar --encoding=utf-8 expand | tr ' ' '\n' \
      | perl -CSD -Mutf8 -ne 'print if /^[\x{0621}-\x{064A}]+$/' | sort -u > "$cache/ar.txt.tmp"
    mv "$cache/ar.txt.tmp" "$cache/ar.txt"
  fi
  if [[ ! -s "$cache/zh.txt" ]]; then
    dict=$(python3 -c 'import os, jieba; print(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))' 2>/dev/null \
      || echo /usr/lib/python3/dist-packages/jieba/dict.txt)
    perl -CSD -Mutf8 -ane 'print "$F[0]\n" if $F[0] =~ /^\p{Han}{1,4}$/' "$dict" | sort -u > "$cache/zh.txt.tmp"
    mv "$cache/zh.txt.tmp" "$cache/zh.txt"
  fi
  for language in es fr ar zh; do
    echo "$language.txt: $(wc -l < "$cache/$language.txt") lines, $(wc -w < "$cache/$language.txt") forms" >&2
  done
fi

echo "en.txt: $(wc -l < "$cache/en.txt") words" >&2
echo "ru.txt: $(wc -l < "$cache/ru.txt") entries, $(wc -w < "$cache/ru.txt") forms" >&2
