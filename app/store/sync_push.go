package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

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
	var out []OutboxEntry
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = db.takePushBatch(ctx, tx, after, upTo, n, nil)
		return err
	})
	return out, err
}

// takePushBatch takes up to n entries after after; with busy (records whose changes
// are on their way to the server, answers not recorded yet) it stops before the first
// entry of such a record, which waits until those answers are in.
func (db *DB) takePushBatch(ctx context.Context, tx *sql.Tx, after, upTo int64, n int, busy map[string]bool) ([]OutboxEntry, error) {
	if n <= 0 {
		n = syncapi.DefaultMaxBatch
	}
	if upTo <= 0 {
		upTo = 1<<63 - 1
	}
	var out []OutboxEntry
	rows, err := tx.QueryContext(ctx, `SELECT seq, change_id, entity, record_id, base_rev, rev, state, status, error
		FROM outbox WHERE status = 'pending' AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`, after, upTo, n)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var e OutboxEntry
		var state string
		if err := rows.Scan(&e.Seq, &e.ChangeID, &e.Entity, &e.RecordID, &e.BaseRev, &e.Rev, &state, &e.Status, &e.Error); err != nil {
			rows.Close()
			return nil, err
		}
		if busy[key(e.Entity, e.RecordID)] {
			break
		}
		e.State = json.RawMessage(state)
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND status = 'pending' AND seq > ? AND seq <= ?`,
		involve.FormatTime(db.Now()), after, out[len(out)-1].Seq)
	return out, err
}

// AckAndTake is ApplyPushResults and then TakePushBatch, in one transaction: a sync
// records the answers to what it sent and takes what it sends next with one commit.
// inFlight are entries sent whose answers are not recorded yet (a sync sends the next
// group while it records the last): the take stops before the first entry of one of
// their records, so that recording those answers can still rebase it, as if the
// groups had gone one after the other.
func (db *DB) AckAndTake(ctx context.Context, sent []OutboxEntry, results []syncapi.Result, after, upTo int64, n int, inFlight []OutboxEntry) (PushTally, []OutboxEntry, error) {
	var busy map[string]bool
	if len(inFlight) > 0 {
		busy = make(map[string]bool, len(inFlight))
		for _, e := range inFlight {
			busy[key(e.Entity, e.RecordID)] = true
		}
	}
	var t PushTally
	var next []OutboxEntry
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if t, err = db.applyPushResults(ctx, tx, sent, results); err != nil {
			return err
		}
		next, err = db.takePushBatch(ctx, tx, after, upTo, n, busy)
		return err
	})
	return t, next, err
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
		var err error
		t, err = db.applyPushResults(ctx, tx, sent, results)
		return err
	})
	return t, err
}

func (db *DB) applyPushResults(ctx context.Context, tx *sql.Tx, sent []OutboxEntry, results []syncapi.Result) (PushTally, error) {
	var t PushTally
	err := func() error {
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
		// First every answered entry leaves the queue (or is marked rejected)...
		type ack struct {
			e *OutboxEntry
			r *syncapi.Result
		}
		var acks []ack
		var taken []string
		for i := range results {
			r := &results[i]
			e := byID[r.ChangeID]
			if e == nil || answered[r.ChangeID] {
				continue
			}
			switch r.Status {
			case syncapi.StatusApplied, syncapi.StatusDuplicate, syncapi.StatusMerged, syncapi.StatusConflict:
				acks = append(acks, ack{e, r})
				taken = append(taken, e.ChangeID)
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
				if err := rejectChange(ctx, tx, e, r, now); err != nil {
					return err
				}
				t.Rejected++
			default:
				continue // a status this version does not know: sent again next time
			}
			answered[r.ChangeID] = true
		}
		t.Unanswered = len(sent) - len(answered)
		// (one statement for the whole batch; an entry already gone was handled by
		// another sync of this laptop: it is left alone)
		deleted, err := deleteTaken(ctx, tx, taken)
		if err != nil {
			return err
		}
		n := 0
		for _, a := range acks {
			if deleted[a.e.ChangeID] {
				acks[n] = a
				n++
			}
		}
		acks = acks[:n]
		if len(acks) == 0 {
			return nil
		}
		// ...then the changes that still wait for those records, in one query...
		pairs := make([][2]string, len(acks))
		for i, a := range acks {
			pairs[i] = [2]string{a.e.Entity, a.e.RecordID}
		}
		waiting, err := pendingFor(ctx, tx, pairs)
		if err != nil {
			return err
		}
		// ...and each record takes the server's answer. A change applied as sent, whose
		// record nothing else in the batch or the queue touches, only needs its sync base
		// and the server's revision and team: those are written for all of them at once.
		perRecord := make(map[string]int, len(acks))
		for _, a := range acks {
			perRecord[key(a.e.Entity, a.e.RecordID)]++
		}
		var plain []plainAck
		var rest []ack
		for _, a := range acks {
			k := key(a.e.Entity, a.e.RecordID)
			if !isObject(a.r.State) && len(waiting[k]) == 0 && perRecord[k] == 1 && tableOf(a.e.Entity) != "" {
				rev := a.r.Rev
				if rev <= 0 {
					rev = a.e.Rev
				}
				plain = append(plain, plainAck{e: a.e, rev: rev})
			} else {
				rest = append(rest, a)
			}
		}
		if err := ackPlain(ctx, tx, team, plain); err != nil {
			return err
		}
		for _, a := range rest {
			if err := db.ackChange(ctx, tx, ps, team, a.e, a.r, waiting[key(a.e.Entity, a.e.RecordID)]); err != nil {
				return fmt.Errorf("push result for %s %s: %w", a.e.Entity, a.e.RecordID, err)
			}
		}
		return nil
	}()
	return t, err
}

// deleteTaken removes the answered entries that are still pending and says which.
func deleteTaken(ctx context.Context, tx *sql.Tx, changeIDs []string) (map[string]bool, error) {
	deleted := make(map[string]bool, len(changeIDs))
	if len(changeIDs) == 0 {
		return deleted, nil
	}
	rows, err := tx.QueryContext(ctx, `DELETE FROM outbox WHERE change_id IN (SELECT value FROM json_each(?)) AND status = 'pending'
		RETURNING change_id`, jsonList(changeIDs))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		deleted[id] = true
	}
	return deleted, rows.Err()
}

// plainAck is a change the server stored as sent (its revision: rev).
type plainAck struct {
	e   *OutboxEntry
	rev int64
}

// ackRows is how many rows one multi-row statement of ackPlain carries (4 values a row).
const ackRows = 250

// ackPlain is ackChange for changes applied as sent, each of a record nothing else in
// the batch touches and with no change waiting: the sync base becomes what was sent
// (unless a newer server state is known already), and the record, where it still is
// at the sent revision, takes the server's revision and team. A few statements for a
// whole batch instead of two per change.
func ackPlain(ctx context.Context, tx *sql.Tx, team string, acks []plainAck) error {
	stamp := map[string][][3]any{} // table -> [id, server rev, sent rev]
	for len(acks) > 0 {
		chunk := acks[:min(len(acks), ackRows)]
		acks = acks[len(chunk):]
		q := strings.Builder{}
		q.WriteString(`INSERT INTO sync_base(entity, record_id, rev, state, parked) VALUES `)
		args := make([]any, 0, 4*len(chunk))
		byKey := make(map[string]*plainAck, len(chunk))
		for i := range chunk {
			a := &chunk[i]
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?, 0)")
			args = append(args, a.e.Entity, a.e.RecordID, a.rev, string(a.e.State))
			byKey[key(a.e.Entity, a.e.RecordID)] = a
		}
		q.WriteString(` ON CONFLICT(entity, record_id) DO UPDATE SET rev = excluded.rev, state = excluded.state, parked = 0
			WHERE excluded.rev >= sync_base.rev RETURNING entity, record_id`)
		rows, err := tx.QueryContext(ctx, q.String(), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var e, id string
			if err := rows.Scan(&e, &id); err != nil {
				rows.Close()
				return err
			}
			// written: the record is the server's (a base not written means a newer
			// server state is known already, pulled: nothing to write)
			if a := byKey[key(e, id)]; a != nil {
				stamp[tableOf(e)] = append(stamp[tableOf(e)], [3]any{id, a.rev, a.e.Rev})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for table, list := range stamp {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET rev = j.value ->> 1, team_id = ?1 FROM json_each(?2) j
			WHERE `+table+`.id = j.value ->> 0 AND `+table+`.rev = j.value ->> 2
			AND (`+table+`.rev <> j.value ->> 1 OR `+table+`.team_id <> ?1)`, team, jsonList(list)); err != nil {
			return err
		}
	}
	return nil
}

