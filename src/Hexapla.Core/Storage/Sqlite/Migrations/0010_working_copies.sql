-- hexapla: foreign-keys-off
-- Working copies over live text, and each text stored once.
-- A version row now says which revision readers get (revision) and which one people work on over it
-- (working_revision, with its own state); the text of both lives only in revisions. Releases publish several
-- versions together at one instant. The versions table is rebuilt (SQLite cannot drop columns with indexes on the
-- table in every version we support), the documented twelve-step way, as in 0003.

ALTER TABLE revisions ADD COLUMN links TEXT;
ALTER TABLE revisions ADD COLUMN source_revision INTEGER;
ALTER TABLE revisions ADD COLUMN note TEXT;

-- Each version's current text becomes its revision row. It normally is one already, with the same text; an old
-- import could leave the row with an earlier text under the same number, and the version row is what readers had.
INSERT INTO revisions (version_id, revision, title, summary, body, created_at, created_by, segments, links, source_revision)
SELECT id, revision, title, summary, body, updated_at, updated_by, segments, links, source_revision FROM versions WHERE true
ON CONFLICT (version_id, revision) DO UPDATE SET
    title = excluded.title, summary = excluded.summary, body = excluded.body,
    segments = coalesce(excluded.segments, revisions.segments), links = excluded.links, source_revision = excluded.source_revision;

CREATE TABLE versions_new (
    id               INTEGER PRIMARY KEY,
    document_id      INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    language         TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('draft', 'in_review', 'approved', 'published', 'unpublished')),
    published_at     INTEGER,
    revision         INTEGER NOT NULL CHECK (revision >= 1),
    updated_at       INTEGER NOT NULL,
    updated_by       TEXT,
    corrected_at     INTEGER,
    correction_note  TEXT,
    working_revision INTEGER CHECK (working_revision > revision),
    working_state    TEXT    CHECK (working_state IN ('draft', 'in_review', 'approved')),
    approved_by      TEXT,
    rejection        TEXT,
    UNIQUE (document_id, language),
    CHECK ((working_revision IS NULL) = (working_state IS NULL))
);

INSERT INTO versions_new (id, document_id, language, state, published_at, revision, updated_at, updated_by)
SELECT id, document_id, language, state, published_at, revision, updated_at, updated_by FROM versions;

DROP TABLE versions;
ALTER TABLE versions_new RENAME TO versions;
CREATE INDEX versions_public ON versions (state, language, published_at DESC);
CREATE INDEX versions_sitemap ON versions (document_id, state, published_at, language, updated_at);

-- Several versions published together at one instant, or none of them. Members are named by slug and language so a
-- release whose member was deleted can say which.
CREATE TABLE releases (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    state      TEXT    NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'cancelled')),
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    outcome    TEXT
);

CREATE INDEX releases_due ON releases (state, at);

CREATE TABLE release_members (
    release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    slug       TEXT    NOT NULL,
    language   TEXT    NOT NULL,
    revision   INTEGER NOT NULL,
    PRIMARY KEY (release_id, slug, language)
);

CREATE INDEX release_members_version ON release_members (slug, language);

-- A version's history reads its audit entries (state changes, keeps, releases) beside its revisions.
CREATE INDEX audit_log_target ON audit_log (target, at);
