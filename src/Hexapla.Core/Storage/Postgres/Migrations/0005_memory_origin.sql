-- Memory pairs by where they came from, as on SQLite: a lookup reads the pairs of the documents the search index finds
-- most like the segment, a range of this index per document (origin is COLLATE "C", so ranges go by bytes).
CREATE INDEX tm_units_origin ON tm_units (source_lang, target_lang, origin);
