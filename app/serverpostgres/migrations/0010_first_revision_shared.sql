-- A new record's first state stored once (issue 17, the server's push; as the SQLite
-- store's 0010, docs/decisions.md): a revision's state may be NULL, and is then the state
-- of the team's record with that id, which is at that rev. The store keeps that true:
-- before a record's state is replaced, its NULL revisions get the state it had
-- (serverpostgres record.go, queueRows). Readers read coalesce(state, the record's).
ALTER TABLE revisions ALTER COLUMN state DROP NOT NULL;
