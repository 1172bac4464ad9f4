package serverpostgres

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
	"github.com/jackc/pgx/v5"
)

// maxQueued is how many writes a teamTx holds back before sending them anyway.
const maxQueued = 256

// JSON parameters are passed as strings with an explicit ::json cast, so that they
// reach the json columns unchanged whatever pgx's query mode (the URL may set
// default_query_exec_mode=exec for PgBouncer, where a []byte would be sent as bytea).

// teamTx is a push's transaction. Records, revisions and change results are kept in
// memory (the transaction's reads look at them first) and written at the end, one
// multi-row INSERT per table; other writes that return nothing (the team's counter,
// Audit) are queued and sent to PostgreSQL in one round trip together with the next
// read (pgx's batch, a pipeline), or at the end. Every read sends the queue first, so it
// sees every earlier write of the transaction. An error of a queued write is returned
// by the call that sent it (a later call, or InTeamTx itself); PostgreSQL aborts the
// transaction on any error, so nothing after it could have succeeded anyway.
type teamTx struct {
	s      *Store
	tx     pgx.Tx
	teamID string

	seq       int64 // the team's last sequence number, once seqLoaded
	seqLoaded bool
	seqDirty  bool // seq advanced and not yet written back

	queue pgx.Batch
	what  []string // what each queued write is, for its error message

	// Records, revisions and change results are kept here (the transaction's reads
	// look at them first) and written at the end in one multi-row INSERT per table
	// (unnest of arrays): a push of 1000 changes sends three INSERT statements instead
	// of 3000, which is most of what PostgreSQL spent on a push.
	recs     map[string]*serverstore.Record // latest state by record id
	recOrder []string
	revs     []serverstore.Revision
	res      map[string]int // change id -> index in resRows
	resRows  []pendingResult

	// Filled by Prefetch (nil until then): what the transaction knows of change results
	// and records without asking again. Only InTeamTx writes them, and it holds the
	// team's lock, so they stay true until commit; the transaction's own writes update
	// them.
	results map[string]cachedResult
	records map[string]cachedRecord

	// Audit entries, chained and written at the end (chainAudits).
	audits []serverstore.AuditEntry

	purgedNone bool // the team has no purged record (purge.go: IsPurged asks once)

	// usage: the team's row as Prefetch read it (and locked it, with seq), for TeamUsage
	// (quota.go); nil until then and after any write of bytes_used.
	usage *serverstore.TeamUsage

	// savepoint: the push runs inside a savepoint of its group (group.go): SAVEPOINT
	// is queued first and goes with the push's first round trip, RELEASE with its last
	// (finish). sent: a queue has been sent, so the savepoint exists.
	savepoint, sent bool

	// Which records the transaction puts are new to the store, for a new record's row
	// standing for its first revision (shared.go).
	fresh serverstore.Fresh
}

type pendingResult struct {
	deviceID, changeID string
	result             []byte
}

type cachedResult struct {
	raw   []byte
	found bool
}

type cachedRecord struct {
	rec   serverstore.Record
	found bool
	other bool // not found, and another team has a record with this id
}

// checkTeam refuses a write for another team than the transaction's.
func (t *teamTx) checkTeam(teamID string) error {
	if teamID != t.teamID {
		return fmt.Errorf("team %q written inside a transaction of team %q", teamID, t.teamID)
	}
	return nil
}

// write queues a statement that returns no rows.
func (t *teamTx) write(ctx context.Context, what, sql string, args ...any) error {
	t.queue.Queue(sql, args...)
	t.what = append(t.what, what)
	if t.queue.Len() >= maxQueued {
		return t.flush(ctx)
	}
	return nil
}

// take hands over the queued writes and empties the queue.
func (t *teamTx) take() (*pgx.Batch, []string) {
	b, what := t.queue, t.what
	t.queue, t.what = pgx.Batch{}, nil
	t.sent = true
	return &b, what
}

// flush sends the queued writes.
func (t *teamTx) flush(ctx context.Context) error {
	if t.queue.Len() == 0 {
		return nil
	}
	b, what := t.take()
	br := t.tx.SendBatch(ctx, b)
	err := execQueued(br, what)
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return err
}

func execQueued(br pgx.BatchResults, what []string) error {
	for _, w := range what {
		if _, err := br.Exec(); err != nil {
			return fmt.Errorf("%s: %w", w, err)
		}
	}
	return nil
}

