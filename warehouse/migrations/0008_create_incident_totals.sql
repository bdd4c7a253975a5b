-- The article's incident total per category of people (transforms.totals): one count per category, next to the
-- figures (mentions) it sums, so views compare incidents rather than every pair of mentions.
CREATE TABLE incident_totals (
    total_id   VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    category   VARCHAR NOT NULL,
    subject    VARCHAR,
    value_low  BIGINT,
    value_high BIGINT,
    place_name VARCHAR,
    figure_ids VARCHAR[] NOT NULL
);
