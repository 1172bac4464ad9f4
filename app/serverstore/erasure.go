package serverstore

import "context"

// EraseTx is a push transaction's side of erasure (involve.Erasure; docs/sync-protocol.md
// "Erasure"): what held an erased record's old values is destroyed, not hidden. Both
// see the transaction's own writes: what it has not written yet is dropped with what is
// stored. The team's bytes used (quota.go) follow what is deleted.
type EraseTx interface {
	// EraseHistory deletes every revision of the team's records with recordIDs and
	// every stored change result (SaveChangeResult) that names one of them anywhere in
	// its JSON (a merged state, a conflict's record id). The records themselves stay: the
	// caller writes their erased states as new revisions afterwards.
	EraseHistory(ctx context.Context, teamID string, recordIDs []string) error
	// DeleteRecords removes the team's records with ids, their revisions and the change
	// results that name them (hard deletion: a conflict record about an erased record).
	// Ids the team has no record of are ignored.
	DeleteRecords(ctx context.Context, teamID string, ids []string) error
}

// Scrubber is an optional Store method: after an erasure has committed, copy what the
// database keeps beside its file (SQLite's write-ahead log, whose frames may still
// hold pages as they were before) into the file and empty it, so that the erased
// values are gone from every file. It is best effort: an error (a reader busy) leaves
// them to the next checkpoint.
type Scrubber interface {
	ScrubAfterErasure(ctx context.Context) error
}