// queryRow runs a query that returns at most one row, after the queued writes (in the
// same round trip), and hands the row to scan.
func (t *teamTx) queryRow(ctx context.Context, scan func(pgx.Row) error, sql string, args ...any) error {
	if t.queue.Len() == 0 {
		return scan(t.tx.QueryRow(ctx, sql, args...))
	}
	b, what := t.take()
	b.Queue(sql, args...)
	br := t.tx.SendBatch(ctx, b)
	if err := execQueued(br, what); err != nil {
		br.Close()
		return err
	}
	err := scan(br.QueryRow())
	if cerr := br.Close(); cerr != nil {
		return cerr
	}
	return err
}

// finish writes the records, revisions and change results kept, the team's bytes
// used (quota.go) and counter, and sends what is still queued.
func (t *teamTx) finish(ctx context.Context) error {
	added, err := t.PendingBytes(ctx) // before queueRows hands the rows over
	if err != nil {
		return err
	}
	if err := t.queueRows(ctx); err != nil {
		return err
	}
	if err := t.saveTeamRow(ctx, added); err != nil { // quota.go
		return err
	}
	if err := t.chainAudits(ctx); err != nil {
		return err
	}
	if t.savepoint {
		if err := t.write(ctx, "release the push's savepoint", "RELEASE push"); err != nil {
			return err
		}
	}
	return t.flush(ctx)
}

// queueRows queues one INSERT per table for the rows kept (in the order they were
// put: revisions' pk order is their arrival order, which GetRevision relies on).
func (t *teamTx) queueRows(ctx context.Context) error {
	stored := t.fresh.Stored(t.recOrder)                    // records that have a row already; the others are new
	if err := t.keepRowRevisions(ctx, stored); err != nil { // shared.go: before the rows are replaced
		return err
	}
	skip, changeOf := t.fresh.RowRevisions(t.revs, t.recs) // while t.recs still holds the records
	kept := t.keptByRow(changeOf)                          // results.go
	if len(t.recOrder) > 0 {
		has := make(map[string]bool, len(stored))
		for _, id := range stored {
			has[id] = true
		}
		var added, replaced []string
		for _, id := range t.recOrder {
			if has[id] {
				replaced = append(replaced, id)
			} else {
				added = append(added, id)
			}
		}
		if err := t.queueRecords(ctx, added, changeOf, kept, ""); err != nil {
			return err
		}
		if err := t.queueRecords(ctx, replaced, changeOf, kept, `ON CONFLICT (team_id, id) DO UPDATE SET entity = excluded.entity,
			rev = excluded.rev, seq = excluded.seq, state = excluded.state, device_id = excluded.device_id,
			updated_at = excluded.updated_at, rev_change_id = excluded.rev_change_id, rev_result = excluded.rev_result`); err != nil {
			return err
		}
		t.recs, t.recOrder = map[string]*serverstore.Record{}, nil
	}
	written := t.revs[:0:0]
	for i := range t.revs {
		if !skip[i] {
			written = append(written, t.revs[i])
		}
	}
	if n := len(written); n > 0 {
		ids, entities, states, devices, changes := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		revs := make([]int64, n)
		created := make([]time.Time, n)
		for i, r := range written {
			ids[i], entities[i], states[i], devices[i], changes[i] = r.RecordID, r.Entity, string(r.State), r.DeviceID, r.ChangeID
			revs[i], created[i] = r.Rev, r.CreatedAt.UTC()
		}
		if err := t.write(ctx, fmt.Sprintf("store %d revisions", n),
			`INSERT INTO revisions(team_id, record_id, entity, rev, state, device_id, change_id, created_at)
			SELECT $1, u.record_id, u.entity, u.rev, u.state::json, u.device_id, u.change_id, u.created_at
			FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
				WITH ORDINALITY AS u(record_id, entity, rev, state, device_id, change_id, created_at, i)
			ORDER BY u.i`,
			t.teamID, ids, entities, revs, states, devices, changes, created); err != nil {
			return err
		}
	}
	t.revs = nil
	n := len(t.resRows) - len(kept)
	ids, devices, results := make([]string, 0, n), make([]string, 0, n), make([]string, 0, n)
	for _, r := range t.resRows {
		if !kept[r.changeID] { // (else the record's row stands for it: results.go)
			ids, devices, results = append(ids, r.changeID), append(devices, r.deviceID), append(results, string(r.result))
		}
	}
	if n := len(ids); n > 0 {
		if err := t.write(ctx, fmt.Sprintf("save %d change results", n),
			`INSERT INTO change_results(team_id, change_id, device_id, result, created_at)
			SELECT $1, u.change_id, u.device_id, u.result::json, $5
			FROM unnest($2::text[], $3::text[], $4::text[]) AS u(change_id, device_id, result)`,
			t.teamID, ids, devices, results, t.s.Now().UTC()); err != nil {
			return err
		}
	}
	t.res, t.resRows = map[string]int{}, nil
	return nil
}

