#!/usr/bin/env bash
# Replaces the bundled copies of the standards bodies' schemas with the published ones.
#   - XLIFF 2.0 core and module XSDs (OASIS, 05 August 2014) with W3C xml.xsd: src/Hexapla.Core/Interchange/Xliff/Schemas/
#     (embedded in the core: every XLIFF file Hexapla reads is validated against them).
#   - TMX 1.4 DTD (LISA OSCAR): tests/Hexapla.Core.Tests/Fixtures/Standards/ (tests validate our TMX against it).
#   - sitemap 0.9 and sitemap-index XSDs (sitemaps.org): tests/Hexapla.Tests/Fixtures/Standards/.
# Run it, build, run the Interchange and sitemap tests, commit the files.
#
#   scripts/refresh-standards.sh [folder laid out as xliff-2.0/, tmx-1.4/, sitemaps-0.9/]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
xliff="$root/src/Hexapla.Core/Interchange/Xliff/Schemas"
tmx="$root/tests/Hexapla.Core.Tests/Fixtures/Standards"
sitemaps="$root/tests/Hexapla.Tests/Fixtures/Standards"
oasis="https://docs.oasis-open.org/xliff/xliff-core/v2.0/os/schemas"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() { # fetch URL-or-local-file destination
  if [[ -n "${local_folder:-}" ]]; then cp "$local_folder/$1" "$2"; else curl --fail --silent --show-error --location --max-time 120 --output "$2" "$1"; fi
}

local_folder="${1:-}"
if [[ -n "$local_folder" ]]; then
  for f in "$local_folder"/xliff-2.0/*.xsd; do cp "$f" "$work/"; done
  cp "$local_folder/tmx-1.4/tmx14.dtd" "$work/"
  cp "$local_folder"/sitemaps-0.9/*.xsd "$work/"
else
  for f in xliff_core_2.0.xsd; do fetch "$oasis/$f" "$work/$f"; done
  for f in change_tracking fs glossary matches metadata resource_data size_restriction validation; do
    fetch "$oasis/modules/$f.xsd" "$work/$f.xsd"
  done
  fetch "$oasis/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd" "$work/xml.xsd"
  fetch "https://www.gala-global.org/sites/default/files/migrated-pages/docs/tmx14%20%281%29.dtd" "$work/tmx14.dtd"
  fetch "https://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" "$work/sitemap.xsd"
  fetch "https://www.sitemaps.org/schemas/sitemap/0.9/siteindex.xsd" "$work/siteindex.xsd"
fi

# A schema that is not XML (an error page) must not replace a good copy.
for f in "$work"/*.xsd; do
  grep -q '<xs:schema\|<xsd:schema' "$f" || { echo "refresh-standards: $(basename "$f") is not an XML schema" >&2; exit 1; }
done
grep -q '<!ELEMENT tmx' "$work/tmx14.dtd" || { echo "refresh-standards: tmx14.dtd is not the TMX DTD" >&2; exit 1; }

for f in xliff_core_2.0 change_tracking fs glossary matches metadata resource_data size_restriction validation xml; do
  cp "$work/$f.xsd" "$xliff/$f.xsd"
done
cp "$work/tmx14.dtd" "$tmx/tmx14.dtd"
cp "$work/sitemap.xsd" "$work/siteindex.xsd" "$sitemaps/"
echo "standards refreshed: $xliff, $tmx, $sitemaps"
