CREATE OR REPLACE VIEW v_articles AS
WITH primary_place AS (
    SELECT ap.article_id, p.place_id, p.name, p.country, p.admin1, p.latitude, p.longitude, p.precision
    FROM article_places ap
    JOIN places p ON p.place_id = ap.place_id
    WHERE ap.is_primary
    QUALIFY row_number() OVER (PARTITION BY ap.article_id ORDER BY ap.start_offset) = 1
),
event_counts AS (
    SELECT article_id, count(*) AS events FROM events GROUP BY article_id
),
figure_counts AS (
    SELECT article_id, count(*) AS figures FROM figures GROUP BY article_id
)
SELECT a.article_id,
       a.source,
       a.title,
       a.url,
       a.canonical_url,
       a.published_at,
       (a.published_at AT TIME ZONE 'UTC' + to_minutes(coalesce(a.published_offset_minutes, 0)))::DATE
           AS published_date,
       a.language,
       a.section,
       a.authors,
       a.revision,
       a.story_id,
       a.is_article,
       a.body_length,
       a.first_seen_at,
       a.last_changed_at,
       pp.place_id,
       pp.name AS place_name,
       pp.country,
       pp.admin1,
       pp.latitude,
       pp.longitude,
       pp.precision,
       coalesce(ec.events, 0) AS event_count,
       coalesce(fc.figures, 0) AS figure_count
FROM articles a
LEFT JOIN primary_place pp ON pp.article_id = a.article_id
LEFT JOIN event_counts ec ON ec.article_id = a.article_id
LEFT JOIN figure_counts fc ON fc.article_id = a.article_id;

COMMENT ON VIEW v_articles IS 'One row per article in its latest revision, with its source, story, primary place and how many events and figures enrichment found in it.';
COMMENT ON COLUMN v_articles.article_id IS 'Stable article id (hash of the canonical URL); key of every table that links to an article.';
COMMENT ON COLUMN v_articles.source IS 'Name of the source (sources.name) the article was first stored from.';
COMMENT ON COLUMN v_articles.title IS 'Headline of the latest revision.';
COMMENT ON COLUMN v_articles.url IS 'URL the article was fetched from.';
COMMENT ON COLUMN v_articles.canonical_url IS 'Canonical URL (rel=canonical or normalised URL): the article''s identity.';
COMMENT ON COLUMN v_articles.published_at IS 'Publication time as the page states it, in UTC; NULL when the page gives none.';
COMMENT ON COLUMN v_articles.published_date IS 'Publication date in the publisher''s own time zone (the day a reader there saw it). Use this, not published_at::DATE, for per-day questions.';
COMMENT ON COLUMN v_articles.language IS 'ISO 639-1 language of the body (declared or detected).';
COMMENT ON COLUMN v_articles.section IS 'Section of the outlet (e.g. Syria, Africa), when the page names one.';
COMMENT ON COLUMN v_articles.authors IS 'Bylines, in page order.';
COMMENT ON COLUMN v_articles.revision IS 'Revision number of the text shown (1 = as first seen); earlier texts are in article_revisions.';
COMMENT ON COLUMN v_articles.story_id IS 'Story cluster (v_stories.story_id) grouping this article with its syndicated or near-identical copies.';
COMMENT ON COLUMN v_articles.is_article IS 'False for pages kept for the record but judged not to be a news article (index pages, live-blog shells); filter on it for counts.';
COMMENT ON COLUMN v_articles.body_length IS 'Length of the extracted body in characters.';
COMMENT ON COLUMN v_articles.first_seen_at IS 'When we first stored the article (UTC).';
COMMENT ON COLUMN v_articles.last_changed_at IS 'When the stored text last changed (new revision), UTC.';
COMMENT ON COLUMN v_articles.place_id IS 'Primary place of the article (places.place_id): gn:<geonameid> or name:<country>:<within>:<name>.';
COMMENT ON COLUMN v_articles.place_name IS 'Name of the primary place: where the article says the news happened.';
COMMENT ON COLUMN v_articles.country IS 'ISO 3166-1 alpha-2 country of the primary place.';
COMMENT ON COLUMN v_articles.admin1 IS 'GeoNames admin1 code (province/governorate) of the primary place, when known.';
COMMENT ON COLUMN v_articles.latitude IS 'Latitude (WGS84) of the primary place.';
COMMENT ON COLUMN v_articles.longitude IS 'Longitude (WGS84) of the primary place.';
COMMENT ON COLUMN v_articles.precision IS 'How exact the primary place is: neighbourhood, city, village, district, admin1 or country.';
COMMENT ON COLUMN v_articles.event_count IS 'Number of events found in the article (rows of v_events).';
COMMENT ON COLUMN v_articles.figure_count IS 'Number of figures (tolls, counts) found in the article (rows of v_figures).';
