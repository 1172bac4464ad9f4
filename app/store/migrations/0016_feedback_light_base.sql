-- Implied light sync bases (issue 17, the first pull, round 5; sync_base_implied.go):
-- a feedback item a new laptop's first pull inserts as new, whose sync base would be
-- light (state '': the record's row as it is now), is marked here instead of getting a
-- sync_base row. 1: the row is its own light sync base at its revision, unless sync_base
-- has a row for the record (which then is its base). 0: nothing implied ("no base" still
-- means never synced for a record made on this laptop). Adding a column with a constant
-- default rewrites nothing; a 0 or 1 takes no bytes in a row but its header's one.
ALTER TABLE feedback ADD COLUMN light_base INTEGER NOT NULL DEFAULT 0;
-- Every sync base, written or implied, as sync_base's columns (for reading the whole
-- table: a record's own lookups are basesOfSQL's, by key).
CREATE VIEW sync_base_all AS
	SELECT entity, record_id, rev, state, parked FROM sync_base
	UNION ALL SELECT 'feedback', f.id, f.rev, '', 0 FROM feedback f WHERE f.light_base = 1
		AND NOT EXISTS (SELECT 1 FROM sync_base b WHERE b.entity = 'feedback' AND b.record_id = f.id);
