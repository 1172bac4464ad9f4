package store

import "context"

// SearchWordsForTest reads the search index's vocabulary (search_words): word → rows.
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
	return out, rows.Err()
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
