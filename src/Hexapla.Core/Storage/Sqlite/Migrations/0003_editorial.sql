-- hexapla: foreign-keys-off
-- The editorial workflow: more version states, who changed what, accounts, API tokens and the audit log.
-- SQLite cannot change a CHECK constraint in place, so versions is rebuilt (the documented twelve-step way:
-- the migrator turns foreign keys off around this file and checks them before committing).

CREATE TABLE versions_new (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    language        TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    summary         TEXT,
    body            TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('draft', 'in_review', 'approved', 'published', 'unpublished')),
    published_at    INTEGER,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    source_revision INTEGER,
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT,
    UNIQUE (document_id, language)
);

INSERT INTO versions_new (id, document_id, language, title, summary, body, state, published_at, revision, source_revision, updated_at)
SELECT id, document_id, language, title, summary, body, state, published_at, revision, source_revision, updated_at FROM versions;

DROP TABLE versions;
ALTER TABLE versions_new RENAME TO versions;
CREATE INDEX versions_public ON versions (state, language, published_at DESC);

ALTER TABLE revisions ADD COLUMN created_by TEXT;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'translator', 'reviewer')),
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

-- The languages a translator may work in; empty for the other roles.
CREATE TABLE user_languages (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    language TEXT    NOT NULL,
    PRIMARY KEY (user_id, language)
);

-- API tokens, stored as SHA-256 hashes of the token; the token itself is shown once.
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

-- Who did what when. Never updated, never deleted.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    actor    TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    target   TEXT,
    detail   TEXT
);

CREATE INDEX audit_log_at ON audit_log (at DESC);
