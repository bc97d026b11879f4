#!/usr/bin/env bash
# Replaces the bundled IANA Language Subtag Registry with the official one.
# Every language tag Hexapla takes is checked against this file (src/Hexapla.Core/Languages/LanguageRegistry.cs);
# `hexapla --version` shows its File-Date. Run it, build, run the Languages tests, commit the file.
#
#   scripts/refresh-language-registry.sh [URL-or-local-file]
set -euo pipefail

source_url="${1:-https://www.iana.org/assignments/language-subtag-registry/language-subtag-registry}"
target="$(cd "$(dirname "$0")/.." && pwd)/src/Hexapla.Core/Languages/Data/language-subtag-registry"
download="$(mktemp)"
trap 'rm -f "$download"' EXIT

if [[ -f "$source_url" ]]; then
  cp "$source_url" "$download"
else
  curl --fail --silent --show-error --location --max-time 120 --output "$download" "$source_url"
fi

# The registry is plain text: a File-Date record, then records separated by %% lines.
first_line="$(head -n 1 "$download" | tr -d '\r')"
if [[ ! "$first_line" =~ ^File-Date:\ [0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  echo "refresh-language-registry: $source_url does not start with a File-Date line (got: ${first_line:0:80})" >&2
  exit 1
fi

records="$(grep -c '^%%$' "$download" || true)"
if (( records < 8000 )); then
  echo "refresh-language-registry: only $records records in $source_url; the registry has over 9,000. Not replacing." >&2
  exit 1
fi

old_date="$(head -n 1 "$target" 2>/dev/null | tr -d '\r' || true)"
# Store with LF line ends so diffs between refreshes show only the registry's changes.
tr -d '\r' < "$download" > "$target"
echo "language subtag registry: ${old_date:-none} -> $first_line ($records records) in $target"
