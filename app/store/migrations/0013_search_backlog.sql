-- The search index's backlog (issue 17, search_backlog.go): the index rows that a bulk
-- write (an import, a first pull's pages) left to be written after its commit. A row
-- here is a session (pk*2+1) or feedback item (pk*2) that is stored but not yet in the
-- search index nor in its vocabulary (search_words); the background indexer writes
-- them in chunks, each its own transaction, and removes them from here as it does.
-- Any other write of such a record takes it out of here (a save indexes it; a deletion,
-- erasure or purge leaves it unindexed). Only numbers: no text of any record.
CREATE TABLE search_backlog (
	row INTEGER PRIMARY KEY
) STRICT;
