-- The decision log is part of the settlement's history: each meeting record (with its decisions)
-- takes its place in the one total order of the change log (change_seq, V004), so
-- GET .../history lists it between the edits it came after and before. Numbered 9.1 so that it
-- sorts after any V009 another feature adds at the same time.
-- Adding a column with a default rewrites the table without firing the append-only row triggers.
ALTER TABLE review_meeting ADD COLUMN log_seq bigint NOT NULL DEFAULT nextval('change_seq') UNIQUE;
CREATE INDEX review_meeting_log ON review_meeting (settlement_id, log_seq);
