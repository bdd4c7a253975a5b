CREATE OR REPLACE VIEW v_figures AS
SELECT f.figure_id,
       f.category,
       f.subject,
       f.value_low,
       f.value_high,
       f.share,
       f.qualifier,
       f.scope,
       f.claimant,
       f.claimant_actor_id,
       ac.name AS claimant_actor,
       f.verb,
       f.disputed,
       f.text,
       f.sentence,
       f.event_id,
       e.event_type,
       f.article_id,
       a.title AS article_title,
       a.url AS article_url,
       a.source,
       a.published_at,
       a.published_date,
       a.story_id,
       coalesce(e.place_id, a.place_id) AS place_id,
       coalesce(ep.name, a.place_name) AS place_name,
       coalesce(ep.country, a.country) AS country,
       coalesce(ep.admin1, a.admin1) AS admin1,
       coalesce(ep.latitude, a.latitude) AS latitude,
       coalesce(ep.longitude, a.longitude) AS longitude,
       coalesce(ep.precision, a.precision) AS precision
FROM figures f
JOIN v_articles a ON a.article_id = f.article_id
LEFT JOIN events e ON e.event_id = f.event_id
LEFT JOIN places ep ON ep.place_id = e.place_id
LEFT JOIN actors ac ON ac.actor_id = f.claimant_actor_id;

COMMENT ON VIEW v_figures IS 'One row per figure (a toll or count of people or things affected) with who claimed it, the article that reported it and where. Figures are never summed or averaged here: compare claimants side by side.';
COMMENT ON COLUMN v_figures.figure_id IS 'Figure id: <article_id>-f<offset>-<category>.';
COMMENT ON COLUMN v_figures.category IS 'What is counted: killed, injured, casualties, displaced, refugees, detained, abducted, missing, homeless, ...';
COMMENT ON COLUMN v_figures.subject IS 'Who or what is counted (civilians, people, children, soldiers, homes...), when the text says.';
COMMENT ON COLUMN v_figures.value_low IS 'The number, or the low end of a range ("20 to 30" gives 20); NULL when only a share is given.';
COMMENT ON COLUMN v_figures.value_high IS 'High end of a range, equal to value_low for a single number, NULL when open-ended ("more than 20").';
COMMENT ON COLUMN v_figures.share IS 'Fraction of a population when the text gives no absolute number ("half the population" gives 0.5).';
COMMENT ON COLUMN v_figures.qualifier IS 'Hedge on the number as written: at least, about, more than, up to, dozens...';
COMMENT ON COLUMN v_figures.scope IS 'event: counted for one incident; cumulative: a running total (since the war began, this year...).';
COMMENT ON COLUMN v_figures.claimant IS 'Who gives the figure, as the text names them; reporter when the article states it unattributed, unnamed when hedged (are thought to).';
COMMENT ON COLUMN v_figures.claimant_actor_id IS 'The claimant as a dictionary actor (actors.actor_id), when recognised.';
COMMENT ON COLUMN v_figures.claimant_actor IS 'Name of that actor in the dictionary.';
COMMENT ON COLUMN v_figures.verb IS 'Reporting verb linking claimant and figure (said, reported, claimed...).';
COMMENT ON COLUMN v_figures.disputed IS 'True when the same article gives a different value for the same category from another claimant.';
COMMENT ON COLUMN v_figures.text IS 'The figure as written in the article ("at least 14").';
COMMENT ON COLUMN v_figures.sentence IS 'The sentence the figure was read from, for checking.';
COMMENT ON COLUMN v_figures.event_id IS 'Event the figure belongs to (v_events.event_id); NULL for cumulative figures or articles without events.';
COMMENT ON COLUMN v_figures.event_type IS 'ACLED event type of that event.';
COMMENT ON COLUMN v_figures.article_id IS 'Article that reported the figure.';
COMMENT ON COLUMN v_figures.article_title IS 'Headline of that article.';
COMMENT ON COLUMN v_figures.article_url IS 'URL of that article.';
COMMENT ON COLUMN v_figures.source IS 'Source of that article.';
COMMENT ON COLUMN v_figures.published_at IS 'Publication time of that article (UTC).';
COMMENT ON COLUMN v_figures.published_date IS 'Publication date of that article in the publisher''s time zone.';
COMMENT ON COLUMN v_figures.story_id IS 'Story cluster of that article: copies of one dispatch repeat the same figures.';
COMMENT ON COLUMN v_figures.place_id IS 'Place of the figure: its event''s place, else the article''s primary place.';
COMMENT ON COLUMN v_figures.place_name IS 'Name of that place.';
COMMENT ON COLUMN v_figures.country IS 'ISO 3166-1 alpha-2 country of that place.';
COMMENT ON COLUMN v_figures.admin1 IS 'GeoNames admin1 code of that place, when known.';
COMMENT ON COLUMN v_figures.latitude IS 'Latitude (WGS84) of that place.';
COMMENT ON COLUMN v_figures.longitude IS 'Longitude (WGS84) of that place.';
COMMENT ON COLUMN v_figures.precision IS 'How exact that place is: neighbourhood, city, village, district, admin1 or country.';
