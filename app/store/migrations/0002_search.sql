-- Full-text search over session titles and notes and feedback text. Diacritics are
-- folded ("cafe" finds "café"); 2- and 3-character prefix indexes make
-- search-as-you-type fast. rowid = sessions.pk*2+1 or feedback.pk*2, so a record's
-- index row is found by key, never by scanning.
--
-- The store keeps the index up to date itself, in the same transaction as each write
-- (search.go), not with triggers: FTS5 flushes its pending terms at every statement
-- savepoint, which a trigger opens for every row, making a bulk import six times slower.
CREATE VIRTUAL TABLE search USING fts5(
	title, body,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
INSERT INTO search(search, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

INSERT INTO search(rowid, title, body)
	SELECT pk*2+1, title, notes FROM sessions WHERE deleted_at IS NULL;
INSERT INTO search(rowid, title, body)
	SELECT pk*2, '', text FROM feedback WHERE deleted_at IS NULL;
