-- Translation-memory pairs are told apart by a 16-byte key, as on SQLite (MemoryKey: SHA-256 over the source's UTF-8,
-- a 0xFF byte and the target's UTF-8), so both stores hold the same keys and migrate-store copies them as they are.
ALTER TABLE tm_units ADD COLUMN pair_key bytea;
UPDATE tm_units SET pair_key = substring(sha256(convert_to(source, 'UTF8') || '\xff'::bytea || convert_to(target, 'UTF8')) FROM 1 FOR 16);
ALTER TABLE tm_units ALTER COLUMN pair_key SET NOT NULL;
ALTER TABLE tm_units ADD CONSTRAINT tm_units_pair_key_length CHECK (length(pair_key) = 16);
DROP INDEX tm_units_pair;
DROP INDEX tm_units_lookup;
-- One index serves both lookups by length and uniqueness (a source's length follows from the source).
CREATE UNIQUE INDEX tm_units_pair ON tm_units (source_lang, target_lang, source_length, pair_key);
