package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// The device side of sync (docs/sync-protocol.md): the connection settings, push
// batches taken from the outbox and their results, and pull pages applied each in one
// transaction together with the cursor. The HTTP side is package syncer.

// Meta keys of the sync settings.
const (
	keyServerURL     = "sync_server_url"
	keyDeviceToken   = "sync_device_token"
	keyTeamID        = "sync_team_id"
	keyTeamName      = "sync_team_name"
	keyDeviceName    = "sync_device_name"
	keyConnectedAt   = "sync_connected_at"
	keyLimits        = "sync_limits"
	keyCursor        = "sync_cursor"
	keyCursorTeam    = "sync_cursor_team" // the team the cursor and the sync bases belong to
	keyLastSyncAt    = "sync_last_sync_at"
	keyLastAttemptAt = "sync_last_attempt_at"
	keyLastError     = "sync_last_error"
	keyLastErrorCode = "sync_last_error_code"
)

// SyncSettings is this laptop's connection to a server and where its sync stands.
type SyncSettings struct {
	ServerURL   string
	DeviceToken string
	TeamID      string
	TeamName    string
	DeviceName  string
	ConnectedAt string
	Limits      syncapi.Limits
	Cursor      string // the last pull page's cursor ("" before the first pull)

	LastSyncAt    string // the last sync that finished
	LastAttemptAt string // the last sync that started
	LastError     string // why the last sync failed ("" if it did not)
	LastErrorCode string // its code (syncapi error code, or "network")
}

// Connected reports whether a server and a device token are set.
func (s SyncSettings) Connected() bool { return s.ServerURL != "" && s.DeviceToken != "" }

// SyncConnection is what enrolment gives a laptop.
type SyncConnection struct {
	ServerURL   string
	DeviceToken string
	TeamID      string
	TeamName    string
	DeviceName  string
	Limits      syncapi.Limits
}

// SyncSettings reads the sync settings.
func (db *DB) SyncSettings(ctx context.Context) (SyncSettings, error) {
	var s SyncSettings
	rows, err := db.reader.QueryContext(ctx, `SELECT key, value FROM meta WHERE key >= 'sync_' AND key < 'sync`+"\x7f"+`'`)
	if err != nil {
		return s, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return s, err
		}
		switch k {
		case keyServerURL:
			s.ServerURL = v
		case keyDeviceToken:
			s.DeviceToken = v
		case keyTeamID:
			s.TeamID = v
		case keyTeamName:
			s.TeamName = v
		case keyDeviceName:
			s.DeviceName = v
		case keyConnectedAt:
			s.ConnectedAt = v
		case keyLimits:
			_ = json.Unmarshal([]byte(v), &s.Limits)
		case keyCursor:
			s.Cursor = v
		case keyLastSyncAt:
			s.LastSyncAt = v
		case keyLastAttemptAt:
			s.LastAttemptAt = v
		case keyLastError:
			s.LastError = v
		case keyLastErrorCode:
			s.LastErrorCode = v
		}
	}
	return s, rows.Err()
}

func setMeta(ctx context.Context, tx *sql.Tx, kv ...string) error {
	for i := 0; i+1 < len(kv); i += 2 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, kv[i], kv[i+1]); err != nil {
			return err
		}
	}
	return nil
}

func deleteMeta(ctx context.Context, tx *sql.Tx, keys ...string) error {
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = ?`, k); err != nil {
			return err
		}
	}
	return nil
}

func getMeta(ctx context.Context, q queryer, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SaveSyncConnection stores a new connection (after enrolment). Connecting to the team
// the laptop synced with before carries on from its cursor; connecting to another team
// starts again from the beginning of that team's changes (the cursor and the sync
// bases of the old team mean nothing to it). Local records and the outbox are kept.
func (db *DB) SaveSyncConnection(ctx context.Context, c SyncConnection) error {
	limits, err := json.Marshal(c.Limits)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		prev, err := getMeta(ctx, tx, keyCursorTeam)
		if err != nil {
			return err
		}
		if prev != c.TeamID {
			if err := deleteMeta(ctx, tx, keyCursor, keyLastSyncAt); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM sync_base`); err != nil {
				return err
			}
		}
		if err := deleteMeta(ctx, tx, keyLastError, keyLastErrorCode); err != nil {
			return err
		}
		return setMeta(ctx, tx, keyServerURL, c.ServerURL, keyDeviceToken, c.DeviceToken, keyTeamID, c.TeamID,
			keyTeamName, c.TeamName, keyDeviceName, c.DeviceName, keyLimits, string(limits),
			keyConnectedAt, involve.FormatTime(db.Now()), keyCursorTeam, c.TeamID)
	})
}