// pendingFor lists the changes waiting for each of the records, oldest first.
func pendingFor(ctx context.Context, tx *sql.Tx, pairs [][2]string) (map[string][]pendingEntry, error) {
	rows, err := tx.QueryContext(ctx, `SELECT o.entity, o.record_id, o.seq, o.base_rev, o.rev, o.sent_at IS NOT NULL
		FROM json_each(?) j JOIN outbox o ON o.entity = j.value ->> 0 AND o.record_id = j.value ->> 1 AND o.status = 'pending'
		ORDER BY o.seq`, jsonList(pairs))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]pendingEntry{}
	for rows.Next() {
		var e, id string
		var p pendingEntry
		if err := rows.Scan(&e, &id, &p.seq, &p.baseRev, &p.rev, &p.sent); err != nil {
			return nil, err
		}
		out[key(e, id)] = append(out[key(e, id)], p)
	}
	return out, rows.Err()
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

// pushStmts are the statements a push result runs for every change that is not
// acknowledged in bulk (ackPlain).
type pushStmts struct {
	base   *sql.Stmt
	stamps map[string]*sql.Stmt
}

func preparePush(ctx context.Context, tx *sql.Tx) (*pushStmts, error) {
	ps := &pushStmts{stamps: map[string]*sql.Stmt{}}
	var err error
	if ps.base, err = tx.PrepareContext(ctx, upsertBaseSQL); err != nil {
		ps.close()
		return nil, err
	}
	for _, table := range append(slices.Collect(maps.Values(tables)), "docs") {
		if ps.stamps[table] != nil {
			continue // docs: one table for several entities
		}
		st, err := tx.PrepareContext(ctx, `UPDATE `+table+` SET rev = ?, team_id = ? WHERE id = ? AND rev = ? AND (rev <> ? OR team_id <> ?)`)
		if err != nil {
			ps.close()
			return nil, err
		}
		ps.stamps[table] = st
	}
	return ps, nil
}

