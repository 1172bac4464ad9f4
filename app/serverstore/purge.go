package serverstore

import (
	"context"
	"time"
)

// Purging deleted records (docs/sync-protocol.md "Purging deleted records"): a
// tombstone past the team's period for deleted records is removed for good, with its
// revisions, the stored change results that carry its state and the conflicts about
// it; only its id, entity and the sequence number it had are kept (purged_records),
// so that a pull from before that number tells the laptop to remove it too and a
// later change of it is refused.

// PurgeTarget is a tombstone to purge: the record as the caller found it. It is purged
// only if it is still that tombstone (the same Seq) when the purge runs.
type PurgeTarget struct {
	Entity string
	ID     string
	Seq    int64
}

// PurgedRecord is what is kept of a purged record: no content.
type PurgedRecord struct {
	Entity   string
	ID       string
	Seq      int64 // the sequence number of the tombstone that was purged
	PurgedAt time.Time
}

// Purger is an optional Store interface: both server stores implement it.
type Purger interface {
	// PurgeRecords removes, in one transaction serialised with the team's pushes
	// (as InTeamTx), each target that is still the team's record at the target's Seq:
	// the record, its revisions, the team's stored change results whose state is the
	// record's, and its purged_records row is written. It returns the records purged
	// (by Seq); the team's storage count goes down by the bytes removed.
	PurgeRecords(ctx context.Context, teamID string, targets []PurgeTarget, now time.Time) ([]PurgedRecord, error)
	// PurgedAfter returns the team's purged records with Seq > since, by Seq, at most
	// limit.
	PurgedAfter(ctx context.Context, teamID string, since int64, limit int) ([]PurgedRecord, error)
}

// PurgedChecker is an optional Tx method: whether the team purged a record with this
// id (the push refuses any change of it).
type PurgedChecker interface {
	IsPurged(ctx context.Context, teamID, id string) (bool, error)
}
