package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/sqldb"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// The device side of sync (docs/sync-protocol.md), storage only: the connection
// settings, the counts, and the sync transaction (syncer.Tx, in sync_push.go and
// sync_pull.go) through which package syncer applies push results and pull pages. What
// to write is syncer's decision; how to write it in few statements is the store's.

var _ syncer.Store = (*DB)(nil)

// syncTx is a sync transaction (syncer.Tx): the transaction, statements prepared on
// first use, parents known to exist, and writes collected for Flush.
type syncTx struct {
	db  *DB
	ctx context.Context
	tx  *sql.Tx
	raw rawInsert // new feedback rows inserted, and a push's take read, on tx's connection (sync_pull_new.go, sync_push_raw.go)

	baseStmt *sql.Stmt
	bulk     map[string]*sql.Stmt // statements prepared once a transaction, by their SQL (prepared)
	known    map[string]bool      // table + id of records known to exist

	bases     []baseRow           // sync bases to write
	collected int                 // sync bases collected in the transaction (baseRow.at)
	baseAt    map[syncer.Key]int  // index in bases of a session's or feedback item's pristine base
	lightRead map[syncer.Key]bool // light bases BaseStates filled from their rows
	fbRows    []fbRow             // feedback items to write
	metaRows  map[string][][3]any // per table: pk, team, updated_at (bookkeeping only)
	parkRows  [][2]string         // entity, id of records to park
	assumed   map[syncer.Key]bool // records taken to be new until the next Flush (AssumeNew)
	prep      *feedbackPrep       // what was prepared for the record PutPrepared writes (sync_pull_prep.go)
	flushBufs flushBufs           // Flush's slices, reused from one Flush to the next (sync_pull_bufs.go)
	index     bulkIndex
	indexed   map[int64]bool // session pks (odd) and feedback pks (even) noted for the index

	erasures erasureSet // the erasures held (erasure_sync.go)
	err      error      // a failure of a collecting call, returned by Flush

	importGone idSet // records whose import entry Remove deleted (sync_push.go)
}

// SyncTx runs fn in one write transaction; what fn collected is written (and the
// search index updated) before the commit. The commit leaves the WAL's checkpoint to
// later, within a bound (checkpoint.go).
//
// When the transaction stored an erasure, the database file and the local backups are
// cleared of what it erased after the commit (afterErasure).
func (db *DB) SyncTx(ctx context.Context, fn func(syncer.Tx) error) error {
	var fresh []*involve.Erasure
	// committed without a checkpoint, the WAL bounded (checkpoint.go)
	err := db.withoutAutoCheckpoint(ctx, func() error { return db.syncTx(ctx, fn, &fresh) })
	if err == nil && len(fresh) > 0 {
		db.afterErasure(ctx, fresh) // the writer given back: it needs it
	} else {
		db.boundWAL(ctx)
	}
	return err
}

// syncTx is SyncTx's transaction, on a connection held for the new feedback rows'
// statements (importer_raw.go) and given back when it ends; fresh gets the erasures
// it stored.
func (db *DB) syncTx(ctx context.Context, fn func(syncer.Tx) error, fresh *[]*involve.Erasure) error {
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return sqldb.InTx(ctx, conn, func(tx *sql.Tx) error {
		t := &syncTx{db: db, ctx: ctx, tx: tx, raw: rawInsert{conn: conn}, known: map[string]bool{}, metaRows: map[string][][3]any{}, indexed: map[int64]bool{}}
		defer t.close()
		if err := fn(t); err != nil {
			return err
		}
		if err := t.Flush(); err != nil {
			return err
		}
		*fresh = t.erasures.fresh
		return t.index.flush(ctx, tx, searchDeferRows)
	})
}

func (t *syncTx) close() {
	t.raw.close()
	if t.baseStmt != nil {
		t.baseStmt.Close()
	}
	for _, s := range t.bulk {
		s.Close()
	}
}

// prepared is query prepared once in the transaction: a pull's multi-row statements
// (hundreds of rows' values) cost more to prepare than to run, and a transaction of
// several pages runs the same ones again and again; a push's stamps run once a record.
func (t *syncTx) prepared(query string) (*sql.Stmt, error) {
	if st, ok := t.bulk[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, err
	}
	if t.bulk == nil {
		t.bulk = map[string]*sql.Stmt{}
	}
	t.bulk[query] = st
	return st, nil
}

