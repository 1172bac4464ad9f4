package serverpostgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/jackc/pgx/v5"
)

// Prefetch (serverstore.Prefetcher): what a push will look up, read in the round trip
// of its first statements (the queued SAVEPOINT of its group among them).

// prefetchRecords reads, in one index probe per id (the key is (id, team_id)), the
// team's records with the ids in $2 and one row for each other team that has one of
// them. Another team's row gives its id and false, nothing else of it (every other
// column is NULL): its state, entity and times never leave the database. The last
// column is the change whose result the team's row stands for (results.go), if any.
const prefetchRecords = `SELECT id, team_id = $1,
		CASE WHEN team_id = $1 THEN entity END, CASE WHEN team_id = $1 THEN rev END,
		CASE WHEN team_id = $1 THEN seq END, CASE WHEN team_id = $1 THEN state END,
		CASE WHEN team_id = $1 THEN device_id END, CASE WHEN team_id = $1 THEN updated_at END,
		CASE WHEN team_id = $1 AND ` + rowResultCond + ` THEN rev_change_id END
	FROM records WHERE id = ANY($2::text[])`

// prefetchResults reads the team's stored results of the change ids in $2, one probe
// of the primary key (team_id, change_id) per id: the subquery's LIMIT keeps the
// planner from turning it into a join that reads the team's other results, which it
// otherwise does when the table's statistics say the team has few (runGroup).
const prefetchResults = `SELECT u.id, c.result FROM unnest($2::text[]) AS u(id)
	CROSS JOIN LATERAL (SELECT result FROM change_results WHERE team_id = $1 AND change_id = u.id LIMIT 1) AS c`

// prefetchTeam reads and locks the team's row as nextSeq does, with what TeamUsage
// reads of it and whether the team purged anything (IsPurged's first question).
const prefetchTeam = `SELECT seq, bytes_used, storage_quota, device_daily_changes,
		EXISTS (SELECT 1 FROM purged_records WHERE team_id = $1)
	FROM teams WHERE id = $1 FOR NO KEY UPDATE`

// readPrefetchedTeam keeps prefetchTeam's row (none: nextSeq asks again and says why).
func (t *teamTx) readPrefetchedTeam(row pgx.Row) error {
	var u serverstore.TeamUsage
	var seq int64
	var purged bool
	err := row.Scan(&seq, &u.BytesUsed, &u.Quota.StorageBytes, &u.Quota.DeviceDailyChanges, &purged)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("prefetch the team: %w", err)
	}
	t.seq, t.seqLoaded, t.usage, t.purgedNone = seq, true, &u, !purged
	return nil
}

// Prefetch reads, in one round trip, the stored results of changeIDs and the team's
// records with recordIDs (and which of those ids only another team has), so that
// ChangeResult and GetRecord for them need no further round trip: a push of 1000
// changes then costs a handful of round trips instead of two per change. It is
// optional (the push works the same without it); callers reach it by a type
// assertion on the serverstore.Tx. Calling it again adds to what is known.
func (t *teamTx) Prefetch(ctx context.Context, changeIDs, recordIDs []string) error {
	if t.results == nil {
		t.results = make(map[string]cachedResult, len(changeIDs))
		t.records = make(map[string]cachedRecord, len(recordIDs))
	}
	b, what := t.take()
	b.Queue(prefetchResults, t.teamID, changeIDs)
	b.Queue(prefetchRecords, t.teamID, recordIDs)
	team := !t.seqLoaded
	if team { // what nextSeq, TeamUsage and IsPurged ask: one row, the same lock
		b.Queue(prefetchTeam, t.teamID)
	}
	br := t.tx.SendBatch(ctx, b)
	err := t.readPrefetch(br, what, changeIDs, recordIDs)
	if err == nil && team {
		err = t.readPrefetchedTeam(br.QueryRow())
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return err
}

func (t *teamTx) readPrefetch(br pgx.BatchResults, what []string, changeIDs, recordIDs []string) error {
	if err := execQueued(br, what); err != nil {
		return err
	}
	results := make(map[string]cachedResult, len(changeIDs))
	rows, _ := br.Query()
	for rows.Next() {
		var id string
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			rows.Close()
			return err
		}
		results[id] = cachedResult{raw: raw, found: true}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("prefetch change results: %w", err)
	}
	records := make(map[string]cachedRecord, len(recordIDs))
	others := map[string]bool{}
	rows, _ = br.Query()
	for rows.Next() {
		r, mine, resultOf, err := scanPrefetched(rows, t.teamID)
		if err != nil {
			rows.Close()
			return err
		}
		if mine {
			records[r.ID] = cachedRecord{rec: r, found: true}
			if _, stored := results[resultOf]; resultOf != "" && !stored { // the row stands for it (results.go)
				if raw := serverstore.AppliedResult(resultOf, r.Rev); raw != nil {
					results[resultOf] = cachedResult{raw: raw, found: true}
				}
			}
		} else {
			others[r.ID] = true
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("prefetch records: %w", err)
	}
	for _, id := range changeIDs {
		t.results[id] = results[id] // the zero value: not found
	}
	for _, id := range recordIDs {
		c, ok := records[id]
		if !ok {
			c = cachedRecord{other: others[id]}
			t.fresh.MarkAbsent(id)
		}
		t.records[id] = c
	}
	return nil
}

// scanPrefetched reads a row of prefetchRecords: the team's record (mine) and the
// change whose result its row stands for (resultOf, "" if none), or only the id of
// another team's.
func scanPrefetched(row pgx.Row, teamID string) (r serverstore.Record, mine bool, resultOf string, err error) {
	var (
		entity, dev, change *string
		rev, seq            *int64
		state               []byte
		updated             *time.Time
	)
	if err := row.Scan(&r.ID, &mine, &entity, &rev, &seq, &state, &dev, &updated, &change); err != nil {
		return r, false, "", err
	}
	if !mine {
		return serverstore.Record{ID: r.ID}, false, "", nil
	}
	if entity == nil || rev == nil || seq == nil || dev == nil || updated == nil {
		return r, false, "", fmt.Errorf("prefetch records: record %q has a NULL column", r.ID)
	}
	r = serverstore.Record{TeamID: teamID, Entity: *entity, ID: r.ID, Rev: *rev, Seq: *seq,
		State: json.RawMessage(state), DeviceID: *dev, UpdatedAt: updated.UTC()}
	if change != nil {
		resultOf = *change
	}
	return r, true, resultOf, nil
}
