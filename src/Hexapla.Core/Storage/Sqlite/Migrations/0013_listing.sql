-- Listings filtered by tag (home and section pages, ?tag=): the documents with a tag, found from the tag. The primary
-- key (document_id, tag) answers the other way round, from a document to its tags, for the tag facet's counts.
CREATE INDEX document_tags_tag ON document_tags (tag, document_id);
