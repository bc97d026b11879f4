-- Documents and their language versions. Times are Unix milliseconds (UTC).
CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    slug              TEXT    NOT NULL UNIQUE,
    original_language TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

CREATE TABLE document_tags (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    tag         TEXT    NOT NULL,
    PRIMARY KEY (document_id, tag)
);

CREATE TABLE expected_languages (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    language    TEXT    NOT NULL,
    PRIMARY KEY (document_id, language)
);

CREATE TABLE versions (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    language        TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    summary         TEXT,
    body            TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('draft', 'published')),
    published_at    INTEGER,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    source_revision INTEGER,
    updated_at      INTEGER NOT NULL,
    UNIQUE (document_id, language)
);

CREATE INDEX versions_public ON versions (state, language, published_at DESC);

-- Every revision of every version, so translations can later be compared with the original they were made from.
CREATE TABLE revisions (
    version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    summary    TEXT,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (version_id, revision)
);
