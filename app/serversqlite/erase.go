package serversqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/hin-south-london/involve/app/serverstore"
)

// Erasure (serverstore.EraseTx). The database runs with secure_delete on (db.go), so
// the rows deleted here are overwritten with zeros in the file's pages, not just
// marked free; ScrubAfterErasure then empties the write-ahead log, whose older frames
// may still hold the pages as they were.

// EraseHistory deletes the revisions of recordIDs and the change results naming one of
// them, stored and kept for flush.
func (t *teamTx) EraseHistory(ctx context.Context, teamID string, recordIDs []string) error {
	if err := t.checkTeam(teamID); err != nil {
		return err
	}
	if len(recordIDs) == 0 {
		return nil
	}
	list, err := json.Marshal(recordIDs)
	if err != nil {
		return err
	}
	freed, err := t.deleteCounted(ctx, "revisions", "length(CAST(state AS BLOB))",
		"team_id = ? AND record_id IN (SELECT value FROM json_each(?))", t.teamID, string(list))
	if err != nil {
		return fmt.Errorf("erase revisions: %w", err)
	}
	// The revisions the records' rows stand for (shared.go) go too: the rows stand for
	// none, and their states count once.
	row, err := t.queryRow("SELECT coalesce(sum(length(CAST(state AS BLOB))), 0) FROM records WHERE team_id = ? AND id IN (SELECT value FROM json_each(?)) AND "+rowRevision,
		t.teamID, string(list))
	if err != nil {
		return err
	}
	var shared int64
	if err := row.Scan(&shared); err != nil {
		return err
	}
	if shared > 0 {
		// the results the rows stand for are written down first, as they were kept
		// before (results.go); those naming a record erased go below
		if err := t.exec(keepRowResultsSQL, t.teamID, string(list)); err != nil {
			return fmt.Errorf("erase revisions: %w", err)
		}
		if err := t.exec("UPDATE records SET rev_change_id = NULL, rev_result = NULL WHERE team_id = ? AND id IN (SELECT value FROM json_each(?)) AND "+rowRevision,
			t.teamID, string(list)); err != nil {
			return fmt.Errorf("erase revisions: %w", err)
		}
		freed += shared
	}
	n, err := t.deleteCounted(ctx, "change_results", "length(CAST(result AS BLOB))",
		"team_id = ? AND EXISTS (SELECT 1 FROM json_each(?) AS j WHERE instr(result, j.value) > 0)", t.teamID, string(list))
	if err != nil {
		return fmt.Errorf("erase change results: %w", err)
	}
	if err := t.addBytesUsed(ctx, -(freed + n)); err != nil {
		return err
	}
	t.dropPending(recordIDs)
	return nil
}

// DeleteRecords removes records with their revisions and the change results naming
// them. The revisions go first, while the rows are there to count the revisions they
// stand for (shared.go).
func (t *teamTx) DeleteRecords(ctx context.Context, teamID string, ids []string) error {
	if err := t.checkTeam(teamID); err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	if err := t.EraseHistory(ctx, teamID, ids); err != nil {
		return err
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	freed, err := t.deleteCounted(ctx, "records", "length(CAST(state AS BLOB))",
		"team_id = ? AND id IN (SELECT value FROM json_each(?))", t.teamID, string(list))
	if err != nil {
		return fmt.Errorf("delete records: %w", err)
	}
	if err := t.addBytesUsed(ctx, -freed); err != nil {
		return err
	}
	for _, id := range ids {
		if _, ok := t.recs[id]; ok {
			delete(t.recs, id)
			t.recOrder = removeString(t.recOrder, id)
		}
		if t.knownRecs != nil {
			t.knownRecs[id] = cachedRecord{} // gone (PendingBytes counts nothing it replaces)
		}
		t.fresh.MarkAbsent(id)
	}
	return nil
}

// deleteCounted deletes the rows of table that match where and returns the bytes
// (size, an SQL expression) they held.
func (t *teamTx) deleteCounted(ctx context.Context, table, size, where string, args ...any) (int64, error) {
	row, err := t.queryRow("SELECT coalesce(sum("+size+"), 0) FROM "+table+" WHERE "+where, args...)
	if err != nil {
		return 0, err
	}
	var n int64
	if err := row.Scan(&n); err != nil {
		return 0, err
	}
	return n, t.exec("DELETE FROM "+table+" WHERE "+where, args...)
}

// dropPending forgets the revisions of ids and the change results naming one of them
// that the transaction holds for flush, and what Prefetch read of such results.
func (t *teamTx) dropPending(ids []string) {
	names := func(raw []byte) bool {
		for _, id := range ids {
			if bytes.Contains(raw, []byte(id)) {
				return true
			}
		}
		return false
	}
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	revs := t.revs[:0]
	for _, r := range t.revs {
		if !set[r.RecordID] {
			revs = append(revs, r)
		}
	}
	clear(t.revs[len(revs):]) // no copy of an erased state stays reachable
	t.revs = revs
	rows := t.resRows[:0]
	for _, r := range t.resRows {
		if !names(r.result) {
			rows = append(rows, r)
		}
	}
	clear(t.resRows[len(rows):])
	t.resRows = rows
	t.results = make(map[string]int, len(rows))
	for i, r := range rows {
		t.results[r.changeID] = i
	}
	for id, raw := range t.known {
		if raw != nil && names(raw) {
			t.known[id] = nil
		}
	}
}

func removeString(list []string, s string) []string {
	out := list[:0]
	for _, v := range list {
		if v != s {
			out = append(out, v)
		}
	}
	return out
}

// ScrubAfterErasure copies the write-ahead log into the database file and truncates it
// to nothing (serverstore.Scrubber): its frames may hold pages as they were before an
// erasure. It fails, harmlessly, when a reader keeps it from finishing.
func (s *Store) ScrubAfterErasure(ctx context.Context) error {
	var busy, logPages, done int
	if err := s.ckpt.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logPages, &done); err != nil {
		return fmt.Errorf("checkpoint after an erasure: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("checkpoint after an erasure: the write-ahead log is in use (%d of %d pages copied)", done, logPages)
	}
	return nil
}

var _ serverstore.Scrubber = (*Store)(nil)
