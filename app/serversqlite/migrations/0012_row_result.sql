-- A new record's change result kept by its row (issue 17, the push; docs/decisions.md):
-- a push of new records stored each change's result, {"changeId", "status": "applied",
-- "rev"} (serverstore.AppliedResult), in change_results, a row of some 240 bytes a
-- record: a third of what SQLite wrote for such a push. Now, when the record's row
-- stands for the revision the change made (rev_change_id, migration 0010) and the
-- result is that one, rev_result = 1 and the result is not written: the row gives it
-- back for rev_change_id (results.go) until the row moves on, when it is written down
-- as it would have been (before the row is replaced, before erasure clears
-- rev_change_id, before a purge deletes the row). Rows stored before have none.
ALTER TABLE records ADD COLUMN rev_result INTEGER;
