-- ACLED's world region of each country, for the region column of v_acled_events (filled by migrate's refresh).
ALTER TABLE country_names ADD COLUMN region VARCHAR;
