package store

import (
	"context"
	"fmt"
)

// searchMigrations are the migrations that make the search index and its vocabulary:
// run again, in order, they drop them and make them as a fresh install has them, filled
// from the sessions, feedback, actions and outcomes. Since migration 0010 one script
// does it all (0002, 0004 and 0007 made the index before); a migration that changes the
// index must be added here.
var searchMigrations = []string{"migrations/0010_search_contentless.sql"}

// RebuildSearchIndex drops the search index and its vocabulary (search_words.go) and
// builds them again from the sessions, feedback, actions and outcomes it indexes (the
// backlog's too, which it empties: search_backlog.go), in one transaction: the repair for a damaged index (`involve check --repair`). The
// records themselves are not touched; the index holds nothing that is not in them.
func (db *DB) RebuildSearchIndex(ctx context.Context) error {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, name := range searchMigrations {
		script, err := migrationFS.ReadFile(name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(script)); err != nil {
			return fmt.Errorf("rebuilding the search index (%s): %w", name, err)
		}
	}
	// every record is indexed now: none is left to the background indexer
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_backlog`); err != nil {
		return err
	}
	if err := rebuildSearchWords(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// SearchIndexDamaged runs the search index's own check (FTS5 'integrity-check'): true
// when the index no longer matches what it holds, which RebuildSearchIndex mends. An
// error is a check that could not run (a database too damaged to tell).
func (db *DB) SearchIndexDamaged(ctx context.Context) (bool, error) {
	_, err := db.writer.ExecContext(ctx, "INSERT INTO search(search) VALUES ('integrity-check')")
	if err == nil {
		return false, nil
	}
	if _, ok := corrupt(err); ok {
		return true, nil
	}
	return false, err
}
