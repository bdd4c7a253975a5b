CREATE OR REPLACE VIEW v_acled_events AS
SELECT e.event_id AS event_id_cnty,
       e.event_date,
       year(e.event_date) AS year,
       e.event_type,
       e.sub_event_type,
       e.actors[1] AS actor1,
       e.actors[2] AS actor2,
       c.numeric AS iso,
       coalesce(c.name, e.country) AS country,
       e.admin1,
       e.place_name AS location,
       e.latitude,
       e.longitude,
       e.geo_precision,
       e.source,
       e.evidence AS notes,
       -- 0 when no toll was reported, as in ACLED; fatalities_claimant is then empty, which tells the two apart.
       coalesce(e.fatalities, 0) AS fatalities,
       e.fatalities_claimant,
       e.fatalities_high,
       e.fatalities_qualifier,
       e.fatalities_claimants,
       e.fatalities_claims,
       e.story_id,
       e.article_url
FROM v_events e
LEFT JOIN country_names c ON c.alpha2 = e.country
WHERE e.event_date IS NOT NULL;

COMMENT ON VIEW v_acled_events IS 'Dated events in ACLED''s own column layout (what conflictwire export --format csv writes), then who claimed the toll.';
COMMENT ON COLUMN v_acled_events.event_id_cnty IS 'Event id (v_events.event_id).';
COMMENT ON COLUMN v_acled_events.event_date IS 'Date of the event (the article''s publication date in the publisher''s time zone).';
COMMENT ON COLUMN v_acled_events.year IS 'Year of event_date.';
COMMENT ON COLUMN v_acled_events.event_type IS 'ACLED event type.';
COMMENT ON COLUMN v_acled_events.sub_event_type IS 'ACLED sub-event type.';
COMMENT ON COLUMN v_acled_events.actor1 IS 'First actor the text names.';
COMMENT ON COLUMN v_acled_events.actor2 IS 'Second actor the text names.';
COMMENT ON COLUMN v_acled_events.iso IS 'Numeric ISO 3166-1 code of the country.';
COMMENT ON COLUMN v_acled_events.country IS 'Country name as ACLED writes it (the alpha-2 code when unknown).';
COMMENT ON COLUMN v_acled_events.admin1 IS 'GeoNames admin1 code of the place, when known.';
COMMENT ON COLUMN v_acled_events.location IS 'Name of the event''s best place.';
COMMENT ON COLUMN v_acled_events.latitude IS 'Latitude (WGS84) of the place.';
COMMENT ON COLUMN v_acled_events.longitude IS 'Longitude (WGS84) of the place.';
COMMENT ON COLUMN v_acled_events.geo_precision IS 'ACLED geo-precision code (1 town, 2 district placed at its city, 3 province or country).';
COMMENT ON COLUMN v_acled_events.source IS 'Source of the article.';
COMMENT ON COLUMN v_acled_events.notes IS 'The sentence the event was read from.';
COMMENT ON COLUMN v_acled_events.fatalities IS 'Highest killed figure any claimant gave for the event; 0 when none was reported.';
COMMENT ON COLUMN v_acled_events.fatalities_claimant IS 'Who gave that figure; empty when none was reported.';
COMMENT ON COLUMN v_acled_events.fatalities_high IS 'Upper bound of that figure when it was a range.';
COMMENT ON COLUMN v_acled_events.fatalities_qualifier IS 'Qualifier of that figure (at least, about...).';
COMMENT ON COLUMN v_acled_events.fatalities_claimants IS 'Number of distinct claimants who gave a killed figure.';
COMMENT ON COLUMN v_acled_events.fatalities_claims IS 'Every killed figure for the event with its claimant, lowest first.';
COMMENT ON COLUMN v_acled_events.story_id IS 'Story cluster of the article: count distinct story_id to count an event once.';
COMMENT ON COLUMN v_acled_events.article_url IS 'URL of the article.';