// Holds reports whether the store has a table for records of entity.
func (db *DB) Holds(entity string) bool { return tableOf(entity) != "" }

// Decode decodes a record's state into its domain type (decodeRecord). A record of a
// kind with sealed fields stays sealed, as received, once checked (checkPulled).
func (db *DB) Decode(entity string, state []byte) (any, *involve.Meta, error) {
	rec, meta, err := decodeRecord(entity, state)
	if err != nil {
		return nil, nil, err
	}
	if err := db.checkPulled(entity, rec); err != nil {
		return nil, nil, err
	}
	return rec, meta, nil
}

// NextRev is a new revision of this device, greater than prev.
func (db *DB) NextRev(prev int64) int64 { return db.nextRev(prev) }

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
	keyCAPEM         = "sync_ca_pem" // the team's own certificate authority (PEM), if it has one
	keyRole          = "sync_role"   // the device's role as the server last said (capture, staff, lead)
)

// SyncSettings reads the sync settings. Once a passphrase is set the device token is
// kept sealed by the data key: while Involve is locked the settings come back without
// it, with an ELOCKED error ("Sync waits until Involve is unlocked"), so that a caller
// that needs no token (a status line) may still use them.
func (db *DB) SyncSettings(ctx context.Context) (syncer.Settings, error) {
	m, err := db.metaWithPrefix(ctx, "sync_")
	if err != nil {
		return syncer.Settings{}, err
	}
	s := syncer.Settings{
		ServerURL:     m[keyServerURL],
		DeviceToken:   m[keyDeviceToken],
		TeamID:        m[keyTeamID],
		TeamName:      m[keyTeamName],
		DeviceName:    m[keyDeviceName],
		ConnectedAt:   m[keyConnectedAt],
		Cursor:        m[keyCursor],
		LastSyncAt:    m[keyLastSyncAt],
		LastAttemptAt: m[keyLastAttemptAt],
		LastError:     m[keyLastError],
		LastErrorCode: m[keyLastErrorCode],
		CAPEM:         m[keyCAPEM],
		Role:          m[keyRole],
		RoleNotice:    m[keyRoleNotice],
		RoleChangedAt: m[keyRoleChangedAt],
	}
	if v, ok := m[keyLimits]; ok {
		_ = json.Unmarshal([]byte(v), &s.Limits)
	}
	tok, err := db.openToken(s.DeviceToken)
	s.DeviceToken = tok
	return s, err
}

// metaWithPrefix reads the meta rows whose keys start with prefix, by key.
func (db *DB) metaWithPrefix(ctx context.Context, prefix string) (map[string]string, error) {
	m := map[string]string{}
	rows, err := db.reader.QueryContext(ctx, `SELECT key, value FROM meta WHERE key >= ? AND key < ?`, prefix, prefix+"\x7f")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, rows.Err()
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
// It stores the role as given and acts on no change of it: syncer.Connect stores the
// connection through SyncTx and Tx.SaveConnection, with what the role's change does.
func (db *DB) SaveSyncConnection(ctx context.Context, c syncer.Connection) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.saveConnection(ctx, tx, c) })
}

// SaveConnection is SaveSyncConnection inside a sync transaction (connecting stores
// the connection with what its role changes, at once).
func (t *syncTx) SaveConnection(c syncer.Connection) error {
	return t.db.saveConnection(t.ctx, t.tx, c)
}

func (db *DB) saveConnection(ctx context.Context, tx *sql.Tx, c syncer.Connection) error {
	limits, err := json.Marshal(c.Limits)
	if err != nil {
		return err
	}
	prev, err := getMeta(ctx, tx, keyCursorTeam)
	if err != nil {
		return err
	}
	if prev != c.TeamID {
		if err := deleteMeta(ctx, tx, keyCursor, keyLastSyncAt); err != nil {
			return err
		}
		if err := forgetBases(ctx, tx); err != nil { // sync_base_implied.go
			return err
		}
	}
	if err := deleteMeta(ctx, tx, keyLastError, keyLastErrorCode, keyCAPEM, keyRole); err != nil {
		return err
	}
	if c.CAPEM != "" {
		if err := setMeta(ctx, tx, keyCAPEM, c.CAPEM); err != nil {
			return err
		}
	}
	if c.Role != "" {
		if err := setMeta(ctx, tx, keyRole, c.Role); err != nil {
			return err
		}
	}
	token, err := db.storedToken(c.DeviceToken)
	if err != nil {
		return err
	}
	return setMeta(ctx, tx, keyServerURL, c.ServerURL, keyDeviceToken, token, keyTeamID, c.TeamID,
		keyTeamName, c.TeamName, keyDeviceName, c.DeviceName, keyLimits, string(limits),
		keyConnectedAt, involve.FormatTime(db.Now()), keyCursorTeam, c.TeamID)
}

