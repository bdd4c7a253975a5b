-- ACLED's country names and numeric ISO codes by ISO alpha-2, so the ACLED export is a view (v_acled_events).
-- Filled from the countryinfo package by every migrate (reference data shipped with the code).
CREATE TABLE country_names (
    alpha2  VARCHAR PRIMARY KEY,
    name    VARCHAR NOT NULL,
    numeric INTEGER
);
