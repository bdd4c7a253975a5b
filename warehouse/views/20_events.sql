CREATE OR REPLACE VIEW v_events AS
WITH event_actor AS (
    SELECT event_id, generate_subscripts(actor_ids, 1) AS position, unnest(actor_ids) AS actor_id
    FROM events
),
event_actors AS (
    SELECT ea.event_id, list(coalesce(ac.name, ea.actor_id) ORDER BY ea.position) AS actors
    FROM event_actor ea
    LEFT JOIN actors ac ON ac.actor_id = ea.actor_id
    GROUP BY ea.event_id
),
event_figures AS (
    SELECT event_id,
           count(*) AS figure_count,
           count(DISTINCT claimant) FILTER (WHERE category = 'killed') AS fatalities_claimants,
           string_agg(coalesce(value_low::VARCHAR, text) || ' (' || claimant || ')', '; ' ORDER BY value_low, claimant)
               FILTER (WHERE category = 'killed') AS fatalities_claims,
           max(value_low) FILTER (WHERE category = 'injured') AS injured
    FROM figures
    WHERE event_id IS NOT NULL AND scope = 'event'
    GROUP BY event_id
),
event_totals AS (
    SELECT event_id,
           max(value_low) FILTER (WHERE category = 'killed') AS killed,
           max(value_high) FILTER (WHERE category = 'killed') AS killed_high,
           first(claimant ORDER BY value_low DESC NULLS LAST, claimant) FILTER (WHERE category = 'killed') AS killed_claimant,
           max(value_low) FILTER (WHERE category = 'injured') AS injured
    FROM v_incident_totals
    WHERE event_id IS NOT NULL
    GROUP BY event_id
),
top_killed AS (
    SELECT event_id, value_low, value_high, qualifier, claimant
    FROM figures
    WHERE event_id IS NOT NULL AND scope = 'event' AND category = 'killed' AND value_low IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY value_low DESC, value_high DESC NULLS LAST, claimant) = 1
)
SELECT e.event_id,
       e.event_date,
       e.event_type,
       e.sub_event_type,
       coalesce(ea.actors, []::VARCHAR[]) AS actors,
       e.actor_ids,
       e.place_id,
       p.name AS place_name,
       p.country,
       p.admin1,
       p.district,
       p.province,
       p.latitude,
       p.longitude,
       p.precision,
       CASE
           WHEN p.precision IN ('neighbourhood', 'city', 'village') AND p.within IS NULL THEN 1
           WHEN p.precision IN ('neighbourhood', 'city', 'district') THEN 2
           WHEN p.precision IS NOT NULL THEN 3
       END AS geo_precision,
       coalesce(ef.figure_count, 0) AS figure_count,
       coalesce(et.killed, tk.value_low) AS fatalities,
       CASE WHEN et.killed IS NOT NULL THEN et.killed_high ELSE tk.value_high END AS fatalities_high,
       tk.qualifier AS fatalities_qualifier,
       coalesce(et.killed_claimant, tk.claimant) AS fatalities_claimant,
       coalesce(ef.fatalities_claimants, 0) AS fatalities_claimants,
       ef.fatalities_claims,
       coalesce(et.injured, ef.injured) AS injured,
       e.evidence,
       e.rule,
       e.article_id,
       a.title AS article_title,
       a.url AS article_url,
       a.source,
       a.story_id,
       a.published_at
FROM events e
JOIN v_articles a ON a.article_id = e.article_id
LEFT JOIN places p ON p.place_id = e.place_id
LEFT JOIN event_actors ea ON ea.event_id = e.event_id
LEFT JOIN event_figures ef ON ef.event_id = e.event_id
LEFT JOIN top_killed tk ON tk.event_id = e.event_id
LEFT JOIN event_totals et ON et.event_id = e.event_id;

