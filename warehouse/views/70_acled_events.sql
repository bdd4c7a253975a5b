-- ACLED's actor type codes (inter1/inter2) for our dictionary's actor types; interaction is the two codes, lower
-- first (one actor alone: its code then 0). fatalities is empty when no toll was reported: 0 would claim that
-- nobody died. source is the outlet (its publisher name, else the article's host), as in ACLED. ACLED columns we
-- cannot derive from news text stay empty rather than invented.
CREATE OR REPLACE VIEW v_acled_events AS
WITH coded AS (
    SELECT e.*,
           CASE t1.actor_type WHEN 'state forces' THEN 1 WHEN 'rebel group' THEN 2 WHEN 'political militia' THEN 3
               WHEN 'identity militia' THEN 4 WHEN 'rioters' THEN 5 WHEN 'protesters' THEN 6 WHEN 'civilians' THEN 7
               WHEN 'external/other forces' THEN 8 END AS inter1,
           CASE t2.actor_type WHEN 'state forces' THEN 1 WHEN 'rebel group' THEN 2 WHEN 'political militia' THEN 3
               WHEN 'identity militia' THEN 4 WHEN 'rioters' THEN 5 WHEN 'protesters' THEN 6 WHEN 'civilians' THEN 7
               WHEN 'external/other forces' THEN 8 END AS inter2,
           coalesce(json_extract_string(a.structured, '$.jsonld.publisher.name'),
                    json_extract_string(a.structured, '$.meta."og:site_name"'),
                    regexp_replace(regexp_extract(e.article_url, '^[a-z]+://([^/:]+)', 1), '^www\.', '')) AS outlet,
           a.last_changed_at
    FROM v_events e
    JOIN articles a ON a.article_id = e.article_id
    LEFT JOIN actors t1 ON t1.actor_id = e.actor_ids[1]
    LEFT JOIN actors t2 ON t2.actor_id = e.actor_ids[2]
    WHERE e.event_date IS NOT NULL
)
SELECT e.event_id AS event_id_cnty,
       e.event_date,
       year(e.event_date) AS year,
       NULL::INTEGER AS time_precision,
       CASE
           WHEN e.sub_event_type = 'Excessive force against protesters' THEN 'Political violence; Demonstrations'
           WHEN e.event_type IN ('Protests', 'Riots') THEN 'Demonstrations'
           WHEN e.event_type = 'Strategic developments' THEN 'Strategic developments'
           WHEN e.event_type IS NOT NULL THEN 'Political violence'
       END AS disorder_type,
       e.event_type,
       e.sub_event_type,
       e.actors[1] AS actor1,
       NULL::VARCHAR AS assoc_actor_1,
       e.inter1,
       e.actors[2] AS actor2,
       NULL::VARCHAR AS assoc_actor_2,
       e.inter2,
       CASE
           WHEN e.inter1 IS NOT NULL AND e.inter2 IS NOT NULL
               THEN least(e.inter1, e.inter2) * 10 + greatest(e.inter1, e.inter2)
           WHEN coalesce(e.inter1, e.inter2) IS NOT NULL THEN coalesce(e.inter1, e.inter2) * 10
       END AS interaction,
       CASE WHEN e.event_type = 'Violence against civilians' OR 7 IN (e.inter1, e.inter2)
           THEN 'Civilian targeting' END AS civilian_targeting,
       c.numeric AS iso,
       c.region,
       coalesce(c.name, e.country) AS country,
       coalesce(e.province, CASE WHEN e.precision = 'admin1' THEN e.place_name END) AS admin1,
       e.district AS admin2,
       NULL::VARCHAR AS admin3,
       e.place_name AS location,
       e.latitude,
       e.longitude,
       e.geo_precision,
       e.outlet AS source,
       NULL::VARCHAR AS source_scale,
       e.evidence AS notes,
       e.fatalities,
       NULL::VARCHAR AS tags,
       epoch(e.last_changed_at)::BIGINT AS timestamp,
       e.admin1 AS admin1_code,
       e.fatalities_claimant,
       e.fatalities_high,
       e.fatalities_qualifier,
       e.fatalities_claimants,
       e.fatalities_claims,
       e.story_id,
       e.article_url,
       e.source AS feed,
       e.last_changed_at
FROM coded e
LEFT JOIN country_names c ON c.alpha2 = e.country;

COMMENT ON VIEW v_acled_events IS 'Dated events in ACLED''s own 31-column layout (what conflictwire export --format csv writes), then who claimed the toll.';
COMMENT ON COLUMN v_acled_events.event_id_cnty IS 'Event id (v_events.event_id).';
COMMENT ON COLUMN v_acled_events.event_date IS 'Date of the event (the article''s publication date in the publisher''s time zone).';
COMMENT ON COLUMN v_acled_events.year IS 'Year of event_date.';
COMMENT ON COLUMN v_acled_events.time_precision IS 'ACLED time precision; empty: our date is the report''s day, not a known event day.';
COMMENT ON COLUMN v_acled_events.disorder_type IS 'ACLED disorder type derived from the event type (Political violence, Demonstrations, Strategic developments).';
COMMENT ON COLUMN v_acled_events.event_type IS 'ACLED event type.';
COMMENT ON COLUMN v_acled_events.sub_event_type IS 'ACLED sub-event type.';
COMMENT ON COLUMN v_acled_events.actor1 IS 'First actor the text names.';
COMMENT ON COLUMN v_acled_events.assoc_actor_1 IS 'Associated actors of actor1; empty (not derived from news text).';
COMMENT ON COLUMN v_acled_events.inter1 IS 'ACLED actor type code of actor1 (1 state forces ... 8 external/other forces), from the actor dictionary.';
COMMENT ON COLUMN v_acled_events.actor2 IS 'Second actor the text names.';
COMMENT ON COLUMN v_acled_events.assoc_actor_2 IS 'Associated actors of actor2; empty (not derived from news text).';
COMMENT ON COLUMN v_acled_events.inter2 IS 'ACLED actor type code of actor2.';
COMMENT ON COLUMN v_acled_events.interaction IS 'ACLED interaction code: the two actor type codes, lower first (one actor alone: its code then 0).';
COMMENT ON COLUMN v_acled_events.civilian_targeting IS '"Civilian targeting" when the event targets civilians, else empty.';
COMMENT ON COLUMN v_acled_events.iso IS 'Numeric ISO 3166-1 code of the country.';
COMMENT ON COLUMN v_acled_events.region IS 'ACLED world region of the country.';
COMMENT ON COLUMN v_acled_events.country IS 'Country name as ACLED writes it (the alpha-2 code when unknown).';
COMMENT ON COLUMN v_acled_events.admin1 IS 'Name of the first-order division (province) the event''s place lies in, when known.';
COMMENT ON COLUMN v_acled_events.admin2 IS 'Name of the second-order division (district) the event''s place lies in, when known.';
COMMENT ON COLUMN v_acled_events.admin3 IS 'Third-order division; empty (not derived).';
COMMENT ON COLUMN v_acled_events.location IS 'Name of the event''s best place.';
COMMENT ON COLUMN v_acled_events.latitude IS 'Latitude (WGS84) of the place.';
COMMENT ON COLUMN v_acled_events.longitude IS 'Longitude (WGS84) of the place.';
COMMENT ON COLUMN v_acled_events.geo_precision IS 'ACLED geo-precision code (1 town, 2 district placed at its city, 3 province or country).';
COMMENT ON COLUMN v_acled_events.source IS 'The outlet that published the report (publisher name, else the article''s host), as ACLED names sources.';
COMMENT ON COLUMN v_acled_events.source_scale IS 'ACLED source scale; empty (not derived).';
COMMENT ON COLUMN v_acled_events.notes IS 'The sentence the event was read from.';
COMMENT ON COLUMN v_acled_events.fatalities IS 'Highest killed figure any claimant gave for the event; empty when none was reported.';
COMMENT ON COLUMN v_acled_events.tags IS 'ACLED tags; empty (not derived).';
COMMENT ON COLUMN v_acled_events.timestamp IS 'When the article was last added or changed, as Unix seconds.';
COMMENT ON COLUMN v_acled_events.admin1_code IS 'GeoNames admin1 code of the place, when known.';
COMMENT ON COLUMN v_acled_events.fatalities_claimant IS 'Who gave the fatalities figure; empty when none was reported.';
COMMENT ON COLUMN v_acled_events.fatalities_high IS 'Upper bound of that figure when it was a range.';
COMMENT ON COLUMN v_acled_events.fatalities_qualifier IS 'Qualifier of that figure (at least, about...).';
COMMENT ON COLUMN v_acled_events.fatalities_claimants IS 'Number of distinct claimants who gave a killed figure.';
COMMENT ON COLUMN v_acled_events.fatalities_claims IS 'Every killed figure for the event with its claimant, lowest first.';
COMMENT ON COLUMN v_acled_events.story_id IS 'Story cluster of the article: count distinct story_id to count an event once.';
COMMENT ON COLUMN v_acled_events.article_url IS 'URL of the article.';
COMMENT ON COLUMN v_acled_events.feed IS 'Name of the conflictwire source (feed) the article came from.';
COMMENT ON COLUMN v_acled_events.last_changed_at IS 'When the article was last added or changed (incremental exports start after it).';
