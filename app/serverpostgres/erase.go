package serverpostgres

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/jackc/pgx/v5"
)

// Erasure (serverstore.EraseTx). PostgreSQL does not overwrite a deleted row: it stays
// in the table's pages as a dead tuple until VACUUM (or autovacuum) reclaims it.
// pg_dump copies live rows only, so a dump made after the erasure holds none of it;
// docs/deploy.md says how the files and older dumps age out.

// EraseHistory deletes the revisions of recordIDs and the change results naming one of
// them, stored and kept for finish.
func (t *teamTx) EraseHistory(ctx context.Context, teamID string, recordIDs []string) error {
	if err := t.checkTeam(teamID); err != nil {
		return err
	}
	if len(recordIDs) == 0 {
		return nil
	}
	freed, err := t.deleteCounted(ctx, "erase revisions",
		`DELETE FROM revisions WHERE team_id = $1 AND record_id = ANY($2::text[]) RETURNING octet_length(state::text)`, recordIDs)
	if err != nil {
		return err
	}
	// The revisions the records' rows stand for (shared.go) go too: the rows stand for
	// none, and their states count once. The results the rows stand for are written
	// down first, as they were kept before (results.go); those naming a record erased
	// go below.
	if err := t.keepRowResults(ctx, recordIDs); err != nil {
		return err
	}
	shared, err := t.deleteCounted(ctx, "erase the revisions records stand for",
		`UPDATE records SET rev_change_id = NULL, rev_result = NULL WHERE team_id = $1 AND id = ANY($2::text[]) AND `+rowRevision+`
		RETURNING octet_length(state::text)`, recordIDs)
	if err != nil {
		return err
	}
	freed += shared
	n, err := t.deleteCounted(ctx, "erase change results",
		`DELETE FROM change_results WHERE team_id = $1
			AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS i(id) WHERE strpos(result::text, i.id) > 0)
		RETURNING octet_length(result::text)`, recordIDs)
	if err != nil {
		return err
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
	freed, err := t.deleteCounted(ctx, "delete records",
		`DELETE FROM records WHERE team_id = $1 AND id = ANY($2::text[]) RETURNING octet_length(state::text)`, ids)
	if err != nil {
		return err
	}
	if err := t.addBytesUsed(ctx, -freed); err != nil {
		return err
	}
	for _, id := range ids {
		if _, ok := t.recs[id]; ok {
			delete(t.recs, id)
			t.recOrder = slices.DeleteFunc(t.recOrder, func(s string) bool { return s == id })
		}
		if t.records != nil {
			t.records[id] = cachedRecord{} // gone (PendingBytes counts nothing it replaces)
		}
		t.fresh.MarkAbsent(id)
	}
	return nil
}

// deleteCounted runs a DELETE … RETURNING the size of each row (after the queued
// writes) and returns the bytes the deleted rows held.
func (t *teamTx) deleteCounted(ctx context.Context, what, del string, ids []string) (int64, error) {
	var n int64
	err := t.queryRow(ctx, func(row pgx.Row) error { return row.Scan(&n) },
		"WITH d AS ("+del+" AS n) SELECT coalesce(sum(n), 0)::bigint FROM d", t.teamID, ids)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return n, nil
}

// dropPending forgets the revisions of ids and the change results naming one of them
// that the transaction holds for finish, and what Prefetch read of such results.
func (t *teamTx) dropPending(ids []string) {
	names := func(raw []byte) bool {
		return slices.ContainsFunc(ids, func(id string) bool { return bytes.Contains(raw, []byte(id)) })
	}
	t.revs = slices.DeleteFunc(t.revs, func(r serverstore.Revision) bool { return slices.Contains(ids, r.RecordID) })
	t.resRows = slices.DeleteFunc(t.resRows, func(r pendingResult) bool { return names(r.result) })
	t.res = make(map[string]int, len(t.resRows))
	for i, r := range t.resRows {
		t.res[r.changeID] = i
	}
	for id, c := range t.results {
		if c.found && names(c.raw) {
			t.results[id] = cachedResult{}
		}
	}
}
