package serversqlite

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// teamTx is one push's part of a group's transaction (group.go): its statements run
// with the group's context, never the request's, and are prepared once a group.
//
// The transaction keeps the records, revisions and change results it is given in
// memory (its own reads see them) and writes them when the push is done (flush), by
// go-sqlite3's own statements, one row each (raw.go).
type teamTx struct {
	s      *Store
	tx     *sql.Tx
	ctx    context.Context // the group's (group.go): the ctx arguments of the methods are not used
	teamID string
	stmts  map[string]*sql.Stmt // the group's
	raw    *rawWriter           // the group's: the flush's inserts (raw.go)
	// The team's sequence counter, read at the first PutRecord and written back once
	// before commit (the transaction holds SQLite's write lock throughout).
	seq, seqAtStart int64
	seqLoaded       bool

	// Writes not yet sent to SQLite.
	recs     map[string]*serverstore.Record // latest state by record id
	recOrder []string
	revs     []serverstore.Revision
	results  map[string]int // change id -> index in resultRows
	resRows  []pendingResult

	// Filled by Prefetch (nil until then): stored change results and records read for
	// a whole batch at once. The transaction holds the write lock, so they stay true;
	// its own writes (above) are looked at first.
	known      map[string]json.RawMessage // change id -> stored result (nil: none)
	knownRecs  map[string]cachedRecord
	prefetched bool

	purgedNone bool // the team has no purged record (purge.go: IsPurged asks once)

	// Which records the transaction puts are new to the store, for a new record's row
	// standing for its first revision (shared.go): marked absent by Prefetch, GetRecord
	// and DeleteRecords, put by PutRecord.
	fresh serverstore.Fresh
}

type cachedRecord struct {
	rec   serverstore.Record
	found bool
	other bool // not found, and another team has a record with this id
}

type pendingResult struct {
	deviceID, changeID string
	result             json.RawMessage
}

// nextSeq returns the team's next sequence number.
func (t *teamTx) nextSeq() (int64, error) {
	if !t.seqLoaded {
		row, err := t.queryRow("SELECT seq FROM teams WHERE id = ?", t.teamID)
		if err != nil {
			return 0, err
		}
		if err := row.Scan(&t.seq); errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("put record: team %q: %w", t.teamID, serverstore.ErrNotFound)
		} else if err != nil {
			return 0, err
		}
		t.seqAtStart, t.seqLoaded = t.seq, true
	}
	t.seq++
	return t.seq, nil
}

