-- Site structure: a tree of sections (a slug and a title per language each), the kinds of document with their typed
-- fields, and the menus. A document sits in at most one section and is of at most one kind; its shared field values
-- (a date, a document number) live with the document, its translatable ones (a place, a speaker's title) with each
-- revision of each language version, so they go through working copies, review and publication with the text.

CREATE TABLE sections (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES sections (id) DEFERRABLE INITIALLY DEFERRED,
    slug       TEXT    NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);

-- Siblings have different slugs; the top level counts as one parent.
CREATE UNIQUE INDEX sections_sibling_slug ON sections (coalesce(parent_id, 0), slug);

CREATE TABLE section_titles (
    section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    language   TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    PRIMARY KEY (section_id, language)
);

-- Paths a section had before it was renamed or moved (its own and its descendants'), so published links keep answering.
CREATE TABLE section_redirects (
    path       TEXT    PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE
);

-- A kind's definition (names per language, fields with type and labels) is one JSON document: it is read whole.
CREATE TABLE document_kinds (
    key        TEXT    PRIMARY KEY,
    position   INTEGER NOT NULL DEFAULT 0,
    definition TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- A menu (header, footer) and its entries, as one JSON document.
CREATE TABLE menus (
    name       TEXT    PRIMARY KEY,
    definition TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

ALTER TABLE documents ADD COLUMN section_id INTEGER REFERENCES sections (id);
ALTER TABLE documents ADD COLUMN kind TEXT REFERENCES document_kinds (key);
ALTER TABLE documents ADD COLUMN fields TEXT;
ALTER TABLE revisions ADD COLUMN fields TEXT;

CREATE INDEX documents_section ON documents (section_id);
CREATE INDEX documents_kind ON documents (kind);
