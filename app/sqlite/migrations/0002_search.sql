-- Full-text search over session titles and notes and feedback text. Diacritics are
-- folded ("cafe" finds "café"); 2- and 3-character prefix indexes make
-- search-as-you-type fast. rowid = sessions.pk*2+1 or feedback.pk*2, so a record's
-- index row is found by key, never by scanning.
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

CREATE TRIGGER sessions_search_ai AFTER INSERT ON sessions WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO search(rowid, title, body) VALUES (new.pk*2+1, new.title, new.notes);
END;
CREATE TRIGGER sessions_search_au AFTER UPDATE OF title, notes, deleted_at ON sessions BEGIN
	DELETE FROM search WHERE rowid = old.pk*2+1;
	INSERT INTO search(rowid, title, body)
		SELECT new.pk*2+1, new.title, new.notes WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER sessions_search_ad AFTER DELETE ON sessions BEGIN
	DELETE FROM search WHERE rowid = old.pk*2+1;
END;

CREATE TRIGGER feedback_search_ai AFTER INSERT ON feedback WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO search(rowid, title, body) VALUES (new.pk*2, '', new.text);
END;
CREATE TRIGGER feedback_search_au AFTER UPDATE OF text, deleted_at ON feedback BEGIN
	DELETE FROM search WHERE rowid = old.pk*2;
	INSERT INTO search(rowid, title, body)
		SELECT new.pk*2, '', new.text WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER feedback_search_ad AFTER DELETE ON feedback BEGIN
	DELETE FROM search WHERE rowid = old.pk*2;
END;
