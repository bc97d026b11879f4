-- A counter that every write of documents moves on, in the same transaction. The search index records the
-- generation it reflects, so after a crash between a store commit and an index commit the two are seen to differ.
CREATE TABLE store_state (
    name  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL
);

INSERT INTO store_state (name, value) VALUES ('generation', 0);