// queueRecords queues one INSERT of the records with ids, then onConflict. Records new
// to the store (the team had none with the id when the transaction looked, and it holds
// the team's lock) are inserted with no ON CONFLICT clause: PostgreSQL then neither
// probes the key before each row nor writes the speculative insertion's second WAL
// record, and a row that is there after all is refused by the key (the push fails),
// never overwritten.
func (t *teamTx) queueRecords(ctx context.Context, ids []string, changeOf map[string]string, kept map[string]bool, onConflict string) error {
	n := len(ids)
	if n == 0 {
		return nil
	}
	entities, states, devices := make([]string, n), make([]string, n), make([]string, n)
	revs, seqs := make([]int64, n), make([]int64, n)
	updated := make([]time.Time, n)
	changes := make([]*string, n) // nil: the row stands for no revision (shared.go)
	results := make([]*bool, n)   // nil: nor for its change's result (results.go)
	yes := true
	for i, id := range ids {
		r := t.recs[id]
		entities[i], states[i], devices[i] = r.Entity, string(r.State), r.DeviceID
		revs[i], seqs[i], updated[i] = r.Rev, r.Seq, r.UpdatedAt.UTC()
		if c, ok := changeOf[id]; ok {
			changes[i] = &c
			if kept[c] {
				results[i] = &yes
			}
		}
	}
	return t.write(ctx, fmt.Sprintf("store %d records", n),
		`INSERT INTO records(team_id, id, entity, rev, seq, state, device_id, updated_at, rev_change_id, rev_result)
		SELECT $1, u.id, u.entity, u.rev, u.seq, u.state::json, u.device_id, u.updated_at, u.rev_change_id, u.rev_result
		FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::boolean[])
			AS u(id, entity, rev, seq, state, device_id, updated_at, rev_change_id, rev_result) `+onConflict,
		t.teamID, ids, entities, revs, seqs, states, devices, updated, changes, results)
}

func (t *teamTx) SaveChangeResult(ctx context.Context, teamID, deviceID, changeID string, result json.RawMessage) error {
	if err := t.checkTeam(teamID); err != nil {
		return err
	}
	// (The same change id twice is refused by the primary key when the rows are sent.)
	t.res[changeID] = len(t.resRows)
	t.resRows = append(t.resRows, pendingResult{deviceID: deviceID, changeID: changeID, result: bytes.Clone(result)})
	return nil
}

const recordColumns = "team_id, entity, id, rev, seq, state, device_id, updated_at"

func scanRecord(row sqldb.Row) (serverstore.Record, error) {
	var r serverstore.Record
	var state []byte
	if err := row.Scan(&r.TeamID, &r.Entity, &r.ID, &r.Rev, &r.Seq, &state, &r.DeviceID, &r.UpdatedAt); err != nil {
		return r, err
	}
	r.State = json.RawMessage(state)
	r.UpdatedAt = r.UpdatedAt.UTC()
	return r, nil
}

// getRecord asks in one statement for the team's record and, only when the team has
// none, whether another team has one with that id (reading nothing of it).
const getRecord = `SELECT r.team_id, r.entity, r.id, r.rev, r.seq, r.state, r.device_id, r.updated_at,
		CASE WHEN r.id IS NULL THEN EXISTS (SELECT 1 FROM records o WHERE o.id = $2 AND o.team_id <> $1) ELSE false END
	FROM (SELECT 1) AS one LEFT JOIN records r ON r.team_id = $1 AND r.id = $2`

