package serverpostgres

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/jackc/pgx/v5"
)

// A new record's change result kept by its row (migration 0012; as the SQLite store's
// results.go, docs/decisions.md): a push that creates a record, and whose change
// applied as sent, stores its result (serverstore.AppliedResult: the change id and the
// revision) in no change_results row; the record's row stands for it (rev_result true,
// with rev_change_id naming the change and rev its revision), as it stands for the
// revision (shared.go). Until the row moves on:
//   - ChangeResult finds it through the change's record, Prefetch through the records
//     it reads;
//   - before queueRows replaces the row, erasure clears its rev_change_id
//     (EraseHistory) or a purge deletes it, the result is written into change_results
//     (keepRowResults) as queueRows would have written it, with the row's device and
//     update time, so that everything that reads, erases, purges or rewrites change
//     results sees what it saw when every result had its row.
// The storage count (quota.go) is unchanged: the result counts as if written.

// rowResultCond says that a record's row stands for its change's result.
const rowResultCond = "rev_result AND " + rowRevision

// changeResult reads the team's stored result of $2, or, when there is none, the
// revision of the team's record $3 whose row stands for the result of $2 (the stored
// one first, should both be there).
const changeResult = `SELECT result, NULL::bigint FROM change_results WHERE team_id = $1 AND change_id = $2
	UNION ALL
	SELECT NULL, rev FROM records WHERE id = $3 AND team_id = $1 AND rev_change_id = $2 AND ` + rowResultCond + `
	ORDER BY 2 NULLS FIRST LIMIT 1`

// storedResult reads the team's stored result of $2.
const storedResult = "SELECT result, NULL::bigint FROM change_results WHERE team_id = $1 AND change_id = $2"

func (t *teamTx) ChangeResult(ctx context.Context, changeID, recordID string) (json.RawMessage, bool, error) {
	if i, ok := t.res[changeID]; ok {
		return json.RawMessage(t.resRows[i].result), true, nil
	}
	if c, ok := t.results[changeID]; ok {
		return json.RawMessage(c.raw), c.found, nil
	}
	var res []byte
	var rev *int64
	scan := func(row pgx.Row) error { return row.Scan(&res, &rev) }
	var err error
	if !serverstore.RowMayKeep(changeID, recordID) { // no row can stand for it
		err = t.queryRow(ctx, scan, storedResult, t.teamID, changeID)
	} else {
		err = t.queryRow(ctx, scan, changeResult, t.teamID, changeID, recordID)
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	} else if err != nil {
		return nil, false, err
	}
	if rev != nil { // the record's row stands for it
		res = serverstore.AppliedResult(changeID, *rev)
		return json.RawMessage(res), res != nil, nil
	}
	return json.RawMessage(res), true, nil
}

// keptByRow is serverstore.KeptByRow of the results queueRows is about to write.
func (t *teamTx) keptByRow(changeOf map[string]string) map[string]bool {
	return serverstore.KeptByRow(changeOf, t.recs, func(change string) (string, []byte, bool) {
		i, ok := t.res[change]
		if !ok {
			return "", nil, false
		}
		return t.resRows[i].deviceID, t.resRows[i].result, true
	})
}

// keepRowResults queues the writing down of the results that the team's rows of the
// records ids stand for, before the rows stop standing for them. The result's bytes
// are serverstore.AppliedResult's (a change id of plain characters needs no escaping,
// and json keeps the text as it is); one already written is left as it is.
func (t *teamTx) keepRowResults(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return t.write(ctx, "keep the change results records stand for", keepRowResultsSQL, t.teamID, ids)
}

// keepRowResultsSQL is keepRowResults' statement ($1 the team, $2 the records' ids,
// each read by key: eachRecord); PurgeRecords runs it too.
var keepRowResultsSQL = `INSERT INTO change_results(team_id, change_id, device_id, result, created_at)
	SELECT r.team_id, r.rev_change_id, r.device_id, (` + serverstore.AppliedResultSQL("r.rev_change_id", "r.rev") + `)::json, r.updated_at
	FROM ` + eachRecord + ` (SELECT * FROM records WHERE id = u.id AND team_id = $1 AND ` + rowResultCond + ` LIMIT 1) AS r
	ORDER BY r.rev_change_id
	ON CONFLICT (team_id, change_id) DO NOTHING`
