-- Bodies (and the segment lists beside them) are long enough for PostgreSQL to compress them out of line (TOAST).
-- Its default method, pglz, took about a third of the server's time in an import; lz4 compresses and decompresses
-- several times faster. Only servers built with lz4 offer it (the official and Debian packages are); elsewhere the
-- columns keep the default. Values written before stay as they were until they are written again.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE versions ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN segments SET COMPRESSION lz4,
            ALTER COLUMN links SET COMPRESSION lz4;
        ALTER TABLE revisions ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN segments SET COMPRESSION lz4;
        ALTER TABLE tm_units ALTER COLUMN source SET COMPRESSION lz4, ALTER COLUMN target SET COMPRESSION lz4;
    END IF;
END
$$;
