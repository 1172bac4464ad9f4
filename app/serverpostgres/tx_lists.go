package serverpostgres

import (
	"context"
	"encoding/json"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// EntityRecords returns the team's records of one entity as the transaction sees them:
// the stored rows (byEntity: records_after.go), after the queued writes, with the
// records this transaction keeps in memory over them, by id.
func (t *teamTx) EntityRecords(ctx context.Context, teamID, entity string) ([]serverstore.Record, error) {
	if err := t.checkTeam(teamID); err != nil {
		return nil, err
	}
	if err := t.flush(ctx); err != nil {
		return nil, err
	}
	rows, err := t.tx.Query(ctx, entityRecordsSQL(entity), teamID, entity)
	stored, err := sqldb.CollectQuery(rows, err, []serverstore.Record(nil), scanRecord)
	if err != nil {
		return nil, err
	}
	return serverstore.OverlayRecords(stored, t.recs, entity), nil
}

// RevisionStates returns the states of a record's revisions (index revisions_record),
// then that of the revision the record's row stands for (shared.go), then those this
// transaction keeps in memory, in the order they were added.
func (t *teamTx) RevisionStates(ctx context.Context, teamID, recordID string) ([]json.RawMessage, error) {
	if err := t.checkTeam(teamID); err != nil {
		return nil, err
	}
	if err := t.flush(ctx); err != nil {
		return nil, err
	}
	rows, err := t.tx.Query(ctx, `SELECT state FROM (
			SELECT 0 AS o, pk, state FROM revisions WHERE team_id = $1 AND record_id = $2
			UNION ALL SELECT 1, 0, state FROM records WHERE id = $2 AND team_id = $1 AND `+rowRevision+`
		) AS v ORDER BY o, pk`, teamID, recordID)
	out, err := sqldb.CollectQuery(rows, err, []json.RawMessage(nil), func(row sqldb.Row) (json.RawMessage, error) {
		var s []byte
		err := row.Scan(&s)
		return json.RawMessage(s), err
	})
	if err != nil {
		return nil, err
	}
	for _, r := range t.revs {
		if r.RecordID == recordID {
			out = append(out, r.State)
		}
	}
	return out, nil
}
