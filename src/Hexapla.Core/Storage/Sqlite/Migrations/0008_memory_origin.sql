-- Memory pairs by where they came from ("document SLUG rN", "tmx FILE"…): a lookup for pairs like a segment reads the
-- pairs of the documents the search index finds most like it, a range of this index per document.
CREATE INDEX tm_units_origin ON tm_units (source_lang, target_lang, origin);
