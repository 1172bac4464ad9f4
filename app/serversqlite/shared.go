package serversqlite

import (
	"encoding/json"

	"github.com/hin-south-london/involve/app/serverstore"
)

// A new record's first state is stored once (migration 0010; docs/decisions.md): the
// revision a push adds with the state of a record it creates is not written to
// revisions; the record's row stands for it (records.rev_change_id names its change,
// and the row's team, id, entity, rev, state, device and update time are the
// revision's) for as long as the record is at it. That stays true because:
//   - before flush replaces a stored record, the revision its row stands for is copied
//     into revisions (keepRowRevisions), and the new row stands for one only when its
//     record is new (fresh);
//   - erasure's EraseHistory clears rev_change_id with the record's other revisions,
//     and DeleteRecords and purges delete the row;
//   - the team key's rewrite rewrites the row's state, which is the revision's.
//
// Every reader of revisions (GetRevision, RevisionStates, the erasure's and purge's
// counts, the rewrite's list of change ids) reads the row's revision after the stored
// ones: it is the latest. The storage count (quota.go) is unchanged: the state counts
// for the record and for the revision, as when it was written twice.

// rowRevision is the revision a record's row stands for, by its columns.
const rowRevision = "rev_change_id IS NOT NULL"

// keepRowRevisions copies into revisions the revisions that the rows of the stored
// records flush is about to replace stand for, and into change_results the results
// they stand for (results.go). Records the transaction created have no row yet.
func (t *teamTx) keepRowRevisions() error {
	ids := t.fresh.Stored(t.recOrder)
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	if err := t.exec(keepRowResultsSQL, t.teamID, string(list)); err != nil { // results.go
		return err
	}
	return t.exec(`INSERT INTO revisions(team_id, record_id, entity, rev, state, device_id, change_id, created_at)
		SELECT team_id, id, entity, rev, state, device_id, rev_change_id, updated_at FROM records
		WHERE team_id = ? AND id IN (SELECT value FROM json_each(?)) AND `+rowRevision+` ORDER BY id`, t.teamID, string(list))
}

// rowRevision returns the revision rev of a record if the team's record's row stands
// for it.
func (t *teamTx) rowRevision(recordID string, rev int64) (serverstore.Revision, bool, error) {
	row, err := t.queryRow(`SELECT team_id, entity, id, rev, state, device_id, rev_change_id, updated_at FROM records
		WHERE id = ? AND team_id = ? AND rev = ? AND `+rowRevision, recordID, t.teamID, rev)
	if err != nil {
		return serverstore.Revision{}, false, err
	}
	return scanRevision(row)
}
