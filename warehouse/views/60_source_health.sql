CREATE OR REPLACE VIEW v_source_health AS
WITH names AS (
    SELECT name AS source FROM sources
    UNION
    SELECT source FROM run_sources
    UNION
    SELECT source FROM sightings
),
-- Only runs that read the source itself (ingest, backfill) say whether it works: a reprocess re-reads stored
-- bytes and would otherwise mark a source that never answered as succeeding.
source_runs AS (
    SELECT rs.source, rs.run_id, rs.status, rs.error, rs.finished_at
    FROM run_sources rs
    JOIN runs r USING (run_id)
    WHERE r.flow <> 'reprocess'
),
last_run AS (
    SELECT source, run_id, status, error, finished_at
    FROM source_runs
    QUALIFY row_number() OVER (PARTITION BY source ORDER BY finished_at DESC, run_id DESC) = 1
),
successes AS (
    SELECT source, max(finished_at) AS last_success_at
    FROM source_runs
    WHERE status = 'ok'
    GROUP BY source
),
seen AS (
    SELECT s.source,
           count(DISTINCT s.article_id) AS articles_total,
           count(DISTINCT s.article_id) FILTER (WHERE s.first_seen_at >= now() - INTERVAL 1 DAY) AS articles_24h,
           count(DISTINCT s.article_id) FILTER (WHERE s.first_seen_at >= now() - INTERVAL 7 DAY) AS articles_7d,
           max(s.first_seen_at) AS last_article_seen_at,
           max(a.published_at) AS latest_published_at
    FROM sightings s
    LEFT JOIN articles a ON a.article_id = s.article_id
    GROUP BY s.source
),
held AS (
    SELECT source,
           count(*) AS quarantined,
           count(*) FILTER (WHERE last_seen_at >= now() - INTERVAL 7 DAY) AS quarantined_7d
    FROM quarantine
    GROUP BY source
),
errors AS (
    SELECT source,
           count(*) FILTER (WHERE error_class IS NOT NULL OR status >= 400) AS fetch_errors,
           count(*) FILTER (WHERE (error_class IS NOT NULL OR status >= 400) AND fetched_at >= now() - INTERVAL 1 DAY)
               AS fetch_errors_24h,
           count(*) FILTER (WHERE fetched_at >= now() - INTERVAL 1 DAY) AS fetches_24h
    FROM fetches
    GROUP BY source
)
SELECT n.source,
       src.kind,
       src.enabled,
       src.poll_seconds,
       lr.run_id AS last_run_id,
       lr.status AS last_run_status,
       lr.finished_at AS last_run_at,
       lr.error AS last_error,
       su.last_success_at,
       coalesce(se.articles_total, 0) AS articles_total,
       coalesce(se.articles_24h, 0) AS articles_24h,
       coalesce(se.articles_7d, 0) AS articles_7d,
       se.last_article_seen_at,
       se.latest_published_at,
       coalesce(h.quarantined, 0) AS quarantined,
       coalesce(h.quarantined_7d, 0) AS quarantined_7d,
       coalesce(er.fetch_errors, 0) AS fetch_errors,
       coalesce(er.fetch_errors_24h, 0) AS fetch_errors_24h,
       coalesce(er.fetches_24h, 0) AS fetches_24h,
       now() - se.last_article_seen_at AS silent_for,
       CASE
           WHEN src.enabled = false THEN 'disabled'
           WHEN lr.status = 'failed' THEN 'failing'
           WHEN se.last_article_seen_at IS NULL THEN 'no articles'
           WHEN se.last_article_seen_at < now() - INTERVAL 7 DAY THEN 'silent'
           ELSE 'ok'
       END AS health
FROM names n
LEFT JOIN sources src ON src.name = n.source
LEFT JOIN last_run lr ON lr.source = n.source
LEFT JOIN successes su ON su.source = n.source
LEFT JOIN seen se ON se.source = n.source
LEFT JOIN held h ON h.source = n.source
LEFT JOIN errors er ON er.source = n.source;

COMMENT ON VIEW v_source_health IS 'One row per source: how its last run went, when it last succeeded, how many articles it brought (total, last 24 h, last 7 days), what was quarantined, fetch errors, and how long it has been silent.';
COMMENT ON COLUMN v_source_health.source IS 'Source name (sources.name), also listed when only past runs or sightings still name it.';
COMMENT ON COLUMN v_source_health.kind IS 'Kind of source: rss, atom, sitemap, html index, warc, directory... (NULL if no longer configured).';
COMMENT ON COLUMN v_source_health.enabled IS 'Whether the sources file enables it.';
COMMENT ON COLUMN v_source_health.poll_seconds IS 'How often it is meant to be polled, in seconds.';
COMMENT ON COLUMN v_source_health.last_run_id IS 'Latest ingest or backfill run (runs.run_id, the Prefect flow-run id) that read the source (reprocess runs do not count).';
COMMENT ON COLUMN v_source_health.last_run_status IS 'Outcome of the source in that run: ok or failed.';
COMMENT ON COLUMN v_source_health.last_run_at IS 'When the source finished in that run (UTC).';
COMMENT ON COLUMN v_source_health.last_error IS 'Error of that run when it failed (class: message).';
COMMENT ON COLUMN v_source_health.last_success_at IS 'When an ingest or backfill run last read the source without failing (UTC).';
COMMENT ON COLUMN v_source_health.articles_total IS 'Distinct articles ever seen at the source (syndicated copies included).';
COMMENT ON COLUMN v_source_health.articles_24h IS 'Distinct articles first seen at the source in the last 24 hours.';
COMMENT ON COLUMN v_source_health.articles_7d IS 'Distinct articles first seen at the source in the last 7 days.';
COMMENT ON COLUMN v_source_health.last_article_seen_at IS 'When we last saw a new article at the source (UTC).';
COMMENT ON COLUMN v_source_health.latest_published_at IS 'Latest publication time among its articles (UTC): how fresh the source''s news is.';
COMMENT ON COLUMN v_source_health.quarantined IS 'Items of the source held in quarantine (pages, feed items or the whole source), all time.';
COMMENT ON COLUMN v_source_health.quarantined_7d IS 'Quarantined items seen again or first in the last 7 days.';
COMMENT ON COLUMN v_source_health.fetch_errors IS 'Fetch attempts that failed (network error or HTTP status 400 or more), all time.';
COMMENT ON COLUMN v_source_health.fetch_errors_24h IS 'Failed fetch attempts in the last 24 hours.';
COMMENT ON COLUMN v_source_health.fetches_24h IS 'All fetch attempts in the last 24 hours, for an error rate.';
COMMENT ON COLUMN v_source_health.silent_for IS 'Time since the source last brought a new article (NULL if it never did).';
COMMENT ON COLUMN v_source_health.health IS 'Summary: disabled, failing (last run failed), no articles, silent (nothing new for 7 days) or ok.';
