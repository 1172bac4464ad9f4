package store

import (
	"context"
	"errors"
	"os"
	"strconv"
)

// An import's commit, and a sync transaction's, do not checkpoint the WAL (issue 17,
// rounds 4 and 5; docs/decisions.md). SQLite's auto-checkpoint runs inside COMMIT once
// the WAL holds more than wal_autocheckpoint pages: after a large import's or a first
// pull's commit it copied every page the transaction wrote into the database file and
// synced that file, about half the commit's time, although the transaction was durable
// already when the WAL was synced (synchronous=FULL). So the writer's auto-checkpoint
// is off while an import or a sync transaction runs and back to what it was when the
// last of them ends, whatever happened: the writer's next other commit (a save, the
// search index's catch-up) or closing the database checkpoints the WAL, and a crash
// before then loses nothing (SQLite replays the WAL when it opens the file). An
// erasure still empties the WAL at once (afterErasure's TRUNCATE checkpoint), and a
// sync transaction that leaves the WAL file over syncWALLimit checkpoints it before
// SyncTx returns (boundWAL): a long first pull, one transaction after another, does not
// grow it without bound.

// syncWALLimit is the size of the WAL file above which a sync transaction's end
// checkpoints it (a variable for tests).
var syncWALLimit int64 = 256 << 20

// withoutAutoCheckpoint runs fn with the writer's auto-checkpoint off and sets it back
// to its value before when the last such fn running ends (restoring it even when fn
// fails or ctx is cancelled). An import and a sync may overlap: the value is read by
// the first and restored by the last.
func (db *DB) withoutAutoCheckpoint(ctx context.Context, fn func() error) (err error) {
	if err := db.holdCheckpoint(ctx); err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.releaseCheckpoint(context.WithoutCancel(ctx))) }()
	return fn()
}

// holdCheckpoint turns the writer's auto-checkpoint off, noting its value if no other
// hold has.
func (db *DB) holdCheckpoint(ctx context.Context) error {
	db.ckptMu.Lock()
	defer db.ckptMu.Unlock()
	if db.ckptHolds == 0 {
		if err := db.writer.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&db.ckptPages); err != nil {
			return err
		}
		if _, err := db.writer.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
			return err
		}
	}
	db.ckptHolds++
	return nil
}

// releaseCheckpoint ends a hold; the last one sets the auto-checkpoint back.
func (db *DB) releaseCheckpoint(ctx context.Context) error {
	db.ckptMu.Lock()
	defer db.ckptMu.Unlock()
	if db.ckptHolds--; db.ckptHolds > 0 {
		return nil
	}
	_, err := db.writer.ExecContext(ctx, `PRAGMA wal_autocheckpoint = `+strconv.Itoa(db.ckptPages))
	return err
}

// boundWAL checkpoints the WAL, emptying its file, when the file is larger than
// syncWALLimit (the file keeps its size until a TRUNCATE checkpoint, so its size is at
// least what the log holds). Best effort: the transactions are committed; a checkpoint
// that readers keep from finishing is tried again after the next one.
func (db *DB) boundWAL(ctx context.Context) {
	fi, err := os.Stat(db.path + "-wal")
	if err != nil || fi.Size() <= syncWALLimit {
		return
	}
	var busy, logged, done int
	_ = db.writer.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done)
}