COMMENT ON VIEW v_events IS 'One row per event found in an article (ACLED-style type and sub-type), with its actors, best place and the figures reported for it. Syndicated copies of one story each carry the event: count distinct story_id to count an event once.';
COMMENT ON COLUMN v_events.event_id IS 'Event id: <article_id>-e<ordinal>.';
COMMENT ON COLUMN v_events.event_date IS 'Date of the event: the article''s publication date in the publisher''s time zone (reports are of the same or previous day).';
COMMENT ON COLUMN v_events.event_type IS 'ACLED event type (Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments).';
COMMENT ON COLUMN v_events.sub_event_type IS 'ACLED sub-event type (e.g. Armed clash, Air/drone strike, Attack).';
COMMENT ON COLUMN v_events.actors IS 'Names of the actors involved, in the order the text names them (actor id when the dictionary has no name).';
COMMENT ON COLUMN v_events.actor_ids IS 'Actor ids (actors.actor_id) in the same order as actors.';
COMMENT ON COLUMN v_events.place_id IS 'Best place of the event (places.place_id): the place named in its sentence, else the article''s primary place.';
COMMENT ON COLUMN v_events.place_name IS 'Name of the best place.';
COMMENT ON COLUMN v_events.country IS 'ISO 3166-1 alpha-2 country of the best place.';
COMMENT ON COLUMN v_events.district IS 'Name of the second-level division (district) the best place lies in, when the gazetteer knows it.';
COMMENT ON COLUMN v_events.province IS 'Name of the first-level division (province, state, governorate) the best place lies in, when known.';
COMMENT ON COLUMN v_events.admin1 IS 'GeoNames admin1 code (province/governorate) of the best place, when known.';
COMMENT ON COLUMN v_events.latitude IS 'Latitude (WGS84) of the best place.';
COMMENT ON COLUMN v_events.longitude IS 'Longitude (WGS84) of the best place.';
COMMENT ON COLUMN v_events.precision IS 'How exact the place is: neighbourhood, city, village, district (second-level division), admin1 or country.';
COMMENT ON COLUMN v_events.geo_precision IS 'ACLED geo-precision code: 1 the town, village or neighbourhood itself, 2 a district (placed at its city or seat), 3 a province or country.';
COMMENT ON COLUMN v_events.figure_count IS 'Number of event-scope figures linked to the event.';
COMMENT ON COLUMN v_events.fatalities IS 'Killed: the article''s incident total for the event (v_incident_totals: each person counted once, disjoint parties added, the largest all-inclusive figure), else the highest killed figure linked to the event; NULL when none was reported. Never an average.';
COMMENT ON COLUMN v_events.fatalities_high IS 'Upper bound of that total or figure when it is a range ("20 to 30").';
COMMENT ON COLUMN v_events.fatalities_qualifier IS 'Qualifier of that figure (at least, about, more than...).';
COMMENT ON COLUMN v_events.fatalities_claimant IS 'Who gave the largest killed figure behind fatalities (as the text names them; reporter when unattributed).';
COMMENT ON COLUMN v_events.fatalities_claimants IS 'Number of distinct claimants who gave a killed figure for the event.';
COMMENT ON COLUMN v_events.fatalities_claims IS 'Every killed figure for the event with its claimant, lowest first: "12 (the White Helmets); 20 (the Observatory)".';
COMMENT ON COLUMN v_events.injured IS 'Injured: the article''s incident total for the event, else the highest injured figure linked to it.';
COMMENT ON COLUMN v_events.evidence IS 'The sentence the event was read from.';
COMMENT ON COLUMN v_events.rule IS 'Name of the classification rule that typed the event (for audits).';
COMMENT ON COLUMN v_events.article_id IS 'Article the event was found in (v_articles.article_id).';
COMMENT ON COLUMN v_events.article_title IS 'Headline of that article.';
COMMENT ON COLUMN v_events.article_url IS 'URL of that article.';
COMMENT ON COLUMN v_events.source IS 'Source of that article.';
COMMENT ON COLUMN v_events.story_id IS 'Story cluster of that article: the same event in syndicated copies shares it.';
COMMENT ON COLUMN v_events.published_at IS 'Publication time of that article (UTC).';
