package syncer

import (
	"context"
	"time"

	"github.com/hin-south-london/involve/app/syncapi"
)

// Purged records (docs/sync-protocol.md "Purging deleted records"): a pull page lists
// the records the server removed for good; the laptop removes them too, in the page's
// transaction, and rejects its unsent changes of them (syncapi.PurgedReason). After a
// sync the laptop purges its own tombstones past their period (TombstonePurger).

// PurgeTx is the Tx method that removes purged records (the store implements it; a
// Tx without it keeps them, as a laptop before purging did).
type PurgeTx interface {
	// RemovePurged removes each record from the laptop, with its search index row,
	// sync base and the conflicts about it (their outbox entries and sync bases too);
	// the record's waiting changes are marked rejected with reason, and so are those of
	// the records that belong to it on this laptop only (removed with it). It returns
	// how many records were removed and how many changes rejected.
	RemovePurged(keys []Key, reason string) (removed, rejected int, err error)
}

// TombstonePurger is the Store method that purges the laptop's own tombstones past
// their period (the store implements it).
type TombstonePurger interface {
	PurgeTombstones(ctx context.Context, now time.Time) (int, error)
}

// applyPurged removes the records a page lists as purged (PullTally.Purged, Rejected).
func applyPurged(tx Tx, list []syncapi.PurgedRecord, t *PullTally) error {
	pt, ok := tx.(PurgeTx)
	if len(list) == 0 || !ok {
		return nil
	}
	keys := make([]Key, 0, len(list))
	for _, p := range list {
		keys = append(keys, Key{p.Entity, p.RecordID})
	}
	removed, rejected, err := pt.RemovePurged(keys, syncapi.PurgedReason)
	t.Purged += removed
	t.PurgeRejected += rejected
	return err
}

// LogEmptier is the Store method that empties the database's write-ahead log (the
// store implements it): after a pull removed purged records, their earlier versions
// do not stay in the log.
type LogEmptier interface {
	EmptyLog(ctx context.Context) error
}

// purgeLocal purges the laptop's own tombstones past their period after a sync, and
// empties the write-ahead log when the sync's pull removed purged records (a failure
// is logged: the next sync tries again).
func (e *Engine) purgeLocal(ctx context.Context, pulled PullTally) {
	n := 0
	if p, ok := e.db.(TombstonePurger); ok {
		var err error
		if n, err = p.PurgeTombstones(ctx, e.Now()); err != nil {
			e.logf("purge deleted records past their period: %v", err)
		}
	}
	if l, ok := e.db.(LogEmptier); ok && pulled.Purged > 0 && n == 0 {
		if err := l.EmptyLog(ctx); err != nil {
			e.logf("after removing purged records: %v", err)
		}
	}
}