// The flush's inserts (raw.go), one row each.
const (
	insertRecordSQL = `INSERT INTO records(team_id, id, entity, rev, seq, state, device_id, updated_at, rev_change_id, rev_result)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(team_id, id) DO UPDATE SET entity = excluded.entity, rev = excluded.rev, seq = excluded.seq,
			state = excluded.state, device_id = excluded.device_id, updated_at = excluded.updated_at,
			rev_change_id = excluded.rev_change_id, rev_result = excluded.rev_result`
	insertRevisionSQL = `INSERT INTO revisions(team_id, record_id, entity, rev, state, device_id, change_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	insertResultSQL = `INSERT INTO change_results(team_id, change_id, device_id, result, created_at) VALUES (?, ?, ?, ?, ?)`
)

// flush writes the pending records, revisions, change results, the team's bytes used
// (quota.go) and the sequence.
func (t *teamTx) flush() error {
	now := formatTime(t.s.Now())
	added, err := t.PendingBytes(t.ctx) // before the records' old states are replaced
	if err != nil {
		return err
	}
	skip, changeOf := t.fresh.RowRevisions(t.revs, t.recs) // shared.go
	kept := t.keptByRow(changeOf)                          // results.go
	// In id order: the two indexes by id then take their entries in key order (with
	// random ids, one leaf after another instead of all over the index). Nothing reads
	// the records' row order; pulls go by seq.
	slices.Sort(t.recOrder)
	if err := t.keepRowRevisions(); err != nil { // shared.go: before the rows are replaced
		return err
	}
	// By record, the order of their index (revisions_record); a record's own revisions
	// keep the order they were added (GetRevision, RevisionStates read by pk). Those the
	// records' rows stand for are not written (shared.go).
	byRecord := make([]*serverstore.Revision, 0, len(t.revs))
	for i := range t.revs {
		if !skip[i] {
			byRecord = append(byRecord, &t.revs[i])
		}
	}
	slices.SortStableFunc(byRecord, func(a, b *serverstore.Revision) int { return strings.Compare(a.RecordID, b.RecordID) })
	// By change id, the table's key (WITHOUT ROWID): one leaf after another.
	rows := slices.SortedFunc(slices.Values(t.resRows), func(a, b pendingResult) int { return strings.Compare(a.changeID, b.changeID) })
	err = t.raw.inTx(func(c driver.Conn) error { // raw.go
		for _, id := range t.recOrder {
			r := t.recs[id]
			var change, result driver.Value // NULL: the row stands for no revision (shared.go), no result (results.go)
			if ch, ok := changeOf[id]; ok {
				change = ch
				if kept[ch] {
					result = int64(1)
				}
			}
			if err := t.raw.insert(c, insertRecordSQL, r.TeamID, r.ID, r.Entity, r.Rev, r.Seq, text(r.State), r.DeviceID, formatTime(r.UpdatedAt), change, result); err != nil {
				return err
			}
		}
		for _, r := range byRecord {
			if err := t.raw.insert(c, insertRevisionSQL, r.TeamID, r.RecordID, r.Entity, r.Rev, text(r.State), r.DeviceID, r.ChangeID, formatTime(r.CreatedAt)); err != nil {
				return err
			}
		}
		for _, r := range rows {
			if kept[r.changeID] {
				continue // the record's row stands for it (results.go)
			}
			if err := t.raw.insert(c, insertResultSQL, t.teamID, r.changeID, r.deviceID, text(r.result), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := t.addBytesUsed(t.ctx, added); err != nil {
		return err
	}
	if !t.seqLoaded || t.seq == t.seqAtStart {
		return nil
	}
	_, err = t.tx.ExecContext(t.ctx, "UPDATE teams SET seq = ? WHERE id = ?", t.seq, t.teamID)
	return err
}

func (t *teamTx) stmt(q string) (*sql.Stmt, error) {
	if st, ok := t.stmts[q]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, q)
	if err != nil {
		return nil, err
	}
	t.stmts[q] = st
	return st, nil
}

func (t *teamTx) exec(q string, args ...any) error {
	st, err := t.stmt(q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(t.ctx, args...)
	return err
}

func (t *teamTx) queryRow(q string, args ...any) (*sql.Row, error) {
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryRowContext(t.ctx, args...), nil
}

// checkTeam refuses a write for another team than the transaction's.
func (t *teamTx) checkTeam(teamID string) error {
	if teamID != t.teamID {
		return fmt.Errorf("team %q written inside a transaction of team %q", teamID, t.teamID)
	}
	return nil
}

func (t *teamTx) ChangeResult(ctx context.Context, changeID, recordID string) (json.RawMessage, bool, error) {
	if i, ok := t.results[changeID]; ok {
		return t.resRows[i].result, true, nil
	}
	if raw, ok := t.known[changeID]; ok {
		return raw, raw != nil, nil
	}
	row, err := t.queryRow("SELECT result FROM change_results WHERE team_id = ? AND change_id = ?", t.teamID, changeID)
	if err != nil {
		return nil, false, err
	}
	var res string
	if err := row.Scan(&res); errors.Is(err, sql.ErrNoRows) {
		return t.rowResult(changeID, recordID) // results.go
	} else if err != nil {
		return nil, false, err
	}
	return json.RawMessage(res), true, nil
}

func (t *teamTx) SaveChangeResult(ctx context.Context, teamID, deviceID, changeID string, result json.RawMessage) error {
	if err := t.checkTeam(teamID); err != nil {
		return err
	}
	if _, ok := t.results[changeID]; ok {
		return fmt.Errorf("change result %s saved twice", changeID)
	}
	t.results[changeID] = len(t.resRows)
	t.resRows = append(t.resRows, pendingResult{deviceID: deviceID, changeID: changeID, result: append(json.RawMessage(nil), result...)})
	return nil
}

const recordColumns = "team_id, entity, id, rev, seq, state, device_id, updated_at"

func scanRecord(row sqldb.Row) (serverstore.Record, error) { return scanRecordAnd(row) }

// scanRecordAnd is scanRecord of recordColumns followed by more columns, into more.
func scanRecordAnd(row sqldb.Row, more ...any) (serverstore.Record, error) {
	var r serverstore.Record
	var state, updated string
	if err := row.Scan(append([]any{&r.TeamID, &r.Entity, &r.ID, &r.Rev, &r.Seq, &state, &r.DeviceID, &updated}, more...)...); err != nil {
		return r, err
	}
	r.State = json.RawMessage(state)
	var err error
	r.UpdatedAt, err = parseTime(updated)
	return r, err
}

func (t *teamTx) GetRecord(ctx context.Context, teamID, id string) (serverstore.Record, bool, error) {
	if err := t.checkTeam(teamID); err != nil {
		return serverstore.Record{}, false, err
	}
	if r, ok := t.recs[id]; ok {
		return *r, true, nil
	}
	if c, ok := t.knownRecs[id]; ok {
		if c.other {
			return serverstore.Record{}, false, serverstore.ErrOtherTeam
		}
		return c.rec, c.found, nil
	}
	// One probe of the id index. Ids are unique within a team; another team may hold
	// the same id (a theme) and its row only tells that the id is taken elsewhere.
	st, err := t.stmt("SELECT " + recordColumns + " FROM records WHERE id = ?")
	if err != nil {
		return serverstore.Record{}, false, err
	}
	rows, err := st.QueryContext(t.ctx, id)
	if err != nil {
		return serverstore.Record{}, false, err
	}
	defer rows.Close()
	elsewhere := false
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return serverstore.Record{}, false, err
		}
		if r.TeamID == teamID {
			return r, true, nil
		}
		elsewhere = true
	}
	if err := rows.Err(); err != nil {
		return serverstore.Record{}, false, err
	}
	t.fresh.MarkAbsent(id)
	if elsewhere {
		return serverstore.Record{}, false, serverstore.ErrOtherTeam
	}
	return serverstore.Record{}, false, nil
}

// Prefetch reads the stored results of changeIDs and the records with recordIDs in two
// statements, so that ChangeResult and GetRecord for them need no statement each (a
// push of 1000 changes makes two lookups instead of 2000). The id lists go to SQLite
// as JSON arrays (json_each). Calling it again adds to what is known.
func (t *teamTx) Prefetch(ctx context.Context, changeIDs, recordIDs []string) error {
	if t.known == nil {
		t.known = make(map[string]json.RawMessage, len(changeIDs))
		t.knownRecs = make(map[string]cachedRecord, len(recordIDs))
	}
	// The batch's writes to come, room made once (a push of 1000 changes grew each of
	// these a dozen times).
	if len(t.recs) == 0 && len(t.results) == 0 {
		t.recs = make(map[string]*serverstore.Record, len(recordIDs))
		t.results = make(map[string]int, len(changeIDs))
	}
	t.recOrder = slices.Grow(t.recOrder, len(recordIDs))
	t.revs = slices.Grow(t.revs, len(changeIDs))
	t.resRows = slices.Grow(t.resRows, len(changeIDs))
	if len(changeIDs) > 0 {
		list, err := json.Marshal(changeIDs)
		if err != nil {
			return err
		}
		st, err := t.stmt("SELECT change_id, result FROM change_results WHERE team_id = ? AND change_id IN (SELECT value FROM json_each(?))")
		if err != nil {
			return err
		}
		rows, err := st.QueryContext(t.ctx, t.teamID, string(list))
		if err != nil {
			return err
		}
		found := map[string]json.RawMessage{}
		for rows.Next() {
			var id, res string
			if err := rows.Scan(&id, &res); err != nil {
				rows.Close()
				return err
			}
			found[id] = json.RawMessage(res)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("prefetch change results: %w", err)
		}
		for _, id := range changeIDs {
			t.known[id] = found[id] // nil: not handled before
		}
	}
	if len(recordIDs) > 0 {
		list, err := json.Marshal(recordIDs)
		if err != nil {
			return err
		}
		// Like GetRecord: every team's row with the id (another team's only tells that
		// the id is taken elsewhere).
		st, err := t.stmt("SELECT " + recordColumns + ", iif(" + rowResultCond + ", rev_change_id, '') FROM records WHERE id IN (SELECT value FROM json_each(?))")
		if err != nil {
			return err
		}
		rows, err := st.QueryContext(t.ctx, string(list))
		if err != nil {
			return err
		}
		found := map[string]cachedRecord{}
		for rows.Next() {
			var resultOf string // the change whose result the row stands for (results.go)
			r, err := scanRecordAnd(rows, &resultOf)
			if err != nil {
				rows.Close()
				return err
			}
			if r.TeamID == t.teamID {
				found[r.ID] = cachedRecord{rec: r, found: true}
				if raw, ok := t.known[resultOf]; ok && raw == nil {
					t.known[resultOf] = serverstore.AppliedResult(resultOf, r.Rev)
				}
			} else if c := found[r.ID]; !c.found {
				found[r.ID] = cachedRecord{other: true}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("prefetch records: %w", err)
		}
		for _, id := range recordIDs {
			t.knownRecs[id] = found[id]
			if !found[id].found {
				t.fresh.MarkAbsent(id)
			}
		}
	}
	return nil
}

func (t *teamTx) GetRevision(ctx context.Context, teamID, recordID string, rev int64) (serverstore.Revision, bool, error) {
	if err := t.checkTeam(teamID); err != nil {
		return serverstore.Revision{}, false, err
	}
	row, err := t.queryRow(`SELECT team_id, entity, record_id, rev, state, device_id, change_id, created_at FROM revisions
		WHERE team_id = ? AND record_id = ? AND rev = ? ORDER BY pk LIMIT 1`, teamID, recordID, rev)
	if err != nil {
		return serverstore.Revision{}, false, err
	}
	r, found, err := scanRevision(row)
	if found || err != nil {
		return r, found, err
	}
	// The revision the record's row stands for (shared.go), after every stored one.
	if r, found, err = t.rowRevision(recordID, rev); found || err != nil {
		return r, found, err
	}
	// Not stored yet: perhaps earlier in this transaction.
	for _, p := range t.revs {
		if p.RecordID == recordID && p.Rev == rev {
			return p, true, nil
		}
	}
	return r, false, nil
}

// scanRevision reads a revision's columns (team_id, entity, record_id, rev, state,
// device_id, change_id, created_at); found is false for no row.
func scanRevision(row *sql.Row) (serverstore.Revision, bool, error) {
	var r serverstore.Revision
	var state, created string
	if err := row.Scan(&r.TeamID, &r.Entity, &r.RecordID, &r.Rev, &state, &r.DeviceID, &r.ChangeID, &created); errors.Is(err, sql.ErrNoRows) {
		return serverstore.Revision{}, false, nil
	} else if err != nil {
		return r, false, err
	}
	r.State = json.RawMessage(state)
	var err error
	r.CreatedAt, err = parseTime(created)
	return r, err == nil, err
}

func (t *teamTx) PutRecord(ctx context.Context, r *serverstore.Record) error {
	if err := t.checkTeam(r.TeamID); err != nil {
		return err
	}
	seq, err := t.nextSeq()
	if err != nil {
		return err
	}
	r.Seq = seq
	c := *r
	c.State = append(json.RawMessage(nil), r.State...)
	c.UpdatedAt = r.UpdatedAt.UTC().Truncate(time.Microsecond) // what is stored (timeFormat)
	if _, ok := t.recs[r.ID]; !ok {
		t.recOrder = append(t.recOrder, r.ID)
		t.fresh.MarkPut(r.ID)
	}
	t.recs[r.ID] = &c
	return nil
}

func (t *teamTx) AddRevision(ctx context.Context, r serverstore.Revision) error {
	if err := t.checkTeam(r.TeamID); err != nil {
		return err
	}
	if p, ok := t.recs[r.RecordID]; ok && bytes.Equal(p.State, r.State) {
		r.State = p.State // the record's copy (PutRecord), kept as is: shared, not copied again
	} else {
		r.State = append(json.RawMessage(nil), r.State...)
	}
	t.revs = append(t.revs, r)
	return nil
}

func (t *teamTx) Audit(ctx context.Context, e serverstore.AuditEntry) error {
	return appendAudit(t.ctx, t.tx, e)
}

// Pull returns the team's records after the cursor since, in sequence order.
func (s *Store) Pull(ctx context.Context, teamID string, since int64, limit int) ([]serverstore.Record, error) {
	rows, err := s.reader.QueryContext(ctx, "SELECT "+recordColumns+" FROM records WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?",
		teamID, since, limit)
	return sqldb.CollectQuery(rows, err, make([]serverstore.Record, 0, min(limit, 1024)), scanRecord)
}

// PullRaw is Pull without building records: each row goes to fn as SQLite returns it.
func (s *Store) PullRaw(ctx context.Context, teamID string, since int64, limit int, fn func(seq int64, entity, id []byte, rev int64, state []byte) error) error {
	rows, err := s.reader.QueryContext(ctx, "SELECT seq, entity, id, rev, state FROM records WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?",
		teamID, since, limit)
	if err != nil {
		return err
	}
	defer rows.Close()
	var seq, rev int64
	var entity, id, state sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&seq, &entity, &id, &rev, &state); err != nil {
			return err
		}
		if err := fn(seq, entity, id, rev, state); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Records streams every record of a team, deleted ones too, in sequence order.
func (s *Store) Records(ctx context.Context, teamID string, fn func(serverstore.Record) error) error {
	rows, err := s.reader.QueryContext(ctx, "SELECT "+recordColumns+" FROM records WHERE team_id = ? ORDER BY seq", teamID)
	return sqldb.EachQuery(rows, err, scanRecord, fn)
}
