package store

import (
	"bytes"
	"cmp"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// The sync-base and record side of a sync transaction (syncer.Tx): set-based reads
// for a whole pull page, and writes collected and written in multi-row statements
// (Flush). What to do with each pulled change is syncer's decision
// (app/syncer/pull.go).

// baseRow is a sync base to write (upsertBaseSQL).
type baseRow struct {
	entity, id string
	rev        int64
	state      []byte
	pristine   bool // a session or feedback item's state, unchanged by an erasure
	light      bool // written light: the record's row is written with that state (sync_base_light.go)
	keep       bool // written light: the same version as the light base read (BaseStates), the row not rewritten
	at         int  // the order it was collected in
}

// fbRow is a feedback item to write; isNew: it was not here before the page.
type fbRow struct {
	f       *involve.Feedback
	isNew   bool
	assumed bool  // isNew taken, not looked up (AssumeNew): written only as a new row
	implied bool  // assumed, and its row is its light sync base (light_base: sync_base_implied.go)
	args    []any // feedbackArgs, as prepared (sync_pull_prep.go); nil: not prepared
}

// Multi-row statements carry at most this many rows (sync bases: 4 values a row,
// feedback items 20; SQLite takes up to 32 766 values).
const (
	baseFlushRows     = 500
	feedbackFlushRows = 400
)

// scan runs a query and calls fn for each row.
func (t *syncTx) scan(query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Bases reads the revisions of the records' sync bases (written or implied:
// sync_base_implied.go).
func (t *syncTx) Bases(keys []syncer.Key) (map[syncer.Key]int64, error) {
	out := map[syncer.Key]int64{}
	return out, t.scanBases(keys, func(k syncer.Key, rev int64, _ string) { out[k] = rev })
}

// BaseStates reads the states of the records' sync bases (written or implied).
func (t *syncTx) BaseStates(keys []syncer.Key) (map[syncer.Key]json.RawMessage, error) {
	out := map[syncer.Key]json.RawMessage{}
	if err := t.scanBases(keys, func(k syncer.Key, _ int64, state string) { out[k] = json.RawMessage(state) }); err != nil {
		return nil, err
	}
	// light bases are their records' rows (sync_base_light.go)
	for k, s := range out {
		if len(s) == 0 {
			if t.lightRead == nil {
				t.lightRead = map[syncer.Key]bool{}
			}
			t.lightRead[k] = true
		}
	}
	return out, fillLightBases(t.ctx, t.tx, out)
}

// Local reads what the laptop has of the records, one query per table.
func (t *syncTx) Local(keys []syncer.Key) (map[syncer.Key]syncer.Local, error) {
	out := map[syncer.Key]syncer.Local{}
	ids := map[string][]string{}          // table -> ids
	entities := map[string][]syncer.Key{} // table + id -> the keys asked for
	for _, k := range keys {
		table := tableOf(k.Entity)
		if table == "" {
			continue
		}
		tk := key(table, k.ID)
		if len(entities[tk]) == 0 {
			ids[table] = append(ids[table], k.ID)
		}
		entities[tk] = append(entities[tk], k)
	}
	for table, list := range ids {
		extra := "''"
		if table == "conflicts" {
			extra = "status"
		}
		if err := t.scan(`SELECT id, pk, rev, team_id, updated_at, coalesce(deleted_at, ''), `+extra+` FROM `+table+
			` WHERE id IN (SELECT value FROM json_each(?))`, []any{jsonList(list)}, func(r *sql.Rows) error {
			var id string
			var m syncer.Local
			if err := r.Scan(&id, &m.Row, &m.Rev, &m.TeamID, &m.UpdatedAt, &m.DeletedAt, &m.Status); err != nil {
				return err
			}
			for _, k := range entities[key(table, id)] {
				out[k] = m
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LoadParents reads, one query per table, whether the sessions and projects the
// records point at exist.
func (t *syncTx) LoadParents(recs []any) error {
	refs := map[string][]string{}
	for _, rec := range recs {
		switch table, id := parentOf(rec); table {
		case "sessions", "projects":
			refs[table] = append(refs[table], id)
		}
	}
	for _, table := range []string{"sessions", "projects"} {
		if len(refs[table]) == 0 {
			continue
		}
		if err := t.scan(`SELECT id FROM `+table+` WHERE id IN (SELECT value FROM json_each(?))`, []any{jsonList(refs[table])}, func(r *sql.Rows) error {
			var id string
			err := r.Scan(&id)
			t.known[key(table, id)] = true
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// ParentExists reports whether the record rec points at is here: from what
// LoadParents read and what was written since, else by asking.
func (t *syncTx) ParentExists(rec any) (bool, error) {
	table, id := parentOf(rec)
	if table == "" {
		return true, nil
	}
	k := key(table, id)
	if t.known[k] {
		return true, nil
	}
	var one int
	err := t.tx.QueryRowContext(t.ctx, `SELECT 1 FROM `+table+` WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	t.known[k] = true
	return true, nil
}

// CollectBase is PutBase, collected.
func (t *syncTx) CollectBase(k syncer.Key, rev int64, state json.RawMessage) {
	stored, err := t.eraseBase(k.Entity, baseState(k.Entity, k.ID, state))
	if err != nil && t.err == nil {
		t.err = err // returned by Flush
	}
	if stored == nil {
		return // a conflict about an erased record, or a failure above
	}
	pristine := lightEntity(k.Entity) && bytes.Equal(stored, state)
	if pristine {
		if t.baseAt == nil {
			t.baseAt = map[syncer.Key]int{}
		}
		t.baseAt[k] = len(t.bases)
	} else {
		delete(t.baseAt, k) // an earlier base of the record in this batch is overwritten by this one
	}
	// the same version as a light base read for it: unless the row is written (lightBase)
	// or the record parked, it is the row still
	keep := pristine && t.lightRead[k]
	t.bases = append(t.bases, baseRow{entity: k.Entity, id: k.ID, rev: rev, state: stored, pristine: pristine, keep: keep, at: t.collected})
	t.collected++
}

// lightBase marks the base collected for k light when it is the state a pulled
// session or feedback item is written with (sync_base_light.go).
func (t *syncTx) lightBase(k syncer.Key, rec any, p *feedbackPrep) {
	if i, ok := t.baseAt[k]; ok {
		t.bases[i].light, t.bases[i].keep = t.bases[i].pristine && readsBackAs(p, rec, t.bases[i].state), false
	}
}

// Park marks a record's sync base as waiting for its parent (collected); a parked
// base is never light.
func (t *syncTx) Park(k syncer.Key) {
	if i, ok := t.baseAt[k]; ok {
		t.bases[i].light, t.bases[i].keep, t.bases[i].pristine = false, false, false
	}
	t.parkRows = append(t.parkRows, [2]string{k.Entity, k.ID})
}

// Touch sets a record's team and updated time (collected).
func (t *syncTx) Touch(entity string, row int64, team, updatedAt string) {
	table := tableOf(entity)
	t.metaRows[table] = append(t.metaRows[table], [3]any{row, team, updatedAt})
}

// PutPulled writes a pulled record: feedback items are collected; sessions and
// feedback are indexed for search at the end of the transaction (bulkIndex).
func (t *syncTx) PutPulled(rec any, isNew bool) error {
	if err := t.db.writeCheck(rec); err != nil {
		return err
	}
	if e, ok := rec.(*involve.Erasure); ok {
		return t.pulledErasure(e)
	}
	if drop, err := t.erasePulled(rec); err != nil || drop {
		return err
	}
	switch v := rec.(type) {
	case *involve.Session:
		defer t.lightBase(syncer.Key{Entity: involve.EntitySession, ID: v.ID}, v, nil)
		if !isNew { // its index row's words are read before it changes (search.go)
			if err := t.index.unindex(t.ctx, t.tx, sessionSource, v.ID); err != nil {
				return err
			}
		}
		pk, err := t.upsertSession(v, isNew)
		if err != nil {
			return err
		}
		if !t.indexed[sessionRow(pk)] {
			t.indexed[sessionRow(pk)] = true
			t.index.session(pk)
		}
		t.known[key("sessions", v.ID)] = true
		return nil
	case *involve.Feedback:
		assumed := isNew && t.assumed[syncer.Key{Entity: involve.EntityFeedback, ID: v.ID}]
		p := t.prepFor() // sync_pull_prep.go
		var args []any
		if p != nil {
			args = p.args
		}
		t.fbRows = append(t.fbRows, fbRow{f: v, isNew: isNew, assumed: assumed, args: args})
		t.lightBase(syncer.Key{Entity: involve.EntityFeedback, ID: v.ID}, v, p)
		return nil
	case *involve.Project:
		t.known[key("projects", v.ID)] = true
	}
	return putRecord(t.ctx, t.tx, rec)
}

// nothingWaiting reports whether no change waits to be pushed at all: no pending
// outbox entry and no import entry (outbox_import.go). Asked at each Waiting (two index
// probes), it spares a laptop with nothing to push the set-based lookup of every
// pulled record (a new laptop's first pull: 0.25 s of CPU at 100 000 records).
func (t *syncTx) nothingWaiting() (bool, error) {
	pending, err := t.anyPending()
	if err != nil || pending {
		return false, err
	}
	err = t.tx.QueryRowContext(t.ctx, `SELECT EXISTS (SELECT 1 FROM outbox_import)`).Scan(&pending)
	if noImportTable(err) { // outbox_import.go
		return true, nil
	}
	return err == nil && !pending, err
}

// anyPending says whether the outbox has a pending entry.
func (t *syncTx) anyPending() (bool, error) {
	var pending bool
	err := t.tx.QueryRowContext(t.ctx, `SELECT EXISTS (SELECT 1 FROM outbox WHERE status = 'pending')`).Scan(&pending)
	return pending, err
}

// upsertSession is upsertSession (session.go) with its statement prepared once in the
// transaction. A session that has no row (isNew: the page's lookup found none, in this
// transaction, and none was written since) has no light outbox entry or light sync base
// standing for a row: freezeLight, four statements, has nothing to freeze.
func (t *syncTx) upsertSession(s *involve.Session, isNew bool) (pk int64, err error) {
	if !isNew || t.known[key("sessions", s.ID)] {
		if err := freezeLight(t.ctx, t.tx, involve.EntitySession, s.ID); err != nil { // outbox_light.go
			return 0, err
		}
	}
	st, err := t.prepared(upsertSessionSQL)
	if err != nil {
		return 0, err
	}
	err = st.QueryRowContext(t.ctx, sessionArgs(s)...).Scan(&pk)
	return pk, err
}

// Unpark clears a sync base's parked mark.
func (t *syncTx) Unpark(k syncer.Key) error {
	_, err := t.tx.ExecContext(t.ctx, `UPDATE sync_base SET parked = 0 WHERE entity = ? AND record_id = ?`, k.Entity, k.ID)
	return err
}

// Parked lists the parked sync bases: projects, then sessions, then the rest.
func (t *syncTx) Parked() ([]syncapi.PulledChange, error) {
	var parked []syncapi.PulledChange
	return parked, t.scan(`SELECT entity, record_id, rev, state FROM sync_base WHERE parked = 1
		ORDER BY CASE entity WHEN 'project' THEN 0 WHEN 'session' THEN 1 ELSE 2 END`, nil, func(r *sql.Rows) error {
		var c syncapi.PulledChange
		var state string
		err := r.Scan(&c.Entity, &c.RecordID, &c.Rev, &state)
		c.State = json.RawMessage(state)
		parked = append(parked, c)
		return err
	})
}

// ParkedCount is how many sync bases are parked.
func (t *syncTx) ParkedCount() (int, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM sync_base WHERE parked = 1`).Scan(&n)
	return n, err
}

// SaveCursor records the pull cursor.
func (t *syncTx) SaveCursor(cursor string) error { return setMeta(t.ctx, t.tx, keyCursor, cursor) }

// Flush writes what was collected: sync bases first (a record parked below has its
// base already), then feedback items, bookkeeping-only updates and parking.
func (t *syncTx) Flush() error {
	if t.err != nil {
		return t.err
	}
	// the bases of records taken to be new are inserted only as new ones, and so are
	// their feedback items (sync_pull_new.go); a fresh item whose base is light is
	// inserted as its own base instead (sync_base_implied.go)
	known, fresh := t.bases, []baseRow(nil)
	fbKnown, fbFresh := t.fbRows, []fbRow(nil)
	if len(t.assumed) > 0 {
		known, fresh = splitAssumed(t.bases, t.assumed, t.flushBufs.known[:0], t.flushBufs.fresh[:0])
		defer t.flushBufs.keepBases(known, fresh)
		fbKnown, fbFresh = splitFeedback(t.fbRows, t.flushBufs.fbKnown[:0], t.flushBufs.fbFresh[:0])
		defer t.flushBufs.keepFeedback(fbKnown, fbFresh)
	}
	written, err := t.impliedFresh(fresh, fbFresh)
	if err != nil {
		return err
	}
	// in key order: a page's records come in the server's order, random in
	// sync_base's key (entity, record id), and written in that order each lands on
	// another B-tree page; sorted, the next usually lands on the same. A record's later
	// base in the batch still comes after its earlier one (at: the order collected).
	for _, list := range [][]baseRow{written, known} {
		slices.SortFunc(list, func(a, b baseRow) int {
			return cmp.Or(strings.Compare(a.entity, b.entity), strings.Compare(a.id, b.id), cmp.Compare(a.at, b.at))
		})
	}
	if err := t.writeBases(written, true); err != nil {
		return err
	}
	if err := t.writeBases(known, false); err != nil {
		return err
	}
	t.bases = t.bases[:0]
	clear(t.baseAt)
	clear(t.lightRead)
	for rows := fbFresh; len(rows) > 0; {
		chunk := rows[:min(len(rows), feedbackFlushRows)]
		for i, r := range chunk { // a chunk is implied or not throughout
			if r.implied != chunk[0].implied {
				chunk = chunk[:i]
				break
			}
		}
		rows = rows[len(chunk):]
		if err := t.insertNewFeedback(chunk, chunk[0].implied); err != nil {
			return err
		}
	}
	for rows := fbKnown; len(rows) > 0; {
		chunk := rows[:min(len(rows), feedbackFlushRows)]
		rows = rows[len(chunk):]
		if err := t.writeFeedback(chunk); err != nil {
			return err
		}
	}
	t.fbRows = t.fbRows[:0]
	clear(t.assumed) // proved new: each base and row above was inserted
	for table, list := range t.metaRows {
		if _, err := t.tx.ExecContext(t.ctx, `UPDATE `+table+` SET team_id = j.value ->> 1, updated_at = j.value ->> 2
			FROM json_each(?) j WHERE `+table+`.pk = j.value ->> 0`, jsonList(list)); err != nil {
			return err
		}
		delete(t.metaRows, table)
	}
	if len(t.parkRows) > 0 {
		if _, err := t.tx.ExecContext(t.ctx, `UPDATE sync_base SET parked = 1 FROM json_each(?) j
			WHERE sync_base.entity = j.value ->> 0 AND sync_base.record_id = j.value ->> 1`, jsonList(t.parkRows)); err != nil {
			return err
		}
		t.parkRows = t.parkRows[:0]
	}
	return nil
}

// writeFeedback upserts feedback items in one statement and notes them for the
// search index.
func (t *syncTx) writeFeedback(rows []fbRow) error {
	args := t.flushBufs.takeArgs(20 * len(rows))
	var stored []string // items that may be here: their index rows' words are read before they change (search.go)
	for _, r := range rows {
		args = argsOf(args, r)
		if !r.isNew {
			stored = append(stored, r.f.ID)
		}
	}
	if err := t.index.unindex(t.ctx, t.tx, feedbackSource, stored...); err != nil {
		return err
	}
	st, err := t.prepared(putFeedbacksSQL(len(rows)))
	if err != nil {
		return err
	}
	res, err := st.QueryContext(t.ctx, args...)
	t.flushBufs.keepArgs(args)
	if err != nil {
		return err
	}
	defer res.Close()
	for res.Next() {
		var id string
		var pk int64
		if err := res.Scan(&id, &pk); err != nil {
			return err
		}
		if !t.indexed[feedbackRow(pk)] {
			t.indexed[feedbackRow(pk)] = true
			t.index.feedbackItem(pk)
		}
	}
	return res.Err()
}

var (
	upsertBasesOnce, putFeedbacksOnce  sync.Once
	upsertBasesHead, upsertBasesTail   string
	putFeedbacksHead, putFeedbacksTail string
	putFeedbacksRow                    string
)

// upsertBasesSQL is upsertBaseSQL for n rows.
func upsertBasesSQL(n int) string {
	return basesValues(n) + upsertBasesTail
}

// basesValues is upsertBaseSQL for n rows up to its ON CONFLICT clause (upsertBasesTail).
func basesValues(n int) string {
	upsertBasesOnce.Do(func() {
		i := strings.Index(upsertBaseSQL, "(?, ?, ?, ?, 0)")
		if i < 0 || !strings.HasPrefix(strings.TrimSpace(upsertBaseSQL[i+len("(?, ?, ?, ?, 0)"):]), "ON CONFLICT") {
			panic("upsertBaseSQL changed: update basesValues")
		}
		upsertBasesHead, upsertBasesTail = upsertBaseSQL[:i], upsertBaseSQL[i+len("(?, ?, ?, ?, 0)"):]
	})
	return upsertBasesHead + "(?, ?, ?, ?, 0)" + strings.Repeat(", (?, ?, ?, ?, 0)", n-1)
}

// putFeedbacksSQL is putFeedbackSQL for n rows, returning each row's id and pk.
func putFeedbacksSQL(n int) string {
	return feedbacksValues(n) + putFeedbacksTail
}

// feedbacksValues is putFeedbackSQL for n rows up to its ON CONFLICT clause
// (putFeedbacksTail).
func feedbacksValues(n int) string {
	putFeedbacksOnce.Do(func() {
		v := strings.Index(putFeedbackSQL, "VALUES (")
		c := strings.Index(putFeedbackSQL, "ON CONFLICT")
		if v < 0 || c < 0 || !strings.HasSuffix(putFeedbackSQL, "RETURNING pk") {
			panic("putFeedbackSQL changed: update feedbacksValues")
		}
		putFeedbacksHead = putFeedbackSQL[:v] + "VALUES "
		putFeedbacksRow = strings.TrimSpace(putFeedbackSQL[v+len("VALUES ") : c])
		putFeedbacksTail = " " + strings.TrimSuffix(putFeedbackSQL[c:], "RETURNING pk") + "RETURNING id, pk"
	})
	return putFeedbacksHead + putFeedbacksRow + strings.Repeat(", "+putFeedbacksRow, n-1)
}

func key(a, b string) string { return a + "\x00" + b }

func jsonList(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// keyList is keys as a JSON list of [entity, id] pairs (for json_each).
func keyList(keys []syncer.Key) string {
	pairs := make([][2]string, len(keys))
	for i, k := range keys {
		pairs[i] = [2]string{k.Entity, k.ID}
	}
	return jsonList(pairs)
}