// ForgetSyncConnection forgets the server and the device token. Every local record,
// the outbox (changes not yet sent, rejected changes) and the conflicts stay; so do the
// cursor and the sync bases, so that reconnecting to the same team carries on where
// this laptop left off.
func (db *DB) ForgetSyncConnection(ctx context.Context) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return deleteMeta(ctx, tx, keyServerURL, keyDeviceToken, keyTeamID, keyTeamName, keyDeviceName,
			keyConnectedAt, keyLimits, keyLastError, keyLastErrorCode, keyLastAttemptAt)
	})
}

// SaveSyncLimits records the limits the server advertises.
func (db *DB) SaveSyncLimits(ctx context.Context, l syncapi.Limits) error {
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, keyLimits, string(b)) })
}

// RecordSyncAttempt notes that a sync started.
func (db *DB) RecordSyncAttempt(ctx context.Context, at time.Time) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, keyLastAttemptAt, involve.FormatTime(at)) })
}

// RecordSyncResult notes how a sync ended: code "" is success (the time becomes the
// last sync and the error is cleared); otherwise code and message say why it failed.
func (db *DB) RecordSyncResult(ctx context.Context, at time.Time, code, message string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if code == "" {
			if err := deleteMeta(ctx, tx, keyLastError, keyLastErrorCode); err != nil {
				return err
			}
			return setMeta(ctx, tx, keyLastSyncAt, involve.FormatTime(at))
		}
		return setMeta(ctx, tx, keyLastError, message, keyLastErrorCode, code)
	})
}

// SyncCounts tells how many changes wait to be pushed, how many the server rejected,
// and how many conflicts are open.
func (db *DB) SyncCounts(ctx context.Context) (pending, rejected, conflicts int, err error) {
	err = db.reader.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM outbox WHERE status = 'pending'),
		(SELECT count(*) FROM outbox WHERE status = 'rejected'),
		(SELECT count(*) FROM conflicts WHERE status = 'open' AND deleted_at IS NULL)`).Scan(&pending, &rejected, &conflicts)
	return
}

// MaxOutboxSeq is the newest outbox entry's position (a sync pushes up to it).
func (db *DB) MaxOutboxSeq(ctx context.Context) (int64, error) {
	var n int64
	err := db.reader.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM outbox`).Scan(&n)
	return n, err
}

