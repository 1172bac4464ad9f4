package store

import "context"

// SearchWordsForTest reads the search index's vocabulary: word → rows, the counts of
// search_words with the logged changes not yet added to them.
func (db *DB) SearchWordsForTest(ctx context.Context) (map[string]int, error) {
	rows, err := db.writer.QueryContext(ctx, `SELECT word, n FROM search_words`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var w string
		var n int
		if err := rows.Scan(&w, &n); err != nil {
			return nil, err
		}
		out[w] = n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	d := wordDelta{}
	if err := d.readLog(ctx, db.writer); err != nil {
		return nil, err
	}
	for w, n := range d {
		if out[w] += n; out[w] == 0 {
			delete(out, w)
		}
	}
	return out, nil
}

// SearchWordsLogForTest is the log of changes to the vocabulary's counts, as stored.
func (db *DB) SearchWordsLogForTest(ctx context.Context) (string, error) {
	var s string
	err := db.writer.QueryRowContext(ctx, `SELECT coalesce(group_concat(delta, ' '), '') FROM search_words_log`).Scan(&s)
	return s, err
}

// RecountSearchWordsForTest counts the vocabulary afresh from every row of the index,
// in a transaction that is rolled back: what search_words must hold.
func (db *DB) RecountSearchWordsForTest(ctx context.Context) (map[string]int, error) {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := rebuildSearchWords(ctx, tx); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT word, n FROM search_words`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var w string
		var n int
		if err := rows.Scan(&w, &n); err != nil {
			return nil, err
		}
		out[w] = n
	}
	return out, rows.Err()
}

// IndexWordsForTest reads the words the search index itself holds (FTS5's own
// vocabulary, fts5vocab) with the number of rows each is in, kept to the words the
// vocabulary keeps (search_words.go): what search_words must hold, read from the index
// and not from the records.
func (db *DB) IndexWordsForTest(ctx context.Context) (map[string]int, error) {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(main, search, row)`); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT term, doc FROM temp.search_terms`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var w string
		var n int
		if err := rows.Scan(&w, &n); err != nil {
			return nil, err
		}
		vocabWords(func(f string) {
			if f == w {
				out[w] = n
			}
		}, w)
	}
	return out, rows.Err()
}

// SetSearchDeferRowsForTest makes bulk writes of n rows or more leave their records to
// the search index's background indexer (search_backlog.go), until the test ends.
func SetSearchDeferRowsForTest(tb interface{ Cleanup(func()) }, n int) {
	old := searchDeferRows
	searchDeferRows = n
	tb.Cleanup(func() { searchDeferRows = old })
}