func (t *teamTx) GetRecord(ctx context.Context, teamID, id string) (serverstore.Record, bool, error) {
	if err := t.checkTeam(teamID); err != nil {
		return serverstore.Record{}, false, err
	}
	if r, ok := t.recs[id]; ok {
		return *r, true, nil
	}
	if c, ok := t.records[id]; ok {
		if c.other {
			return serverstore.Record{}, false, serverstore.ErrOtherTeam
		}
		return c.rec, c.found, nil
	}
	var (
		r                       serverstore.Record
		rTeam, entity, rid, dev *string
		rev, seq                *int64
		state                   []byte
		updated                 *time.Time
		other                   bool
	)
	err := t.queryRow(ctx, func(row pgx.Row) error {
		return row.Scan(&rTeam, &entity, &rid, &rev, &seq, &state, &dev, &updated, &other)
	}, getRecord, teamID, id)
	if err != nil {
		return r, false, err
	}
	if rid == nil {
		t.fresh.MarkAbsent(id)
		if other {
			return r, false, serverstore.ErrOtherTeam
		}
		return r, false, nil
	}
	r = serverstore.Record{TeamID: *rTeam, Entity: *entity, ID: *rid, Rev: *rev, Seq: *seq,
		State: json.RawMessage(state), DeviceID: *dev, UpdatedAt: updated.UTC()}
	return r, true, nil
}

func (t *teamTx) GetRevision(ctx context.Context, teamID, recordID string, rev int64) (serverstore.Revision, bool, error) {
	if err := t.checkTeam(teamID); err != nil {
		return serverstore.Revision{}, false, err
	}
	var r serverstore.Revision
	var state []byte
	err := t.queryRow(ctx, func(row pgx.Row) error {
		return row.Scan(&r.TeamID, &r.Entity, &r.RecordID, &r.Rev, &state, &r.DeviceID, &r.ChangeID, &r.CreatedAt)
	}, `SELECT team_id, entity, record_id, rev, state, device_id, change_id, created_at FROM (
			SELECT 0 AS o, pk, team_id, entity, record_id, rev, state, device_id, change_id, created_at FROM revisions
			WHERE team_id = $1 AND record_id = $2 AND rev = $3
			UNION ALL -- the revision the record's row stands for (shared.go), after every stored one
			SELECT 1, 0, team_id, entity, id, rev, state, device_id, rev_change_id, updated_at FROM records
			WHERE id = $2 AND team_id = $1 AND rev = $3 AND `+rowRevision+`
		) AS v ORDER BY o, pk LIMIT 1`, teamID, recordID, rev)
	if errors.Is(err, pgx.ErrNoRows) {
		// Not stored yet: perhaps earlier in this transaction.
		for _, p := range t.revs {
			if p.RecordID == recordID && p.Rev == rev {
				p.CreatedAt = p.CreatedAt.UTC().Truncate(time.Microsecond) // what PostgreSQL keeps
				return p, true, nil
			}
		}
		return serverstore.Revision{}, false, nil
	} else if err != nil {
		return serverstore.Revision{}, false, err
	}
	r.State = json.RawMessage(state)
	r.CreatedAt = r.CreatedAt.UTC()
	return r, true, nil
}

// nextSeq returns the team's next sequence number. The first call reads the counter
// and locks the team's row until commit (a second guard beside the advisory lock);
// the new value is written back once, at the end of the transaction.
func (t *teamTx) nextSeq(ctx context.Context) (int64, error) {
	if !t.seqLoaded {
		err := t.queryRow(ctx, func(row pgx.Row) error { return row.Scan(&t.seq) },
			"SELECT seq FROM teams WHERE id = $1 FOR NO KEY UPDATE", t.teamID)
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, fmt.Errorf("put record: team %q: %w", t.teamID, serverstore.ErrNotFound)
		} else if err != nil {
			return 0, err
		}
		t.seqLoaded = true
	}
	t.seq++
	t.seqDirty = true
	return t.seq, nil
}

func (t *teamTx) PutRecord(ctx context.Context, r *serverstore.Record) error {
	if err := t.checkTeam(r.TeamID); err != nil {
		return err
	}
	seq, err := t.nextSeq(ctx)
	if err != nil {
		return err
	}
	r.Seq = seq
	c := *r
	c.State = bytes.Clone(r.State)
	c.UpdatedAt = r.UpdatedAt.UTC().Truncate(time.Microsecond) // what PostgreSQL keeps
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
	r.State = bytes.Clone(r.State)
	t.revs = append(t.revs, r)
	return nil
}

func (t *teamTx) Audit(ctx context.Context, e serverstore.AuditEntry) error {
	t.audits = append(t.audits, e)
	return nil
}
