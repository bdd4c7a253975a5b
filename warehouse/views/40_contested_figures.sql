CREATE OR REPLACE VIEW v_contested_figures AS
WITH sides AS (
    SELECT story_id, article_id, category, 'event' AS scope, subject, claimant, value_low, value_high,
           NULL::DOUBLE AS share, NULL::VARCHAR AS qualifier, source, published_at, published_date, article_title,
           article_url, sentence, place_name, country
    FROM v_incident_totals
),
claims AS (
    SELECT coalesce(story_id, 'article:' || article_id) AS story_key,
           story_id,
           place_name,
           category,
           scope,
           subject,
           lower(claimant) AS claimant_key,
           value_low,
           coalesce(value_high, value_low) AS value_high,
           share,
           arg_min(claimant, published_at) AS claimant,
           arg_min(qualifier, published_at) AS qualifier,
           list(DISTINCT source ORDER BY source) AS sources,
           count(DISTINCT article_id) AS copies,
           min(published_at) AS first_published_at,
           min(published_date) AS first_published_date,
           arg_min(article_title, published_at) AS article_title,
           arg_min(article_url, published_at) AS article_url,
           arg_min(sentence, published_at) AS sentence,
           arg_min(country, published_at) AS country
    FROM sides
    GROUP BY ALL
),
ranked AS (
    SELECT *,
           row_number() OVER (
               PARTITION BY story_key, place_name, category, scope
               ORDER BY value_low NULLS LAST, value_high NULLS LAST, share NULLS LAST, claimant_key
           ) AS rank
    FROM claims
)
SELECT a.story_id,
       a.category,
       a.scope,
       a.place_name,
       coalesce(a.country, b.country) AS country,
       least(a.first_published_date, b.first_published_date) AS reported_date,
       a.claimant_key <> b.claimant_key AS claimants_differ,
       a.claimant AS a_claimant,
       a.subject AS a_subject,
       a.value_low AS a_value_low,
       a.value_high AS a_value_high,
       a.share AS a_share,
       a.qualifier AS a_qualifier,
       a.sources AS a_sources,
       a.copies AS a_copies,
       a.first_published_at AS a_first_published_at,
       a.article_title AS a_article_title,
       a.article_url AS a_article_url,
       a.sentence AS a_sentence,
       b.claimant AS b_claimant,
       b.subject AS b_subject,
       b.value_low AS b_value_low,
       b.value_high AS b_value_high,
       b.share AS b_share,
       b.qualifier AS b_qualifier,
       b.sources AS b_sources,
       b.copies AS b_copies,
       b.first_published_at AS b_first_published_at,
       b.article_title AS b_article_title,
       b.article_url AS b_article_url,
       b.sentence AS b_sentence
FROM ranked a
JOIN ranked b
  ON b.story_key = a.story_key AND b.place_name IS NOT DISTINCT FROM a.place_name AND b.category = a.category
 AND b.scope = a.scope AND b.rank > a.rank
 AND (a.subject = b.subject OR 'people' IN (a.subject, b.subject))
WHERE (a.value_low IS DISTINCT FROM b.value_low
   OR a.value_high IS DISTINCT FROM b.value_high
   OR a.share IS DISTINCT FROM b.share);

COMMENT ON VIEW v_contested_figures IS 'Pairs of differing claims about the same incident: the same story (which holds its events), place, category and comparable subject. A claim is an article''s incident total (v_incident_totals: its mentions restating one toll are one claim, not pairs; rival claimants inside one article stay visible in v_figures.disputed). Each side is one claim (claimant + value) however many copies carried it; nothing is averaged. Claims of the same value agree and are not listed ("at least 12" and "12" agree).';
COMMENT ON COLUMN v_contested_figures.story_id IS 'Story cluster both claims were reported in (v_stories.story_id); NULL for an article not yet clustered.';
COMMENT ON COLUMN v_contested_figures.category IS 'What both figures count (killed, displaced...).';
COMMENT ON COLUMN v_contested_figures.scope IS 'event: incident totals are event-scope (cumulative tolls describe no one incident).';
COMMENT ON COLUMN v_contested_figures.place_name IS 'Place of the incident both claims are about (the article''s primary place); only claims about the same place are paired.';
COMMENT ON COLUMN v_contested_figures.country IS 'ISO 3166-1 alpha-2 country of that place.';
COMMENT ON COLUMN v_contested_figures.reported_date IS 'Earliest publication date (publisher''s time zone) of either claim: filter on it for "this week".';
COMMENT ON COLUMN v_contested_figures.claimants_differ IS 'True when two claimants disagree; false when one claimant gave two values (a revised toll).';
COMMENT ON COLUMN v_contested_figures.a_claimant IS 'Side a (the lower value): who gave the figure.';
COMMENT ON COLUMN v_contested_figures.a_subject IS 'Side a: who or what is counted (civilians, rebels, buildings...); "people" when the text does not say. Only comparable subjects are paired: the same, or one side generic.';
COMMENT ON COLUMN v_contested_figures.b_subject IS 'Side b: who or what is counted, as a_subject.';
COMMENT ON COLUMN v_contested_figures.a_value_low IS 'Side a: the number, or the low end of its range.';
COMMENT ON COLUMN v_contested_figures.a_value_high IS 'Side a: the high end of its range (the number itself when single or open-ended: see the qualifier).';
COMMENT ON COLUMN v_contested_figures.a_share IS 'Side a: fraction of a population, when no number was given.';
COMMENT ON COLUMN v_contested_figures.a_qualifier IS 'Side a: hedge as written (at least, about...).';
COMMENT ON COLUMN v_contested_figures.a_sources IS 'Side a: sources that carried this claim.';
COMMENT ON COLUMN v_contested_figures.a_copies IS 'Side a: number of articles (copies) that carried this claim.';
COMMENT ON COLUMN v_contested_figures.a_first_published_at IS 'Side a: first publication of this claim (UTC).';
COMMENT ON COLUMN v_contested_figures.a_article_title IS 'Side a: headline of the first article carrying the claim.';
COMMENT ON COLUMN v_contested_figures.a_article_url IS 'Side a: URL of that article.';
COMMENT ON COLUMN v_contested_figures.a_sentence IS 'Side a: the sentence the figure was read from.';
COMMENT ON COLUMN v_contested_figures.b_claimant IS 'Side b (the higher value): who gave the figure.';
COMMENT ON COLUMN v_contested_figures.b_value_low IS 'Side b: the number, or the low end of its range.';
COMMENT ON COLUMN v_contested_figures.b_value_high IS 'Side b: the high end of its range (the number itself when single or open-ended: see the qualifier).';
COMMENT ON COLUMN v_contested_figures.b_share IS 'Side b: fraction of a population, when no number was given.';
COMMENT ON COLUMN v_contested_figures.b_qualifier IS 'Side b: hedge as written.';
COMMENT ON COLUMN v_contested_figures.b_sources IS 'Side b: sources that carried this claim.';
COMMENT ON COLUMN v_contested_figures.b_copies IS 'Side b: number of articles (copies) that carried this claim.';
COMMENT ON COLUMN v_contested_figures.b_first_published_at IS 'Side b: first publication of this claim (UTC).';
COMMENT ON COLUMN v_contested_figures.b_article_title IS 'Side b: headline of the first article carrying the claim.';
COMMENT ON COLUMN v_contested_figures.b_article_url IS 'Side b: URL of that article.';
COMMENT ON COLUMN v_contested_figures.b_sentence IS 'Side b: the sentence the figure was read from.';
