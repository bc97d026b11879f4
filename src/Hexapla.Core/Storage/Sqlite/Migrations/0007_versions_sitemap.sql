-- Which versions of a document are public, and their languages and update times, from the index alone: the sitemap
-- pages through every public document, and reading the version rows would read their bodies (overflow pages) too.
CREATE INDEX versions_sitemap ON versions (document_id, state, published_at, language, updated_at);
