CREATE OR REPLACE VIEW v_daily_counts AS
WITH article_days AS (
    SELECT published_date AS day,
           count(*) AS articles,
           count(DISTINCT coalesce(story_id, article_id)) AS stories
    FROM v_articles
    WHERE is_article AND published_date IS NOT NULL
    GROUP BY ALL
),
event_days AS (
    SELECT event_date AS day,
           count(*) AS events,
           count(DISTINCT coalesce(story_id, article_id)) AS event_stories,
           count(DISTINCT coalesce(story_id, article_id)) FILTER (WHERE event_type = 'Battles') AS battles,
           count(DISTINCT coalesce(story_id, article_id)) FILTER (WHERE event_type = 'Explosions/Remote violence')
               AS explosions_remote_violence,
           count(DISTINCT coalesce(story_id, article_id)) FILTER (WHERE event_type = 'Violence against civilians')
               AS violence_against_civilians,
           count(DISTINCT coalesce(story_id, article_id)) FILTER (WHERE event_type = 'Protests') AS protests,
           count(DISTINCT coalesce(story_id, article_id)) FILTER (WHERE event_type = 'Riots') AS riots,
           count(DISTINCT coalesce(story_id, article_id)) FILTER (WHERE event_type = 'Strategic developments')
               AS strategic_developments
    FROM v_events
    WHERE event_date IS NOT NULL
    GROUP BY ALL
),
story_figures AS (
    SELECT published_date AS day,
           coalesce(story_id, article_id) AS story_key,
           count(*) FILTER (WHERE category = 'killed') AS killed_figures,
           count(*) FILTER (WHERE category = 'displaced') AS displaced_figures
    FROM v_figures
    WHERE published_date IS NOT NULL
    GROUP BY ALL
),
story_totals AS (
    SELECT published_date AS day,
           coalesce(story_id, article_id) AS story_key,
           max(value_low) FILTER (WHERE category = 'killed') AS killed,
           max(value_low) FILTER (WHERE category = 'displaced') AS displaced
    FROM v_incident_totals
    WHERE published_date IS NOT NULL
    GROUP BY ALL
),
figure_days AS (
    SELECT coalesce(f.day, t.day) AS day,
           sum(f.killed_figures) AS killed_figures,
           sum(t.killed) AS killed_reported,
           sum(f.displaced_figures) AS displaced_figures,
           sum(t.displaced) AS displaced_reported
    FROM story_figures f
    FULL JOIN story_totals t ON t.day = f.day AND t.story_key = f.story_key
    GROUP BY ALL
),
days AS (
    SELECT day FROM article_days
    UNION
    SELECT day FROM event_days
    UNION
    SELECT day FROM figure_days
)
SELECT d.day,
       coalesce(a.articles, 0) AS articles,
       coalesce(a.stories, 0) AS stories,
       coalesce(e.events, 0) AS events,
       coalesce(e.event_stories, 0) AS event_stories,
       coalesce(e.battles, 0) AS battles,
       coalesce(e.explosions_remote_violence, 0) AS explosions_remote_violence,
       coalesce(e.violence_against_civilians, 0) AS violence_against_civilians,
       coalesce(e.protests, 0) AS protests,
       coalesce(e.riots, 0) AS riots,
       coalesce(e.strategic_developments, 0) AS strategic_developments,
       coalesce(f.killed_figures, 0)::BIGINT AS killed_figures,
       f.killed_reported::BIGINT AS killed_reported,
       coalesce(f.displaced_figures, 0)::BIGINT AS displaced_figures,
       f.displaced_reported::BIGINT AS displaced_reported
FROM days d
LEFT JOIN article_days a ON a.day = d.day
LEFT JOIN event_days e ON e.day = d.day
LEFT JOIN figure_days f ON f.day = d.day;

COMMENT ON VIEW v_daily_counts IS 'Per publication day (publisher''s time zone): articles, stories, events by ACLED type and the killed/displaced figures reported. Syndicated copies count once per story; tolls take each story''s highest claim, never a sum of claims.';
COMMENT ON COLUMN v_daily_counts.day IS 'Publication date in the publisher''s time zone (event_date for events).';
COMMENT ON COLUMN v_daily_counts.articles IS 'News articles published that day (is_article), every copy counted.';
COMMENT ON COLUMN v_daily_counts.stories IS 'Distinct stories among those articles (syndicated copies counted once).';
COMMENT ON COLUMN v_daily_counts.events IS 'Event rows that day, every copy of a story counted.';
COMMENT ON COLUMN v_daily_counts.event_stories IS 'Distinct stories reporting at least one event that day.';
COMMENT ON COLUMN v_daily_counts.battles IS 'Distinct stories reporting a Battles event that day.';
COMMENT ON COLUMN v_daily_counts.explosions_remote_violence IS 'Distinct stories reporting an Explosions/Remote violence event that day.';
COMMENT ON COLUMN v_daily_counts.violence_against_civilians IS 'Distinct stories reporting a Violence against civilians event that day.';
COMMENT ON COLUMN v_daily_counts.protests IS 'Distinct stories reporting a Protests event that day.';
COMMENT ON COLUMN v_daily_counts.riots IS 'Distinct stories reporting a Riots event that day.';
COMMENT ON COLUMN v_daily_counts.strategic_developments IS 'Distinct stories reporting a Strategic developments event that day.';
COMMENT ON COLUMN v_daily_counts.killed_figures IS 'Killed figures reported that day (every claim in every copy).';
COMMENT ON COLUMN v_daily_counts.killed_reported IS 'Sum over that day''s stories of each story''s largest killed incident total (v_incident_totals: each person counted once within an article; copies of a story count once): what was reported, not a verified toll. NULL when no killed figure was reported.';
COMMENT ON COLUMN v_daily_counts.displaced_figures IS 'Displaced figures reported that day (every claim in every copy).';
COMMENT ON COLUMN v_daily_counts.displaced_reported IS 'Sum over that day''s stories of each story''s largest displaced incident total (event scope: stocks "since the war began" are not the day''s news). NULL when none was reported.';