// TakePushBatch returns at most n pending outbox entries with after < seq <= upTo
// (upTo 0: no bound), oldest first, and marks them sent in the same transaction, so
// that a later edit of the same record makes a new entry instead of changing one the
// server may already have. Entries sent before whose answer never came are included:
// they go again with the same change id, which the server answers as a duplicate.
func (db *DB) TakePushBatch(ctx context.Context, after, upTo int64, n int) ([]OutboxEntry, error) {
	if n <= 0 {
		n = syncapi.DefaultMaxBatch
	}
	if upTo <= 0 {
		upTo = 1<<63 - 1
	}
	var out []OutboxEntry
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		rows, err := tx.QueryContext(ctx, `SELECT seq, change_id, entity, record_id, base_rev, rev, state, status, error
			FROM outbox WHERE status = 'pending' AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`, after, upTo, n)
		if err != nil {
			return err
		}
		for rows.Next() {
			var e OutboxEntry
			var state string
			if err := rows.Scan(&e.Seq, &e.ChangeID, &e.Entity, &e.RecordID, &e.BaseRev, &e.Rev, &state, &e.Status, &e.Error); err != nil {
				rows.Close()
				return err
			}
			e.State = json.RawMessage(state)
			out = append(out, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(out) == 0 {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND status = 'pending' AND seq > ? AND seq <= ?`,
			involve.FormatTime(db.Now()), after, out[len(out)-1].Seq)
		return err
	})
	return out, err
}

// PushTally counts push results by status.
type PushTally struct {
	Applied, Duplicate, Merged, Conflict, Rejected int
	// Unanswered entries got no result (or one this version does not know); they stay
	// in the outbox and go again next time.
	Unanswered int
}

// Add sums two tallies.
func (t *PushTally) Add(o PushTally) {
	t.Applied += o.Applied
	t.Duplicate += o.Duplicate
	t.Merged += o.Merged
	t.Conflict += o.Conflict
	t.Rejected += o.Rejected
	t.Unanswered += o.Unanswered
}

// Accepted is how many changes the server took (applied, duplicate, merged, conflict).
func (t PushTally) Accepted() int { return t.Applied + t.Duplicate + t.Merged + t.Conflict }

// ApplyPushResults records the server's answers to a push, in one transaction.
// Applied, duplicate, merged and conflict remove the entry, record the server's
// revision and state as the record's sync base and, unless a newer local change of
// the record waits, write the server's state (and revision) to the record; a newer
// change waiting is rebased on the server's answer when that can be done without
// losing anything. Rejected marks the entry rejected with the reason: it stays,
// visible, and is never sent again. An entry already handled (by another sync of this
// laptop running at the same time) is left alone.
func (db *DB) ApplyPushResults(ctx context.Context, sent []OutboxEntry, results []syncapi.Result) (PushTally, error) {
	var t PushTally
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		t = PushTally{}
		byID := make(map[string]*OutboxEntry, len(sent))
		for i := range sent {
			byID[sent[i].ChangeID] = &sent[i]
		}
		team, err := getMeta(ctx, tx, keyTeamID)
		if err != nil {
			return err
		}
		ps, err := preparePush(ctx, tx)
		if err != nil {
			return err
		}
		defer ps.close()
		answered := map[string]bool{}
		now := involve.FormatTime(db.Now())
		for _, r := range results {
			e := byID[r.ChangeID]
			if e == nil || answered[r.ChangeID] {
				continue
			}
			switch r.Status {
			case syncapi.StatusApplied, syncapi.StatusDuplicate, syncapi.StatusMerged, syncapi.StatusConflict:
				if err := db.ackChange(ctx, tx, ps, team, e, &r); err != nil {
					return fmt.Errorf("push result for %s %s: %w", e.Entity, e.RecordID, err)
				}
				switch r.Status {
				case syncapi.StatusApplied:
					t.Applied++
				case syncapi.StatusDuplicate:
					t.Duplicate++
				case syncapi.StatusMerged:
					t.Merged++
				default:
					t.Conflict++
				}
			case syncapi.StatusRejected:
				if err := rejectChange(ctx, tx, e, &r, now); err != nil {
					return err
				}
				t.Rejected++
			default:
				continue
			}
			answered[r.ChangeID] = true
		}
		t.Unanswered = len(sent) - len(answered)
		return nil
	})
	return t, err
}

// RejectUnsendable marks entries the server can never take (one change larger than
// the server accepts) as rejected, with the reason.
func (db *DB) RejectUnsendable(ctx context.Context, e OutboxEntry, reason string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return rejectChange(ctx, tx, &e, &syncapi.Result{ChangeID: e.ChangeID, Status: syncapi.StatusRejected,
			Code: syncapi.ETOOLARGE, Reason: reason}, involve.FormatTime(db.Now()))
	})
}

func rejectChange(ctx context.Context, tx *sql.Tx, e *OutboxEntry, r *syncapi.Result, now string) error {
	reason := strings.TrimSpace(r.Reason)
	if reason == "" {
		reason = "The server did not accept this change (" + r.Code + ")."
	}
	res, err := tx.ExecContext(ctx, `UPDATE outbox SET status = 'rejected', error = ?, updated_at = ?
		WHERE change_id = ? AND status = 'pending'`, reason, now, e.ChangeID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	// A later change of the record was based on the rejected one, which the server
	// never stored: base it on what the server has.
	_, err = tx.ExecContext(ctx, `UPDATE outbox SET base_rev = ? WHERE entity = ? AND record_id = ?
		AND status = 'pending' AND sent_at IS NULL AND base_rev = ?`, e.BaseRev, e.Entity, e.RecordID, e.Rev)
	return err
}

// pushStmts are the statements a push result runs for every change.
type pushStmts struct {
	del, base, pending *sql.Stmt
}

func preparePush(ctx context.Context, tx *sql.Tx) (*pushStmts, error) {
	ps := &pushStmts{}
	var err error
	if ps.del, err = tx.PrepareContext(ctx, `DELETE FROM outbox WHERE change_id = ? AND status = 'pending'`); err != nil {
		return nil, err
	}
	if ps.base, err = tx.PrepareContext(ctx, upsertBaseSQL); err != nil {
		ps.close()
		return nil, err
	}
	if ps.pending, err = tx.PrepareContext(ctx, `SELECT seq, base_rev, rev, state, sent_at IS NOT NULL FROM outbox
		WHERE entity = ? AND record_id = ? AND status = 'pending' ORDER BY seq`); err != nil {
		ps.close()
		return nil, err
	}
	return ps, nil
}

func (ps *pushStmts) close() {
	for _, s := range []*sql.Stmt{ps.del, ps.base, ps.pending} {
		if s != nil {
			s.Close()
		}
	}
}

// upsertBaseSQL records the server's state of a record unless a newer one is known.
const upsertBaseSQL = `INSERT INTO sync_base(entity, record_id, rev, state, parked) VALUES (?, ?, ?, ?, 0)
	ON CONFLICT(entity, record_id) DO UPDATE SET rev = excluded.rev, state = excluded.state, parked = 0
	WHERE excluded.rev >= sync_base.rev`

type pendingEntry struct {
	seq, baseRev, rev int64
	state             string
	sent              bool
}

func pendingEntries(ctx context.Context, st *sql.Stmt, entity, id string) ([]pendingEntry, error) {
	rows, err := st.QueryContext(ctx, entity, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pendingEntry
	for rows.Next() {
		var p pendingEntry
		if err := rows.Scan(&p.seq, &p.baseRev, &p.rev, &p.state, &p.sent); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func isObject(b json.RawMessage) bool {
	s := strings.TrimSpace(string(b))
	return len(s) > 0 && s[0] == '{'
}

// ackChange handles a change the server took.
func (db *DB) ackChange(ctx context.Context, tx *sql.Tx, ps *pushStmts, team string, e *OutboxEntry, r *syncapi.Result) error {
	res, err := ps.del.ExecContext(ctx, e.ChangeID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // handled already
	}
	rev := r.Rev
	if rev <= 0 {
		rev = e.Rev
	}
	fromServer := isObject(r.State)
	state := e.State
	if fromServer {
		state = r.State
	}
	res, err = ps.base.ExecContext(ctx, e.Entity, e.RecordID, rev, string(state))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // a newer server state is known already (pulled): nothing to write
	}
	next, err := pendingEntries(ctx, ps.pending, e.Entity, e.RecordID)
	if err != nil {
		return err
	}
	table := tables[e.Entity]
	if len(next) == 0 {
		if !fromServer {
			// applied as sent: the record is the server's; note its revision and team
			_, err := tx.ExecContext(ctx, `UPDATE `+table+` SET rev = ?, team_id = ? WHERE id = ? AND rev = ? AND (rev <> ? OR team_id <> ?)`,
				rev, team, e.RecordID, e.Rev, rev, team)
			return err
		}
		rec, meta, err := decodeRecord(e.Entity, state)
		if err != nil {
			return err
		}
		meta.ID, meta.Rev = e.RecordID, rev
		if team != "" && meta.TeamID == "" {
			meta.TeamID = team
		}
		return putRecord(ctx, tx, rec)
	}
	// A newer local change waits. Rebase the unsent one made on top of what was sent.
	for _, p := range next {
		if p.sent || p.baseRev != e.Rev {
			continue
		}
		if !fromServer {
			if rev != e.Rev {
				if _, err := tx.ExecContext(ctx, `UPDATE outbox SET base_rev = ? WHERE seq = ?`, rev, p.seq); err != nil {
					return err
				}
			}
			continue
		}
		if err := db.rebase(ctx, tx, e, state, rev, p); err != nil {
			return err
		}
	}
	return nil
}

// rebase moves a waiting local change p, made on top of the sent change e, onto the
// server's merged state (rev): fields the other device changed come in, fields changed
// here stay. If both changed the same field, p is left as it is: the server merges it
// against e's state when it arrives, and records the conflict, so nothing is lost.
func (db *DB) rebase(ctx context.Context, tx *sql.Tx, e *OutboxEntry, serverState json.RawMessage, rev int64, p pendingEntry) error {
	var base, srv, cli map[string]json.RawMessage
	if json.Unmarshal(e.State, &base) != nil || json.Unmarshal(serverState, &srv) != nil || json.Unmarshal([]byte(p.state), &cli) != nil {
		return nil
	}
	merged, conflicts := syncapi.Merge(base,
		syncapi.Side{State: srv, Rev: rev, DeviceID: "server"},
		syncapi.Side{State: cli, Rev: p.rev, DeviceID: db.DeviceID()})
	if len(conflicts) > 0 {
		return nil
	}
	newRev := db.nextRev(max(rev, p.rev))
	for _, k := range []string{"updatedAt", "deviceId"} {
		if v, ok := cli[k]; ok {
			merged[k] = v
		}
	}
	b, err := json.Marshal(merged)
	if err != nil {
		return err
	}
	rec, meta, err := decodeRecord(e.Entity, b)
	if err != nil {
		return err
	}
	meta.ID, meta.Rev = e.RecordID, newRev
	if err := putRecord(ctx, tx, rec); err != nil {
		return err
	}
	st, err := marshalState(rec)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE outbox SET base_rev = ?, rev = ?, state = ? WHERE seq = ?`, rev, newRev, st, p.seq)
	return err
}

// PullTally counts what a pull page did.
type PullTally struct {
	Received int // changes in the page
	Written  int // records written (new or changed)
	Kept     int // records not overwritten: a local change waits (it is pushed next, and merged)
	Parked   int // pulled records still waiting for the session or project they belong to
	Skipped  int // changes this version cannot store (unknown entity, unreadable state)
	// NewConflicts is how many open conflicts arrived that this laptop did not have.
	NewConflicts int
}

// Add sums two tallies.
func (t *PullTally) Add(o PullTally) {
	t.Received += o.Received
	t.Written += o.Written
	t.Kept += o.Kept
	t.Parked = o.Parked // a count of what still waits, not of what happened
	t.Skipped += o.Skipped
	t.NewConflicts += o.NewConflicts
}

// ApplyPullPage applies one pull page and saves the cursor after it, in one
// transaction: killing the app at any moment either applies the whole page with its
// cursor or none of it. Every record's sync base is updated; the record is overwritten
// with the server's state unless a local change of it waits to be pushed. A record
// whose session (or project) has not arrived yet is parked in its sync base and
// written when that arrives (a later page of the same pull: pages are in sequence
// order, and a record changed later moves to a later page). Pulled records make no
// outbox entries.
func (db *DB) ApplyPullPage(ctx context.Context, changes []syncapi.PulledChange, cursor string) (PullTally, error) {
	var t PullTally
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		t = PullTally{Received: len(changes)}
		pa, err := preparePull(ctx, tx)
		if err != nil {
			return err
		}
		defer pa.close()
		for i := range changes {
			if err := pa.apply(&changes[i], &t); err != nil {
				return err
			}
		}
		if err := pa.unpark(&t); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_base WHERE parked = 1`).Scan(&t.Parked); err != nil {
			return err
		}
		if err := pa.index.flush(ctx, tx); err != nil {
			return err
		}
		return setMeta(ctx, tx, keyCursor, cursor)
	})
	return t, err
}

// puller applies pulled changes inside one transaction.
type puller struct {
	ctx                                   context.Context
	tx                                    *sql.Tx
	base, pending, park, feedback, exists *sql.Stmt
	index                                 bulkIndex
	indexed                               map[string]bool
}

func preparePull(ctx context.Context, tx *sql.Tx) (*puller, error) {
	pa := &puller{ctx: ctx, tx: tx, indexed: map[string]bool{}}
	for _, s := range []struct {
		st  **sql.Stmt
		sql string
	}{
		{&pa.base, upsertBaseSQL},
		{&pa.pending, `SELECT 1 FROM outbox WHERE entity = ? AND record_id = ? AND status = 'pending' LIMIT 1`},
		{&pa.park, `UPDATE sync_base SET parked = 1 WHERE entity = ? AND record_id = ?`},
		{&pa.feedback, putFeedbackSQL},
	} {
		st, err := tx.PrepareContext(ctx, s.sql)
		if err != nil {
			pa.close()
			return nil, err
		}
		*s.st = st
	}
	return pa, nil
}

func (pa *puller) close() {
	for _, s := range []*sql.Stmt{pa.base, pa.pending, pa.park, pa.feedback} {
		if s != nil {
			s.Close()
		}
	}
}

func (pa *puller) hasPending(entity, id string) (bool, error) {
	var one int
	err := pa.pending.QueryRowContext(pa.ctx, entity, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// localMeta is what the laptop has of a record now (found false: nothing).
type localMeta struct {
	found                      bool
	pk, rev                    int64
	team, updatedAt, deletedAt string
	status                     string // conflicts only
}

func (pa *puller) local(table, id string) (localMeta, error) {
	var m localMeta
	extra := "''"
	if table == "conflicts" {
		extra = "status"
	}
	err := pa.tx.QueryRowContext(pa.ctx, `SELECT pk, rev, team_id, updated_at, coalesce(deleted_at, ''), `+extra+
		` FROM `+table+` WHERE id = ?`, id).Scan(&m.pk, &m.rev, &m.team, &m.updatedAt, &m.deletedAt, &m.status)
	if errors.Is(err, sql.ErrNoRows) {
		return m, nil
	}
	m.found = err == nil
	return m, err
}

func (pa *puller) apply(c *syncapi.PulledChange, t *PullTally) error {
	table, ok := tables[c.Entity]
	if !ok || !isObject(c.State) {
		t.Skipped++
		return nil
	}
	res, err := pa.base.ExecContext(pa.ctx, c.Entity, c.RecordID, c.Rev, string(c.State))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Kept++ // this laptop knows a newer state already
		return nil
	}
	if p, err := pa.hasPending(c.Entity, c.RecordID); err != nil || p {
		if p {
			t.Kept++
		}
		return err
	}
	rec, meta, err := decodeRecord(c.Entity, c.State)
	if err != nil {
		t.Skipped++
		return nil
	}
	meta.ID, meta.Rev = c.RecordID, c.Rev
	cur, err := pa.local(table, c.RecordID)
	if err != nil {
		return err
	}
	if cur.found && cur.rev == meta.Rev && cur.team == meta.TeamID && cur.updatedAt == meta.UpdatedAt && cur.deletedAt == meta.DeletedAt {
		if cf, ok := rec.(*involve.Conflict); !ok || cf.Status == cur.status {
			return nil // the same version (this laptop's own change, back from the server)
		}
	}
	if ptable, pid := parentOf(rec); ptable != "" {
		var one int
		err := pa.tx.QueryRowContext(pa.ctx, `SELECT 1 FROM `+ptable+` WHERE id = ?`, pid).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			_, err := pa.park.ExecContext(pa.ctx, c.Entity, c.RecordID)
			return err
		} else if err != nil {
			return err
		}
	}
	if err := pa.put(rec, cur); err != nil {
		return fmt.Errorf("store pulled %s %s: %w", c.Entity, c.RecordID, err)
	}
	t.Written++
	if cf, ok := rec.(*involve.Conflict); ok && !cur.found && cf.Status == involve.ConflictOpen && cf.DeletedAt == "" {
		t.NewConflicts++
	}
	return nil
}

// put writes a pulled record; sessions and feedback are indexed for search at the end
// of the page (bulkIndex).
func (pa *puller) put(rec any, cur localMeta) error {
	switch v := rec.(type) {
	case *involve.Session:
		pk, err := upsertSession(pa.ctx, pa.tx, v)
		if err != nil {
			return err
		}
		if key := fmt.Sprint("s", pk); !pa.indexed[key] {
			pa.indexed[key] = true
			pa.index.session(pk, !cur.found)
		}
		return nil
	case *involve.Feedback:
		var pk int64
		if err := pa.feedback.QueryRowContext(pa.ctx, feedbackArgs(v)...).Scan(&pk); err != nil {
			return err
		}
		if key := fmt.Sprint("f", pk); !pa.indexed[key] {
			pa.indexed[key] = true
			pa.index.feedbackItem(pk, !cur.found)
		}
		return nil
	}
	return putRecord(pa.ctx, pa.tx, rec)
}

// unpark writes parked records whose session or project is now here: projects, then
// sessions, then feedback, until nothing more can be written.
func (pa *puller) unpark(t *PullTally) error {
	for {
		rows, err := pa.tx.QueryContext(pa.ctx, `SELECT entity, record_id, rev, state FROM sync_base WHERE parked = 1
			ORDER BY CASE entity WHEN 'project' THEN 0 WHEN 'session' THEN 1 ELSE 2 END`)
		if err != nil {
			return err
		}
		var parked []syncapi.PulledChange
		for rows.Next() {
			var c syncapi.PulledChange
			var state string
			if err := rows.Scan(&c.Entity, &c.RecordID, &c.Rev, &state); err != nil {
				rows.Close()
				return err
			}
			c.State = json.RawMessage(state)
			parked = append(parked, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(parked) == 0 {
			return err
		}
		progress := false
		for _, c := range parked {
			rec, meta, err := decodeRecord(c.Entity, c.State)
			if err != nil {
				continue
			}
			if ptable, pid := parentOf(rec); ptable != "" {
				var one int
				if err := pa.tx.QueryRowContext(pa.ctx, `SELECT 1 FROM `+ptable+` WHERE id = ?`, pid).Scan(&one); errors.Is(err, sql.ErrNoRows) {
					continue
				} else if err != nil {
					return err
				}
			}
			if _, err := pa.tx.ExecContext(pa.ctx, `UPDATE sync_base SET parked = 0 WHERE entity = ? AND record_id = ?`, c.Entity, c.RecordID); err != nil {
				return err
			}
			progress = true
			if p, err := pa.hasPending(c.Entity, c.RecordID); err != nil {
				return err
			} else if p {
				continue
			}
			meta.ID, meta.Rev = c.RecordID, c.Rev
			cur, err := pa.local(tables[c.Entity], c.RecordID)
			if err != nil {
				return err
			}
			if err := pa.put(rec, cur); err != nil {
				return fmt.Errorf("store pulled %s %s: %w", c.Entity, c.RecordID, err)
			}
			t.Written++
		}
		if !progress {
			return nil
		}
	}
}

// ParkedCount is how many pulled records wait for the record they belong to.
func (db *DB) ParkedCount(ctx context.Context) (int, error) {
	var n int
	err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM sync_base WHERE parked = 1`).Scan(&n)
	return n, err
}

// RejectedChange is an outbox entry the server refused for good.
type RejectedChange struct {
	ChangeID    string
	Entity      string
	RecordID    string
	RecordTitle string
	Reason      string
	At          string // when the server refused it
}

// FindRejectedChanges lists rejected changes, newest first.
func (db *DB) FindRejectedChanges(ctx context.Context) ([]RejectedChange, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT change_id, entity, record_id, error, updated_at, `+titleExpr("o.entity", "o.record_id")+`
		FROM outbox o WHERE status = 'rejected' ORDER BY seq DESC LIMIT 1000`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []RejectedChange{}
	for rows.Next() {
		var r RejectedChange
		if err := rows.Scan(&r.ChangeID, &r.Entity, &r.RecordID, &r.Reason, &r.At, &r.RecordTitle); err != nil {
			return nil, err
		}
		r.RecordTitle = shortTitle(r.RecordTitle)
		out = append(out, r)
	}
	return out, rows.Err()
}
