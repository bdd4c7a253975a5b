-- Articles, their revisions and sightings, and the story clusters that link syndicated copies.
CREATE TABLE articles (
    article_id               VARCHAR PRIMARY KEY,
    canonical_url            VARCHAR NOT NULL,
    url                      VARCHAR NOT NULL,
    source                   VARCHAR NOT NULL,
    title                    VARCHAR,
    authors                  VARCHAR[] NOT NULL,
    published_at             TIMESTAMPTZ,
    published_offset_minutes INTEGER,
    updated_at               TIMESTAMPTZ,
    language                 VARCHAR,
    section                  VARCHAR,
    dateline                 VARCHAR,
    lead                     VARCHAR,
    body                     VARCHAR NOT NULL,
    body_hash                VARCHAR NOT NULL,
    body_length              INTEGER NOT NULL,
    raw_sha256               VARCHAR NOT NULL,
    structured               VARCHAR,
    is_article               BOOLEAN NOT NULL,
    not_article_reason       VARCHAR,
    revision                 INTEGER NOT NULL,
    story_id                 VARCHAR,
    first_seen_at            TIMESTAMPTZ NOT NULL,
    last_changed_at          TIMESTAMPTZ NOT NULL
);

CREATE TABLE article_revisions (
    article_id     VARCHAR NOT NULL,
    revision       INTEGER NOT NULL,
    body_hash      VARCHAR NOT NULL,
    title          VARCHAR,
    body           VARCHAR NOT NULL,
    raw_sha256     VARCHAR NOT NULL,
    published_at   TIMESTAMPTZ,
    updated_at     TIMESTAMPTZ,
    changed_fields VARCHAR[] NOT NULL,
    seen_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, revision),
    UNIQUE (article_id, body_hash)
);

CREATE TABLE sightings (
    article_id    VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    raw_sha256    VARCHAR NOT NULL,
    first_run_id  VARCHAR NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, source, url)
);

CREATE TABLE story_clusters (
    story_id                  VARCHAR PRIMARY KEY,
    representative_article_id VARCHAR NOT NULL,
    first_seen_at             TIMESTAMPTZ NOT NULL,
    member_count              INTEGER NOT NULL,
    updated_at                TIMESTAMPTZ NOT NULL
);

CREATE TABLE story_members (
    article_id VARCHAR PRIMARY KEY,
    story_id   VARCHAR NOT NULL,
    similarity DOUBLE NOT NULL,
    added_at   TIMESTAMPTZ NOT NULL
);
