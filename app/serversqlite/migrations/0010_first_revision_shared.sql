-- A new record's first state stored once (issue 17, the server's push; docs/decisions.md):
-- a push of a new record wrote the same state twice, into the record's row and into its
-- first revision's. Now the record's row stands for that revision too while the record
-- is at it: rev_change_id is then the id of the change that made it (NULL otherwise),
-- and the revision is (team_id, id, entity, rev, state, device_id, rev_change_id,
-- updated_at) of the row. Before a record with one is changed, the revision is copied
-- into revisions (serversqlite shared.go); readers of a record's revisions read them
-- both. Nothing to rebuild: rows stored before have none.
ALTER TABLE records ADD COLUMN rev_change_id TEXT;
