-- The second- and first-level divisions a place lies in, by name (district, province), when the gazetteer knows them.
ALTER TABLE places ADD COLUMN district VARCHAR;
ALTER TABLE places ADD COLUMN province VARCHAR;
