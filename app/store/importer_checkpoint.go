package store

import (
	"context"
	"errors"
	"strconv"
)

// An import's commit does not checkpoint the WAL (issue 17, round 4; docs/decisions.md).
// SQLite's auto-checkpoint runs inside COMMIT once the WAL holds more than
// wal_autocheckpoint pages: after a large import's commit it copied every page the
// import wrote into the database file and synced that file, about half the commit's
// time, although the import was durable already when the WAL was synced
// (synchronous=FULL). So the writer's auto-checkpoint is off for the import's
// transaction and back to what it was when Import returns, whatever happened: the
// writer's next commit (a large import's search catch-up is the next) or closing the
// database checkpoints the WAL, and a crash before then loses nothing (SQLite replays
// the WAL when it opens the file).

// withoutAutoCheckpoint runs fn with the writer's auto-checkpoint off and sets it back
// to its value before (restoring it even when fn fails or ctx is cancelled).
func (db *DB) withoutAutoCheckpoint(ctx context.Context, fn func() error) (err error) {
	var pages int
	if err := db.writer.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&pages); err != nil {
		return err
	}
	if _, err := db.writer.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
		return err
	}
	defer func() {
		_, rerr := db.writer.ExecContext(context.WithoutCancel(ctx), `PRAGMA wal_autocheckpoint = `+strconv.Itoa(pages))
		err = errors.Join(err, rerr)
	}()
	return fn()
}
