CREATE OR REPLACE VIEW v_incident_totals AS
WITH mention AS (
    SELECT t.total_id, unnest(t.figure_ids) AS figure_id
    FROM incident_totals t
),
joined AS (
    SELECT m.total_id, f.figure_id, f.claimant, f.sentence, f.event_id, coalesce(f.value_low, f.value_high) AS value
    FROM mention m
    JOIN figures f ON f.figure_id = m.figure_id
),
-- The event most of the total's mentions belong to; ties go to the smallest event id, so the answer never
-- depends on the order rows are read in.
total_event AS (
    SELECT total_id, event_id
    FROM (SELECT total_id, event_id, count(*) AS n FROM joined WHERE event_id IS NOT NULL GROUP BY ALL)
    QUALIFY row_number() OVER (PARTITION BY total_id ORDER BY n DESC, event_id) = 1
),
lead AS (
    SELECT j.total_id,
           count(*) AS mentions,
           first(j.claimant ORDER BY j.value DESC NULLS LAST, j.figure_id) AS claimant,
           first(j.sentence ORDER BY j.value DESC NULLS LAST, j.figure_id) AS sentence,
           any_value(te.event_id) AS event_id
    FROM joined j
    LEFT JOIN total_event te ON te.total_id = j.total_id
    GROUP BY j.total_id
)
SELECT t.total_id,
       t.category,
       coalesce(t.subject, 'people') AS subject,
       t.value_low,
       t.value_high,
       l.claimant,
       l.sentence,
       coalesce(l.mentions, 0) AS mentions,
       t.figure_ids,
       l.event_id,
       t.article_id,
       a.title AS article_title,
       a.url AS article_url,
       a.source,
       a.published_at,
       a.published_date,
       a.story_id,
       coalesce(t.place_name, a.place_name) AS place_name,
       a.country
FROM incident_totals t
JOIN v_articles a ON a.article_id = t.article_id
LEFT JOIN lead l ON l.total_id = t.total_id;

COMMENT ON VIEW v_incident_totals IS 'One row per article and category of people (killed, injured, detained, abducted, displaced...): the article''s incident total, counting each person once (transforms.totals: disjoint parties of a sentence add up, parts and restatements do not, the largest all-inclusive figure wins), with the figures it sums.';
COMMENT ON COLUMN v_incident_totals.total_id IS 'Total id: <article_id>-t-<category>.';
COMMENT ON COLUMN v_incident_totals.subject IS 'Who is counted when every summed figure agrees (civilians, soldiers...), else "people".';
COMMENT ON COLUMN v_incident_totals.value_low IS 'The total, or its low end when a summed figure is a range or a lower bound.';
COMMENT ON COLUMN v_incident_totals.value_high IS 'High end of the total; NULL when a summed figure is open-ended ("at least 12").';
COMMENT ON COLUMN v_incident_totals.claimant IS 'Claimant of the largest summed figure (reporter when unattributed).';
COMMENT ON COLUMN v_incident_totals.sentence IS 'Sentence of the largest summed figure.';
COMMENT ON COLUMN v_incident_totals.mentions IS 'Number of figures summed into the total.';
COMMENT ON COLUMN v_incident_totals.figure_ids IS 'The summed figures (v_figures.figure_id).';
COMMENT ON COLUMN v_incident_totals.event_id IS 'Event most of the summed figures are linked to (v_events.event_id).';
COMMENT ON COLUMN v_incident_totals.place_name IS 'The article''s primary place: where the incident happened.';
COMMENT ON COLUMN v_incident_totals.country IS 'ISO 3166-1 alpha-2 country of the article''s primary place.';
COMMENT ON COLUMN v_incident_totals.category IS 'What the total counts: killed, injured, casualties (killed or injured, unsplit), detained, abducted, surrendered, displaced...';
COMMENT ON COLUMN v_incident_totals.article_id IS 'Article the total was read from.';
COMMENT ON COLUMN v_incident_totals.article_title IS 'Headline of that article.';
COMMENT ON COLUMN v_incident_totals.article_url IS 'URL of that article.';
COMMENT ON COLUMN v_incident_totals.source IS 'Source that published the article.';
COMMENT ON COLUMN v_incident_totals.published_at IS 'Publication time of the article (UTC).';
COMMENT ON COLUMN v_incident_totals.published_date IS 'Publication date in the publisher''s time zone.';
COMMENT ON COLUMN v_incident_totals.story_id IS 'Story cluster of the article (v_stories.story_id): copies of one story restate one incident.';
