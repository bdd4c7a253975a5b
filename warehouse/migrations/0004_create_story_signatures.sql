-- MinHash signatures of every article, so an hourly run rebuilds the near-duplicate index without re-reading
-- bodies. `scheme` names the shingling/hashing settings: only signatures of the running scheme are comparable.
CREATE TABLE story_signatures (
    article_id    VARCHAR PRIMARY KEY,
    story_id      VARCHAR NOT NULL,
    scheme        VARCHAR NOT NULL,
    signature     BLOB NOT NULL,
    shingle_count INTEGER NOT NULL,
    published_at  TIMESTAMPTZ,
    body_length   INTEGER NOT NULL,
    signed_at     TIMESTAMPTZ NOT NULL
);
