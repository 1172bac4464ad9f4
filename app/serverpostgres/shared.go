package serverpostgres

import "context"

// A new record's first state is stored once (migration 0010; as the SQLite store's
// shared.go, docs/decisions.md): the revision a push adds with the state of a record
// it creates is not written to revisions; the record's row stands for it
// (records.rev_change_id names its change, and the row's team, id, entity, rev, state,
// device and update time are the revision's) for as long as the record is at it.
// That stays true because:
//   - before queueRows replaces a stored record, the revision its row stands for is
//     copied into revisions (keepRowRevisions, queued first), and the new row stands
//     for one only when its record is new (fresh);
//   - erasure's EraseHistory clears rev_change_id with the record's other revisions,
//     and DeleteRecords and purges delete the row;
//   - the team key's rewrite rewrites the row's state, which is the revision's.
//
// Every reader of revisions reads the row's revision after the stored ones: it is the
// latest. The storage count (quota.go) is unchanged: the state counts for the record
// and for the revision, as when it was written twice.

// rowRevision is the revision a record's row stands for, by its columns.
const rowRevision = "rev_change_id IS NOT NULL"

// keepRowRevisions queues, before the records are written, the copying into revisions
// of the revisions that the rows of the stored records about to be replaced stand for,
// and into change_results of the results they stand for (results.go).
// Records the transaction created have no row yet: ids are the others (Fresh.Stored).
func (t *teamTx) keepRowRevisions(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if err := t.keepRowResults(ctx, ids); err != nil { // results.go
		return err
	}
	return t.write(ctx, "keep the revisions records stand for", keepRowRevisionsSQL, t.teamID, ids)
}

// keepRowRevisionsSQL copies the revisions that the team's ($1) rows of the records
// listed ($2) stand for into revisions, in id order.
const keepRowRevisionsSQL = `INSERT INTO revisions(team_id, record_id, entity, rev, state, device_id, change_id, created_at)
	SELECT r.team_id, r.id, r.entity, r.rev, r.state, r.device_id, r.rev_change_id, r.updated_at
	FROM ` + eachRecord + ` (SELECT * FROM records WHERE id = u.id AND team_id = $1 AND ` + rowRevision + ` LIMIT 1) AS r
	ORDER BY r.id`

// eachRecord, followed by a subquery of records by u.id, reads the team's rows of the
// records listed in $2 (each once) one probe of the key (id, team_id) each, whatever
// the statistics say: as "team_id = $1 AND id = ANY($2)", the planner may read the
// team's whole range of records_team_seq with the ids as a filter (while a table's
// statistics trail it, and always in the custom plans of a team's first pushes), and
// the subquery's LIMIT keeps it from turning this into such a join (as prefetchResults).
const eachRecord = `(SELECT DISTINCT id FROM unnest($2::text[]) AS i(id)) AS u CROSS JOIN LATERAL`