// stamp is the statement that writes the server's revision and team on a record
// applied as sent.
func (ps *pushStmts) stamp(table string) *sql.Stmt { return ps.stamps[table] }

func (ps *pushStmts) close() {
	if ps.base != nil {
		ps.base.Close()
	}
	for _, s := range ps.stamps {
		s.Close()
	}
}

// upsertBaseSQL records the server's state of a record unless a newer one is known.
const upsertBaseSQL = `INSERT INTO sync_base(entity, record_id, rev, state, parked) VALUES (?, ?, ?, ?, 0)
	ON CONFLICT(entity, record_id) DO UPDATE SET rev = excluded.rev, state = excluded.state, parked = 0
	WHERE excluded.rev >= sync_base.rev`

type pendingEntry struct {
	seq, baseRev, rev int64
	state             string // read when needed (rebase)
	sent              bool
}

func isObject(b json.RawMessage) bool {
	s := strings.TrimSpace(string(b))
	return len(s) > 0 && s[0] == '{'
}

// ackChange records the server's answer to a change that left the queue: the sync
// base, and the record itself unless a newer local change waits (next).
func (db *DB) ackChange(ctx context.Context, tx *sql.Tx, ps *pushStmts, team string, e *OutboxEntry, r *syncapi.Result, next []pendingEntry) error {
	rev := r.Rev
	if rev <= 0 {
		rev = e.Rev
	}
	fromServer := isObject(r.State)
	state := e.State
	if fromServer {
		state = r.State
	}
	res, err := ps.base.ExecContext(ctx, e.Entity, e.RecordID, rev, string(state))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // a newer server state is known already (pulled): nothing to write
	}
	if len(next) == 0 {
		if !fromServer {
			// applied as sent: the record is the server's; note its revision and team
			_, err := ps.stamp(tableOf(e.Entity)).ExecContext(ctx, rev, team, e.RecordID, e.Rev, rev, team)
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
		// The merged state may name a session or project this laptop has not pulled
		// yet: park it like a pulled record (the pull that follows brings the parent
		// and writes it).
		if ok, err := parentExists(ctx, tx, rec); err != nil {
			return err
		} else if !ok {
			_, err := tx.ExecContext(ctx, `UPDATE sync_base SET parked = 1 WHERE entity = ? AND record_id = ?`, e.Entity, e.RecordID)
			return err
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
	if err := tx.QueryRowContext(ctx, `SELECT state FROM outbox WHERE seq = ?`, p.seq).Scan(&p.state); err != nil {
		return err
	}
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
	if ok, err := parentExists(ctx, tx, rec); err != nil || !ok {
		return err // names a record not pulled yet: leave p for the server to merge
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

// parentExists reports whether the session or project a record points at is here.
func parentExists(ctx context.Context, q queryer, rec any) (bool, error) {
	table, id := parentOf(rec)
	if table == "" {
		return true, nil
	}
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
