"""Transform stage: pure functions from records to records (normalise, de-duplicate, enrich). No I/O here."""
