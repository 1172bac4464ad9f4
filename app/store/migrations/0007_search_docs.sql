-- Search finds "you said, we did" actions and outcomes too, and offers "Did you mean …?"
-- for a misspelt word.
--
-- An action's or outcome's index row is 2^60 + docs.pk (sessions and feedback keep
-- pk*2+1 and pk*2, far below): above every other row, so that the ranking window of the
-- newest matches (search.go) always holds them. Its texts, one per line, in the body (an action's "you said", "we did", the
-- decision it influenced and why it was not possible; an outcome's description,
-- evidence and both views). Deleted ones have no row. search_docs.go writes the same.
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

-- The words of the index and in how many of its rows each is (search_words.go): what
-- "Did you mean" picks from. FTS5's own vocabulary (fts5vocab) takes 0.5 s to list at
-- 100 000 items; this table is read in a millisecond. The store keeps it in step with
-- every index row it writes or removes, reading the row's stored text, so a word leaves
-- it when the last row holding it goes (an edit, a deletion, an erasure, a purge).
-- It is filled from the index by the app when it opens the database after this
-- migration (meta search_words = 'rebuild'), and by the search index's repair.
CREATE TABLE search_words (
	word TEXT PRIMARY KEY,
	n    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- A single save does not touch search_words (its words are spread over the table's
-- pages: about 30 % more pages written per save): it appends its change of counts here
-- (lines of "word ±rows"), and the changes are added to search_words a minute later (the
-- app's housekeeping), in every erasure and purge, and by bulk writes. "Did you mean"
-- reads both.
CREATE TABLE search_words_log (
	id    INTEGER PRIMARY KEY,
	delta TEXT NOT NULL
) STRICT;
INSERT INTO meta(key, value) VALUES ('search_words', 'rebuild')
	ON CONFLICT(key) DO UPDATE SET value = excluded.value;
