-- The type an actor had in one article: state forces abroad are "external/other forces" there (ACLED's rule),
-- while the actors table keeps the actor's base type.
ALTER TABLE article_actors ADD COLUMN actor_type VARCHAR;
