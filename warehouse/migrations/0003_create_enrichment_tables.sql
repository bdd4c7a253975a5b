-- What enrichment found: places, actors, events and figures, each linked to its article.
CREATE TABLE places (
    place_id   VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    geonameid  BIGINT,
    country    VARCHAR,
    admin1     VARCHAR,
    latitude   DOUBLE,
    longitude  DOUBLE,
    precision  VARCHAR NOT NULL,
    within     VARCHAR
);

CREATE TABLE article_places (
    article_id   VARCHAR NOT NULL,
    place_id     VARCHAR NOT NULL,
    text         VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    is_primary   BOOLEAN NOT NULL,
    reason       VARCHAR NOT NULL,
    PRIMARY KEY (article_id, start_offset)
);

CREATE TABLE actors (
    actor_id            VARCHAR PRIMARY KEY,
    name                VARCHAR NOT NULL,
    actor_type          VARCHAR NOT NULL,
    country             VARCHAR,
    aliases             VARCHAR[] NOT NULL,
    is_reporting_source BOOLEAN NOT NULL,
    dictionary_version  VARCHAR NOT NULL
);

CREATE TABLE article_actors (
    article_id   VARCHAR NOT NULL,
    actor_id     VARCHAR NOT NULL,
    text         VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    PRIMARY KEY (article_id, start_offset)
);

CREATE TABLE events (
    event_id       VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL,
    ordinal        INTEGER NOT NULL,
    event_date     DATE,
    event_type     VARCHAR NOT NULL,
    sub_event_type VARCHAR NOT NULL,
    evidence       VARCHAR NOT NULL,
    start_offset   INTEGER NOT NULL,
    end_offset     INTEGER NOT NULL,
    actor_ids      VARCHAR[] NOT NULL,
    place_id       VARCHAR,
    rule           VARCHAR NOT NULL
);

CREATE TABLE figures (
    figure_id         VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    event_id          VARCHAR,
    category          VARCHAR NOT NULL,
    subject           VARCHAR,
    value_low         BIGINT,
    value_high        BIGINT,
    share             DOUBLE,
    qualifier         VARCHAR,
    scope             VARCHAR NOT NULL,
    claimant          VARCHAR NOT NULL,
    claimant_actor_id VARCHAR,
    verb              VARCHAR,
    disputed          BOOLEAN NOT NULL,
    text              VARCHAR NOT NULL,
    sentence          VARCHAR NOT NULL,
    start_offset      INTEGER NOT NULL,
    end_offset        INTEGER NOT NULL
);