// ForgetSyncConnection forgets the server and the device token. Every local record,
// the outbox (changes not yet sent, rejected changes) and the conflicts stay; so do the
// cursor and the sync bases, so that reconnecting to the same team carries on where
// this laptop left off, and the role (a capture laptop stays one, holding no personal
// record, until it is connected with another role).
func (db *DB) ForgetSyncConnection(ctx context.Context) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return deleteMeta(ctx, tx, keyServerURL, keyDeviceToken, keyTeamID, keyTeamName, keyDeviceName,
			keyConnectedAt, keyLimits, keyLastError, keyLastErrorCode, keyLastAttemptAt, keyCAPEM)
	})
}

// SaveSyncCA sets the team's own certificate authority (PEM, checked by the caller)
// trusted for the server from the next request on; "" goes back to the system's.
func (db *DB) SaveSyncCA(ctx context.Context, caPEM string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if caPEM == "" {
			return deleteMeta(ctx, tx, keyCAPEM)
		}
		return setMeta(ctx, tx, keyCAPEM, caPEM)
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
	return db.withoutAutoCheckpoint(ctx, func() error { // a sync's own, as its transactions (checkpoint.go)
		return db.inTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, keyLastAttemptAt, involve.FormatTime(at)) })
	})
}

// RecordSyncResult notes how a sync ended: code "" is success (the time becomes the
// last sync and the error is cleared); otherwise code and message say why it failed.
// Like the sync's transactions, its commit leaves the WAL's checkpoint to the next
// other commit (checkpoint.go): after a first pull that is the search index's
// catch-up, in the background, not the end of the sync.
func (db *DB) RecordSyncResult(ctx context.Context, at time.Time, code, message string) error {
	return db.withoutAutoCheckpoint(ctx, func() error {
		return db.inTx(ctx, func(tx *sql.Tx) error {
			if code == "" {
				if err := deleteMeta(ctx, tx, keyLastError, keyLastErrorCode); err != nil {
					return err
				}
				return setMeta(ctx, tx, keyLastSyncAt, involve.FormatTime(at))
			}
			return setMeta(ctx, tx, keyLastError, message, keyLastErrorCode, code)
		})
	})
}

// SyncCounts tells how many changes wait to be pushed, how many the server rejected,
// and how many conflicts are open.
func (db *DB) SyncCounts(ctx context.Context) (pending, rejected, conflicts int, err error) {
	err = db.reader.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM outbox WHERE status = 'pending') + (SELECT count(*) FROM outbox_import),
		(SELECT count(*) FROM outbox WHERE status = 'rejected'),
		(SELECT count(*) FROM conflicts WHERE status = 'open' AND deleted_at IS NULL)`).Scan(&pending, &rejected, &conflicts)
	return
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
	SessionID   string // the session a feedback item belongs to (a session's own id)
	Reason      string
	At          string // when the server refused it
}

// FindRejectedChanges lists rejected changes, newest first.
func (db *DB) FindRejectedChanges(ctx context.Context) ([]RejectedChange, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT change_id, entity, record_id, error, updated_at, `+titleExpr("o.entity", "o.record_id")+`,
		CASE entity WHEN 'session' THEN record_id
			WHEN 'feedback' THEN coalesce((SELECT session_id FROM feedback WHERE id = o.record_id), o.state ->> '$.sessionId', '')
			ELSE '' END
		FROM outbox o WHERE status = 'rejected' ORDER BY seq DESC LIMIT 1000`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []RejectedChange{}
	for rows.Next() {
		var r RejectedChange
		if err := rows.Scan(&r.ChangeID, &r.Entity, &r.RecordID, &r.Reason, &r.At, &r.RecordTitle, &r.SessionID); err != nil {
			return nil, err
		}
		r.RecordTitle = shortTitle(r.RecordTitle)
		out = append(out, r)
	}
	return out, rows.Err()
}
