-- The search index keeps no copy of the texts it indexes (issue 17): FTS5 stored every
-- session's title and notes, feedback text and action's or outcome's texts a second
-- time (search_content, 19 MiB of the 155 MiB at 100 000 items). A contentless table
-- whose rows can be deleted (contentless_delete, SQLite 3.43+) holds only the index:
-- search reads the texts of its hits from their records (search.go), and the store
-- counts a removed row's words out of the vocabulary from the record's text, read before
-- the record is written (search_words.go).
--
-- Two indexes of feedback less (issue 17): feedback_created (3.6 MiB at 100 000 items)
-- served only the home screen's count of today's feedback, which now counts in the scan
-- that counts all of it (home.go); feedback_session (session_id, created_at; 8.3 MiB)
-- becomes feedback_session_id (session_id; 4.3-5.1 MiB): its lookups are the items of one
-- session (tens to hundreds), which are sorted by time after they are found. Written so
-- that running the script again (the index's repair, below) changes nothing here.
DROP INDEX IF EXISTS feedback_created;
DROP INDEX IF EXISTS feedback_session;
CREATE INDEX IF NOT EXISTS feedback_session_id ON feedback(session_id);

-- This script is the whole search index and its vocabulary, as a fresh install has
-- them, filled from the records: migration 0010 runs it once, and the index's repair
-- (search_repair.go) runs it again.
--
-- The body is the index's first column and the title its second (0002 had them the
-- other way round): FTS5 marks each entry of a column other than the first with the
-- column's number, two bytes for every distinct word of every feedback item, in the
-- main index and in both prefix indexes. First, the body's entries need no mark: the index is
-- 23.5 MiB instead of 36.7 at 100 000 items (after 'optimize'). The title still
-- weighs four times the body in the ranking (bm25's weights follow the columns), and
-- every search returns the same rows in the same order with the same scores.
--
-- It keeps what 0002, 0004 and 0007 made: rowids
-- (sessions pk*2+1, feedback pk*2, actions and outcomes 2^60 + docs.pk), diacritics
-- folded, the 2- and 3-character prefix indexes (search as you type: without either,
-- two- and three-letter prefixes take 35-60 ms instead of 2-3; docs/decisions.md), the
-- ranking, automatic merging off, and the vocabulary's tables; the vocabulary is
-- counted afresh from the records when the app next opens the database.
DROP TABLE IF EXISTS search;
DROP TABLE IF EXISTS search_words;
DROP TABLE IF EXISTS search_words_log;
CREATE VIRTUAL TABLE search USING fts5(
	body, title,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3',
	content = '',
	contentless_delete = 1
);
INSERT INTO search(search, rank) VALUES ('rank', 'bm25(1.0, 4.0)');
INSERT INTO search(search, rank) VALUES ('automerge', 0);

INSERT INTO search(rowid, title, body)
	SELECT pk*2+1, title, notes FROM sessions WHERE deleted_at IS NULL;
INSERT INTO search(rowid, title, body)
	SELECT pk*2, '', text FROM feedback WHERE deleted_at IS NULL;
INSERT INTO search(rowid, title, body)
	SELECT (1 << 60) + pk, '', concat_ws(char(10),
		nullif(state ->> '$.youSaid', ''), nullif(state ->> '$.weDid', ''),
		nullif(state ->> '$.decisionInfluenced', ''), nullif(state ->> '$.reasonNotPossible', ''))
	FROM docs WHERE entity = 'action' AND deleted_at IS NULL;
INSERT INTO search(rowid, title, body)
	SELECT (1 << 60) + pk, '', concat_ws(char(10),
		nullif(state ->> '$.description', ''), nullif(state ->> '$.evidence', ''),
		nullif(state ->> '$.contributorView', ''), nullif(state ->> '$.staffView', ''))
	FROM docs WHERE entity = 'outcome' AND deleted_at IS NULL;
-- One segment: the rows above were written as a few large segments.
INSERT INTO search(search) VALUES ('optimize');

-- The vocabulary (search_words.go; migration 0007 says why it is a table).
CREATE TABLE search_words (
	word TEXT PRIMARY KEY,
	n    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE search_words_log (
	id    INTEGER PRIMARY KEY,
	delta TEXT NOT NULL
) STRICT;
INSERT INTO meta(key, value) VALUES ('search_words', 'rebuild')
	ON CONFLICT(key) DO UPDATE SET value = excluded.value;
