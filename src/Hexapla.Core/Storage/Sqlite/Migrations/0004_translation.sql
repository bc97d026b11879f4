-- Translation: segment ids and links per version (JSON), segments per revision, the translation memory, glossaries.
ALTER TABLE versions ADD COLUMN segments TEXT;
ALTER TABLE versions ADD COLUMN links TEXT;
ALTER TABLE revisions ADD COLUMN segments TEXT;

-- Segment pairs: approved translations, TMX imports. A pair is stored once per language pair and text.
CREATE TABLE tm_units (
    id            INTEGER PRIMARY KEY,
    source_lang   TEXT    NOT NULL,
    target_lang   TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    target        TEXT    NOT NULL,
    source_length INTEGER NOT NULL,
    origin        TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    UNIQUE (source_lang, target_lang, source, target)
);

CREATE INDEX tm_units_lookup ON tm_units (source_lang, target_lang, source_length);

CREATE TABLE glossary (
    id          INTEGER PRIMARY KEY,
    source_lang TEXT    NOT NULL,
    target_lang TEXT    NOT NULL,
    term        TEXT    NOT NULL,
    translation TEXT    NOT NULL,
    note        TEXT,
    UNIQUE (source_lang, target_lang, term)
);
