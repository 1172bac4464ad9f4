-- One key for a record instead of two (issue 17, the push; as the SQLite store's 0009,
-- docs/decisions.md): keyed (id, team_id), the primary key also serves the lookups by
-- id alone (GetRecord, Prefetch: a record's id is looked up across teams), and
-- records_id goes: every record a push writes updates one index fewer. ON CONFLICT
-- (team_id, id) still names it (PostgreSQL infers the arbiter index by its columns, in
-- any order).
ALTER TABLE records DROP CONSTRAINT records_pkey, ADD CONSTRAINT records_pkey PRIMARY KEY (id, team_id);
DROP INDEX records_id;
