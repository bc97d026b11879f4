-- Which documents each generation touched, so another web node can bring its search index up to date with just
-- those documents. The log is complete from the generation recorded as 'changes_from' on.
CREATE TABLE changes (
    generation bigint NOT NULL,
    slug       text   COLLATE "C" NOT NULL,
    PRIMARY KEY (generation, slug)
);

INSERT INTO store_state (name, value) SELECT 'changes_from', value FROM store_state WHERE name = 'generation';

-- Listing the newest public versions of every language (home pages, feeds, the list API) walks this index instead
-- of sorting every version; versions_public serves the listings of one language.
CREATE INDEX versions_published ON versions (state, published_at DESC);
