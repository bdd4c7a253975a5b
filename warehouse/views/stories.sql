CREATE OR REPLACE VIEW v_stories AS
WITH member_sightings AS (
    SELECT m.story_id, s.source, s.article_id
    FROM story_members m
    JOIN sightings s ON s.article_id = m.article_id
),
outlets AS (
    SELECT story_id, list(DISTINCT source ORDER BY source) AS outlets, count(*) AS sightings
    FROM member_sightings
    GROUP BY story_id
),
latest AS (
    SELECT m.story_id,
           max(a.last_changed_at) AS latest_change_at,
           arg_max(a.article_id, a.last_changed_at) AS latest_article_id,
           arg_max(a.revision, a.last_changed_at) AS latest_revision
    FROM story_members m
    JOIN articles a ON a.article_id = m.article_id
    GROUP BY m.story_id
)
SELECT c.story_id,
       rep.title AS representative_title,
       c.representative_article_id,
       rep.canonical_url AS representative_url,
       c.first_seen_at,
       coalesce(o.outlets, []::VARCHAR[]) AS outlets,
       len(coalesce(o.outlets, []::VARCHAR[])) AS outlet_count,
       c.member_count AS copies,
       coalesce(o.sightings, 0) AS sightings,
       l.latest_change_at,
       l.latest_article_id,
       l.latest_revision
FROM story_clusters c
LEFT JOIN articles rep ON rep.article_id = c.representative_article_id
LEFT JOIN outlets o ON o.story_id = c.story_id
LEFT JOIN latest l ON l.story_id = c.story_id;

COMMENT ON VIEW v_stories IS 'One row per story: a wire dispatch and every syndicated or lightly edited copy of it (near-duplicate cluster). Count an event once per story.';
COMMENT ON COLUMN v_stories.story_id IS 'Stable story id, named after the article that opened the story.';
COMMENT ON COLUMN v_stories.representative_title IS 'Title of the representative article: the earliest of the complete copies.';
COMMENT ON COLUMN v_stories.representative_article_id IS 'articles.article_id of the representative copy.';
COMMENT ON COLUMN v_stories.representative_url IS 'Canonical URL of the representative copy.';
COMMENT ON COLUMN v_stories.first_seen_at IS 'When we first saw any copy of the story (UTC).';
COMMENT ON COLUMN v_stories.outlets IS 'Sources that carried a copy, alphabetical.';
COMMENT ON COLUMN v_stories.outlet_count IS 'Number of distinct sources that carried a copy.';
COMMENT ON COLUMN v_stories.copies IS 'Number of distinct articles (copies) in the story, the representative included.';
COMMENT ON COLUMN v_stories.sightings IS 'Number of (source, URL) places a copy was seen at.';
COMMENT ON COLUMN v_stories.latest_change_at IS 'When any copy last changed (new article or new revision), UTC.';
COMMENT ON COLUMN v_stories.latest_article_id IS 'The copy that changed last; see article_revisions for its history.';
COMMENT ON COLUMN v_stories.latest_revision IS 'Revision number of that copy (1 = as first seen).';
