-- Listings filtered by tag, as SQLite's migration 0013 (see there).
CREATE INDEX document_tags_tag ON document_tags (tag, document_id);
