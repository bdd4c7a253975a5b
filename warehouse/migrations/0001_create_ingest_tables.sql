-- Sources, runs and everything the fetch stage records: the operational side of the warehouse.
CREATE TABLE sources (
    name                  VARCHAR PRIMARY KEY,
    kind                  VARCHAR NOT NULL,
    location              VARCHAR NOT NULL,
    language              VARCHAR,
    country_hint          VARCHAR,
    poll_seconds          INTEGER NOT NULL,
    enabled               BOOLEAN NOT NULL,
    allow_private_network BOOLEAN NOT NULL,
    first_registered_at   TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);

CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,
    flow          VARCHAR NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL,
    sources_total INTEGER NOT NULL DEFAULT 0,
    found         INTEGER NOT NULL DEFAULT 0,
    new           INTEGER NOT NULL DEFAULT 0,
    revised       INTEGER NOT NULL DEFAULT 0,
    duplicate     INTEGER NOT NULL DEFAULT 0,
    quarantined   INTEGER NOT NULL DEFAULT 0,
    failed        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE run_sources (
    run_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,
    found       INTEGER NOT NULL,
    new         INTEGER NOT NULL,
    revised     INTEGER NOT NULL,
    duplicate   INTEGER NOT NULL,
    quarantined INTEGER NOT NULL,
    failed      INTEGER NOT NULL,
    error       VARCHAR,
    finished_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, source)
);

CREATE TABLE fetches (
    run_id          VARCHAR NOT NULL,
    source          VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    final_url       VARCHAR,
    status          INTEGER,
    bytes           BIGINT NOT NULL,
    elapsed_ms      DOUBLE NOT NULL,
    attempt         INTEGER NOT NULL,
    error_class     VARCHAR,
    conditional_hit BOOLEAN NOT NULL,
    redirects       VARCHAR[] NOT NULL,
    fetched_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE raw_documents (
    sha256        VARCHAR PRIMARY KEY,
    compression   VARCHAR NOT NULL,
    content       BLOB NOT NULL,
    size_bytes    BIGINT NOT NULL,
    content_type  VARCHAR,
    first_source  VARCHAR NOT NULL,
    first_url     VARCHAR NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE http_validators (
    url           VARCHAR PRIMARY KEY,
    source        VARCHAR NOT NULL,
    etag          VARCHAR,
    last_modified VARCHAR,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE source_cursors (
    source     VARCHAR PRIMARY KEY,
    cursor     TIMESTAMPTZ,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE quarantine (
    stage         VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    reason        VARCHAR NOT NULL,
    detail        VARCHAR,
    excerpt       VARCHAR NOT NULL,
    first_run_id  VARCHAR NOT NULL,
    last_run_id   VARCHAR NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    times_seen    INTEGER NOT NULL,
    PRIMARY KEY (stage, source, url, reason)
);
