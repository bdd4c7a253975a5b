-- What incident totals need to count each person once: a figure that is part of another of its sentence
-- ("including three children") and a count that refers back to people already introduced ("he died").
ALTER TABLE figures ADD COLUMN subset BOOLEAN DEFAULT false;
ALTER TABLE figures ADD COLUMN refers_back BOOLEAN DEFAULT false;
