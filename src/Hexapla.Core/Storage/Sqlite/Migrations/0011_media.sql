-- Media: images and files, each with a title, alt text and caption per language and a file per language where a file
-- differs by language (a PDF in Russian and in English). File bytes live in the store as content-addressed blobs cut
-- into chunks, so one transaction stores an upload or nothing, every web node reads every file, and backup, restore
-- and migrate-store carry media with the rest. Renditions (resized, re-encoded images) are kept there too, under a key
-- derived from their source's checksum and the recipe that made them.

CREATE TABLE media_items (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL CHECK (kind IN ('image', 'file')),
    original_language TEXT    NOT NULL,
    focal_x           REAL    CHECK (focal_x BETWEEN 0 AND 1),
    focal_y           REAL    CHECK (focal_y BETWEEN 0 AND 1),
    created_at        INTEGER NOT NULL,
    created_by        TEXT,
    updated_at        INTEGER NOT NULL,
    CHECK ((focal_x IS NULL) = (focal_y IS NULL))
);

-- The bytes of every stored file and rendition, named by their SHA-256 (lower-case hex).
CREATE TABLE media_blobs (
    sha256     TEXT    PRIMARY KEY,
    size       INTEGER NOT NULL CHECK (size >= 0),
    created_at INTEGER NOT NULL
);

CREATE TABLE media_chunks (
    sha256 TEXT    NOT NULL REFERENCES media_blobs (sha256) ON DELETE CASCADE,
    n      INTEGER NOT NULL CHECK (n >= 0),
    bytes  BLOB    NOT NULL,
    PRIMARY KEY (sha256, n)
);

-- An item's file per language: the original's under the item's original language, variants under theirs.
CREATE TABLE media_files (
    media_id     INTEGER NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    language     TEXT    NOT NULL,
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    sha256       TEXT    NOT NULL REFERENCES media_blobs (sha256),
    width        INTEGER,
    height       INTEGER,
    text         TEXT,
    text_note    TEXT,
    created_at   INTEGER NOT NULL,
    created_by   TEXT,
    PRIMARY KEY (media_id, language)
);

CREATE INDEX media_files_blob ON media_files (sha256);

-- Title, alt text and caption per language. A translation records the fingerprint of the original's text it was made
-- from (source_hash): a different current one means outdated. The original's own texts have none.
CREATE TABLE media_texts (
    media_id    INTEGER NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    language    TEXT    NOT NULL,
    field       TEXT    NOT NULL CHECK (field IN ('title', 'alt', 'caption')),
    text        TEXT    NOT NULL,
    source_hash TEXT,
    machine     INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT,
    PRIMARY KEY (media_id, language, field)
);

CREATE TABLE media_renditions (
    key          TEXT    PRIMARY KEY,
    sha256       TEXT    NOT NULL REFERENCES media_blobs (sha256),
    content_type TEXT    NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);

CREATE INDEX media_renditions_blob ON media_renditions (sha256);

-- Which revision's text refers to which item (media:ID in its Markdown), written with the revision: where an item is
-- used, whether it may be deleted, and whether a reader may fetch it (only what a public text uses is public). The
-- item may not exist: a text can name an id that was never uploaded, which the page shows as missing.
CREATE TABLE media_uses (
    version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    media_id   INTEGER NOT NULL,
    PRIMARY KEY (version_id, revision, media_id)
);

CREATE INDEX media_uses_media ON media_uses (media_id);
