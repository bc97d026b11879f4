-- Translation-memory pairs are told apart by a 16-byte key (MemoryKey: SHA-256 over the source, a 0xFF byte and the
-- target) instead of a unique index over both full texts, which held a second copy of every pair and made each
-- insert compare long strings. hexapla_pair_key is a function the migrator registers on its connection.
CREATE TABLE tm_units_new (
    id            INTEGER PRIMARY KEY,
    source_lang   TEXT    NOT NULL,
    target_lang   TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    target        TEXT    NOT NULL,
    pair_key      BLOB    NOT NULL CHECK (length(pair_key) = 16),
    source_length INTEGER NOT NULL,
    origin        TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

INSERT INTO tm_units_new (id, source_lang, target_lang, source, target, pair_key, source_length, origin, created_at)
SELECT id, source_lang, target_lang, source, target, hexapla_pair_key(source, target), source_length, origin, created_at FROM tm_units;

DROP TABLE tm_units;
ALTER TABLE tm_units_new RENAME TO tm_units;
-- One index serves both lookups by length and uniqueness (a source's length follows from the source), so each pair
-- costs one index insert.
CREATE UNIQUE INDEX tm_units_pair ON tm_units (source_lang, target_lang, source_length, pair_key);
