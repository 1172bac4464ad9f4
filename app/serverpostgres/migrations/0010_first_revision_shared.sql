-- A new record's first state stored once (issue 17, the server's push; as the SQLite
-- store's 0010, docs/decisions.md): the record's row stands for its revision too while
-- the record is at it: rev_change_id is then the id of the change that made it (NULL
-- otherwise), and the revision is (team_id, id, entity, rev, state, device_id,
-- rev_change_id, updated_at) of the row. Before a record with one is changed, the
-- revision is copied into revisions (serverpostgres shared.go); readers of a record's
-- revisions read them both.
ALTER TABLE records ADD COLUMN rev_change_id text;
