-- Which versions of a document are public, and their languages and update times, from the index alone (as on SQLite):
-- the sitemap pages through every public document without reading the version rows.
CREATE INDEX versions_sitemap ON versions (document_id, state, published_at, language, updated_at);
