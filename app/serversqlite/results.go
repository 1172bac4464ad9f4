package serversqlite

import (
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/hin-south-london/involve/app/serverstore"
)

// A new record's change result kept by its row (migration 0012; docs/decisions.md): a
// push that creates a record, and whose change applied as sent, stores its result
// (serverstore.AppliedResult: the change id and the revision) in no change_results
// row; the record's row stands for it (rev_result = 1, with rev_change_id naming the
// change and rev its revision), as it stands for the revision (shared.go). Until the
// row moves on:
//   - ChangeResult finds it through the change's record, Prefetch through the records
//     it reads;
//   - before flush replaces the row, erasure clears its rev_change_id (EraseHistory) or
//     a purge deletes it, the result is written into change_results (keepRowResults)
//     as flush would have written it, with the row's device and update time, so that
//     everything that reads, erases, purges or rewrites change results sees what it
//     saw when every result had its row.
// The storage count (quota.go) is unchanged: the result counts as if written.

// rowResultCond says that a record's row stands for its change's result.
const rowResultCond = "rev_result = 1 AND " + rowRevision

// rowResult returns the result of changeID if the team's record recordID's row stands
// for it.
func (t *teamTx) rowResult(changeID, recordID string) (json.RawMessage, bool, error) {
	if !serverstore.RowMayKeep(changeID, recordID) {
		return nil, false, nil
	}
	row, err := t.queryRow("SELECT rev FROM records WHERE id = ? AND team_id = ? AND rev_change_id = ? AND "+rowResultCond,
		recordID, t.teamID, changeID)
	if err != nil {
		return nil, false, err
	}
	var rev int64
	if err := row.Scan(&rev); errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	} else if err != nil {
		return nil, false, err
	}
	res := serverstore.AppliedResult(changeID, rev)
	return res, res != nil, nil
}

// keptByRow is serverstore.KeptByRow of the results flush is about to write.
func (t *teamTx) keptByRow(changeOf map[string]string) map[string]bool {
	return serverstore.KeptByRow(changeOf, t.recs, func(change string) (string, []byte, bool) {
		i, ok := t.results[change]
		if !ok {
			return "", nil, false
		}
		return t.resRows[i].deviceID, t.resRows[i].result, true
	})
}

// keepRowResultsSQL writes down the results that the team's (?1) rows of the records
// listed (?2, a JSON array of ids) stand for, before the rows stop standing for them.
// The result's bytes are serverstore.AppliedResult's (a change id of plain characters
// needs no escaping); one already written is left as it is.
var keepRowResultsSQL = `INSERT INTO change_results(team_id, change_id, device_id, result, created_at)
	SELECT team_id, rev_change_id, device_id, ` + serverstore.AppliedResultSQL("rev_change_id", "rev") + `, updated_at
	FROM records WHERE team_id = ?1 AND id IN (SELECT value FROM json_each(?2)) AND ` + rowResultCond + `
	ORDER BY rev_change_id
	ON CONFLICT(team_id, change_id) DO NOTHING`
