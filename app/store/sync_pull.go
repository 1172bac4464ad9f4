package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncwire"
)

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

// pulled is one change of a page, decoded.
type pulled struct {
	c     *syncapi.PulledChange
	table string
	rec   any
	meta  *involve.Meta
	err   error
}

// entityOrder applies a page's records so that what others point at comes first.
// Docs come after feedback (their Order, 10 and up), conflicts last.
var entityOrder = map[string]int{involve.EntityTheme: 0, involve.EntityProject: 1, involve.EntitySession: 2,
	involve.EntityFeedback: 3, involve.EntityConflict: 1000}

// decodePage decodes a page's states, on every core for a large page (decoding is
// most of the CPU a pull takes on the laptop, and it happens outside the write lock).
func decodePage(changes []syncapi.PulledChange) []pulled {
	out := make([]pulled, len(changes))
	decode := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			c := &changes[i]
			p := pulled{c: c, table: tableOf(c.Entity)}
			if p.table == "" || !isObject(c.State) {
				p.err = fmt.Errorf("cannot store a %q", c.Entity)
			} else if p.rec, p.meta, p.err = decodeRecord(c.Entity, c.State); p.err == nil {
				p.meta.ID, p.meta.Rev = c.RecordID, c.Rev
			}
			out[i] = p
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(changes)/256)
	if workers <= 1 {
		decode(0, len(changes))
	} else {
		var wg sync.WaitGroup
		per := (len(changes) + workers - 1) / workers
		for lo := 0; lo < len(changes); lo += per {
			wg.Add(1)
			go func(lo, hi int) { defer wg.Done(); decode(lo, hi) }(lo, min(lo+per, len(changes)))
		}
		wg.Wait()
	}
	sort.SliceStable(out, func(i, j int) bool { return orderOf(out[i].c.Entity) < orderOf(out[j].c.Entity) })
	return out
}

// ApplyPullPage applies one pull page and saves the cursor after it, in one
// transaction: killing the app at any moment either applies the whole page with its
// cursor or none of it. Every record's sync base is updated; the record is overwritten
// with the server's state unless a local change of it waits to be pushed. A record
// whose session (or project) has not arrived yet is parked in its sync base and
// written when that arrives (a later page of the same pull: pages are in sequence
// order, and a record changed later moves to a later page). Pulled records make no
// outbox entries. Re-applying a page is harmless.
func (db *DB) ApplyPullPage(ctx context.Context, changes []syncapi.PulledChange, cursor string) (PullTally, error) {
	return db.ApplyDecodedPage(ctx, DecodePullPage(changes), cursor)
}

// DecodedPage is a pull page with its states decoded (DecodePullPage).
type DecodedPage struct {
	changes []syncapi.PulledChange
	page    []pulled
}

// DecodePullPage decodes a page's states (the CPU-heavy part of applying a page,
// which needs no database): a sync decodes the next page while it applies this one.
func DecodePullPage(changes []syncapi.PulledChange) DecodedPage {
	return DecodedPage{changes: changes, page: decodePage(changes)}
}

// ApplyDecodedPage is ApplyPullPage of a page decoded by DecodePullPage.
func (db *DB) ApplyDecodedPage(ctx context.Context, dp DecodedPage, cursor string) (PullTally, error) {
	changes, page := dp.changes, dp.page
	var t PullTally
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		t = PullTally{Received: len(changes)}
		pa, err := preparePull(ctx, tx)
		if err != nil {
			return err
		}
		defer pa.close()
		if err := pa.lookup(page); err != nil {
			return err
		}
		for i := range page {
			if err := pa.apply(&page[i], &t); err != nil {
				return err
			}
		}
		if err := pa.flush(); err != nil {
			return err
		}
		if err := pa.unpark(&t); err != nil {
			return err
		}
		if err := pa.flush(); err != nil {
			return err
		}
		if err := pa.index.flush(ctx, tx); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_base WHERE parked = 1`).Scan(&t.Parked); err != nil {
			return err
		}
		return setMeta(ctx, tx, keyCursor, cursor)
	})
	return t, err
}

// localMeta is what the laptop has of a record now (found false: nothing).
type localMeta struct {
	found                      bool
	pk, rev                    int64
	team, updatedAt, deletedAt string
	status                     string // conflicts only
}

// puller applies one page inside its transaction. What it needs to know about the
// page's records (sync bases, waiting changes, local copies, parents) it reads in a
// few set-based queries first, not record by record; what it writes for most records
// (sync bases, feedback items, bookkeeping-only updates, parking) it collects and
// writes in multi-row statements (flush) before anything reads it back.
type puller struct {
	ctx                     context.Context
	tx                      *sql.Tx
	index                   bulkIndex
	bases2                  []baseRow           // sync bases to write
	fbRows                  []fbRow             // feedback items to write
	metaRows                map[string][][3]any // per table: pk, team, updated_at (bookkeeping only)
	parkRows                [][2]string         // entity, id of records to park
	indexed                 map[int64]bool      // session pks (odd) and feedback pks (even) noted for the index
	bases                   map[string]int64
	pending                 map[string]bool
	local                   map[string]localMeta // by table + id
	sent                    map[string]string    // sync base states of records here at the pulled revision
	sessions, projects      map[string]bool      // known to exist
	others                  map[string]bool      // other parents known to exist, by table + id
	sessionsDone, projsDone bool
}

func key(a, b string) string { return a + "\x00" + b }

// baseRow is a sync base to write (upsertBaseSQL).
type baseRow struct {
	entity, id string
	rev        int64
	state      []byte
}

// fbRow is a feedback item to write; isNew: it was not here before the page.
type fbRow struct {
	f     *involve.Feedback
	isNew bool
}

func preparePull(ctx context.Context, tx *sql.Tx) (*puller, error) {
	pa := &puller{ctx: ctx, tx: tx, indexed: map[int64]bool{}, metaRows: map[string][][3]any{},
		bases: map[string]int64{}, pending: map[string]bool{}, local: map[string]localMeta{}, sent: map[string]string{},
		sessions: map[string]bool{}, projects: map[string]bool{}}
	return pa, nil
}

func (pa *puller) close() {}

// Multi-row statements carry at most this many rows (sync bases: 4 values a row,
// feedback items 19; SQLite takes up to 32 766 values).
const (
	baseFlushRows     = 500
	feedbackFlushRows = 400
)

// flush writes what the page collected: sync bases first (a record parked below has
// its base already), then feedback items, bookkeeping-only updates and parking.
func (pa *puller) flush() error {
	for rows := pa.bases2; len(rows) > 0; {
		chunk := rows[:min(len(rows), baseFlushRows)]
		rows = rows[len(chunk):]
		args := make([]any, 0, 4*len(chunk))
		for _, r := range chunk {
			args = append(args, r.entity, r.id, r.rev, string(r.state))
		}
		if _, err := pa.tx.ExecContext(pa.ctx, upsertBasesSQL(len(chunk)), args...); err != nil {
			return err
		}
	}
	pa.bases2 = pa.bases2[:0]
	for rows := pa.fbRows; len(rows) > 0; {
		chunk := rows[:min(len(rows), feedbackFlushRows)]
		rows = rows[len(chunk):]
		if err := pa.writeFeedback(chunk); err != nil {
			return err
		}
	}
	pa.fbRows = pa.fbRows[:0]
	for table, list := range pa.metaRows {
		if _, err := pa.tx.ExecContext(pa.ctx, `UPDATE `+table+` SET team_id = j.value ->> 1, updated_at = j.value ->> 2
			FROM json_each(?) j WHERE `+table+`.pk = j.value ->> 0`, jsonList(list)); err != nil {
			return err
		}
		delete(pa.metaRows, table)
	}
	if len(pa.parkRows) > 0 {
		if _, err := pa.tx.ExecContext(pa.ctx, `UPDATE sync_base SET parked = 1 FROM json_each(?) j
			WHERE sync_base.entity = j.value ->> 0 AND sync_base.record_id = j.value ->> 1`, jsonList(pa.parkRows)); err != nil {
			return err
		}
		pa.parkRows = pa.parkRows[:0]
	}
	return nil
}

// writeFeedback upserts feedback items in one statement and notes them for the
// search index.
func (pa *puller) writeFeedback(rows []fbRow) error {
	args := make([]any, 0, 19*len(rows))
	isNew := make(map[string]bool, len(rows))
	for _, r := range rows {
		args = append(args, feedbackArgs(r.f)...)
		isNew[r.f.ID] = r.isNew
	}
	res, err := pa.tx.QueryContext(pa.ctx, putFeedbacksSQL(len(rows)), args...)
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
		if !pa.indexed[feedbackRow(pk)] {
			pa.indexed[feedbackRow(pk)] = true
			pa.index.feedbackItem(pk, isNew[id])
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
	upsertBasesOnce.Do(func() {
		i := strings.Index(upsertBaseSQL, "(?, ?, ?, ?, 0)")
		upsertBasesHead, upsertBasesTail = upsertBaseSQL[:i], upsertBaseSQL[i+len("(?, ?, ?, ?, 0)"):]
	})
	return upsertBasesHead + "(?, ?, ?, ?, 0)" + strings.Repeat(", (?, ?, ?, ?, 0)", n-1) + upsertBasesTail
}

// putFeedbacksSQL is putFeedbackSQL for n rows, returning each row's id and pk.
func putFeedbacksSQL(n int) string {
	putFeedbacksOnce.Do(func() {
		v := strings.Index(putFeedbackSQL, "VALUES (")
		c := strings.Index(putFeedbackSQL, "ON CONFLICT")
		if v < 0 || c < 0 || !strings.HasSuffix(putFeedbackSQL, "RETURNING pk") {
			panic("putFeedbackSQL changed: update putFeedbacksSQL")
		}
		putFeedbacksHead = putFeedbackSQL[:v] + "VALUES "
		putFeedbacksRow = strings.TrimSpace(putFeedbackSQL[v+len("VALUES ") : c])
		putFeedbacksTail = " " + strings.TrimSuffix(putFeedbackSQL[c:], "RETURNING pk") + "RETURNING id, pk"
	})
	return putFeedbacksHead + putFeedbacksRow + strings.Repeat(", "+putFeedbacksRow, n-1) + putFeedbacksTail
}

func jsonList(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// lookup reads, for the whole page, the sync bases, the records with a change
// waiting, the local copies, and which sessions and projects the page points at exist.
func (pa *puller) lookup(page []pulled) error {
	pairs := make([][2]string, 0, len(page))
	ids := map[string][]string{}
	var sessionRefs, projectRefs []string
	for _, p := range page {
		if p.table == "" {
			continue
		}
		pairs = append(pairs, [2]string{p.c.Entity, p.c.RecordID})
		ids[p.table] = append(ids[p.table], p.c.RecordID)
		if p.err == nil {
			switch table, id := parentOf(p.rec); table {
			case "sessions":
				sessionRefs = append(sessionRefs, id)
			case "projects":
				projectRefs = append(projectRefs, id)
			}
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	scan := func(query string, args []any, fn func(*sql.Rows) error) error {
		rows, err := pa.tx.QueryContext(pa.ctx, query, args...)
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
	list := jsonList(pairs)
	if err := scan(`SELECT b.entity, b.record_id, b.rev FROM json_each(?) j
		JOIN sync_base b ON b.entity = j.value ->> 0 AND b.record_id = j.value ->> 1`, []any{list}, func(r *sql.Rows) error {
		var e, id string
		var rev int64
		err := r.Scan(&e, &id, &rev)
		pa.bases[key(e, id)] = rev
		return err
	}); err != nil {
		return err
	}
	if err := scan(`SELECT DISTINCT o.entity, o.record_id FROM json_each(?) j
		JOIN outbox o ON o.entity = j.value ->> 0 AND o.record_id = j.value ->> 1 AND o.status = 'pending'`, []any{list}, func(r *sql.Rows) error {
		var e, id string
		err := r.Scan(&e, &id)
		pa.pending[key(e, id)] = true
		return err
	}); err != nil {
		return err
	}
	for table, list := range ids {
		extra := "''"
		if table == "conflicts" {
			extra = "status"
		}
		if err := scan(`SELECT id, pk, rev, team_id, updated_at, coalesce(deleted_at, ''), `+extra+` FROM `+table+
			` WHERE id IN (SELECT value FROM json_each(?))`, []any{jsonList(list)}, func(r *sql.Rows) error {
			var id string
			m := localMeta{found: true}
			err := r.Scan(&id, &m.pk, &m.rev, &m.team, &m.updatedAt, &m.deletedAt, &m.status)
			pa.local[key(table, id)] = m
			return err
		}); err != nil {
			return err
		}
	}
	// Records here at the pulled revision (this laptop's own changes coming back): their
	// sync base (what was sent) tells whether the server stored them as sent.
	var same [][2]string
	for _, p := range page {
		if m := pa.local[key(p.table, p.c.RecordID)]; p.table != "" && m.found && m.rev == p.c.Rev {
			same = append(same, [2]string{p.c.Entity, p.c.RecordID})
		}
	}
	if len(same) > 0 {
		if err := scan(`SELECT b.entity, b.record_id, b.state FROM json_each(?) j
			JOIN sync_base b ON b.entity = j.value ->> 0 AND b.record_id = j.value ->> 1`, []any{jsonList(same)}, func(r *sql.Rows) error {
			var e, id, state string
			err := r.Scan(&e, &id, &state)
			pa.sent[key(e, id)] = state
			return err
		}); err != nil {
			return err
		}
	}
	for _, ref := range []struct {
		table string
		ids   []string
		known map[string]bool
	}{{"sessions", sessionRefs, pa.sessions}, {"projects", projectRefs, pa.projects}} {
		if len(ref.ids) == 0 {
			continue
		}
		if err := scan(`SELECT id FROM `+ref.table+` WHERE id IN (SELECT value FROM json_each(?))`, []any{jsonList(ref.ids)}, func(r *sql.Rows) error {
			var id string
			err := r.Scan(&id)
			ref.known[id] = true
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// parentKnown reports whether the record a record points at is here.
func (pa *puller) parentKnown(rec any) (bool, error) {
	table, id := parentOf(rec)
	var known map[string]bool
	k := id
	switch table {
	case "":
		return true, nil
	case "sessions":
		known = pa.sessions
	case "projects":
		known = pa.projects
	default:
		if pa.others == nil {
			pa.others = map[string]bool{}
		}
		known, k = pa.others, key(table, id)
	}
	if known[k] {
		return true, nil
	}
	// not in the page's lookup (a parked record being retried): ask
	var one int
	err := pa.tx.QueryRowContext(pa.ctx, `SELECT 1 FROM `+table+` WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	known[k] = true
	return true, nil
}

func (pa *puller) apply(p *pulled, t *PullTally) error {
	c := p.c
	if p.table == "" {
		t.Skipped++
		return nil
	}
	k := key(c.Entity, c.RecordID)
	if rev, ok := pa.bases[k]; ok && rev > c.Rev {
		t.Kept++ // this laptop knows a newer state already
		return nil
	}
	pa.bases2 = append(pa.bases2, baseRow{entity: c.Entity, id: c.RecordID, rev: c.Rev, state: c.State})
	pa.bases[k] = c.Rev
	if pa.pending[k] {
		t.Kept++
		return nil
	}
	if p.err != nil {
		t.Skipped++
		return nil
	}
	written, err := pa.write(p.table, p.rec, p.meta, pa.local[key(p.table, c.RecordID)], pa.sent[k], c.State)
	if err != nil {
		return fmt.Errorf("store pulled %s %s: %w", c.Entity, c.RecordID, err)
	} else if !written {
		return nil
	}
	t.Written++
	if cf, ok := p.rec.(*involve.Conflict); ok && !pa.local[key(p.table, c.RecordID)].found && cf.Status == involve.ConflictOpen && cf.DeletedAt == "" {
		t.NewConflicts++
	}
	return nil
}

// write stores a pulled record unless it is here already at the same revision; a
// record whose session or project is not here yet is parked.
func (pa *puller) write(table string, rec any, meta *involve.Meta, cur localMeta, sent string, state []byte) (bool, error) {
	if cur.found && cur.rev == meta.Rev && sent != "" && sameContent([]byte(sent), state) {
		// The same version (this laptop's own change, back from the server, stored as
		// sent): only what the server stamps on what it stores differs.
		if cf, ok := rec.(*involve.Conflict); ok && cf.Status != cur.status {
			return pa.put(rec, cur)
		}
		if cur.team == meta.TeamID && cur.updatedAt == meta.UpdatedAt {
			return false, nil
		}
		pa.metaRows[table] = append(pa.metaRows[table], [3]any{cur.pk, meta.TeamID, meta.UpdatedAt})
		return true, nil
	}
	if ok, err := pa.parentKnown(rec); err != nil || !ok {
		if err == nil {
			pa.parkRows = append(pa.parkRows, [2]string{entityOf(rec), meta.ID})
		}
		return false, err
	}
	return pa.put(rec, cur)
}

func entityOf(rec any) string {
	switch v := rec.(type) {
	case *involve.Project:
		return involve.EntityProject
	case *involve.Session:
		return involve.EntitySession
	case *involve.Feedback:
		return involve.EntityFeedback
	case *involve.Theme:
		return involve.EntityTheme
	case *involve.Conflict:
		return involve.EntityConflict
	case involve.Doc:
		return v.DocEntity()
	}
	return ""
}

// put writes a pulled record; sessions and feedback are indexed for search at the end
// of the page (bulkIndex).
func (pa *puller) put(rec any, cur localMeta) (bool, error) {
	switch v := rec.(type) {
	case *involve.Session:
		pk, err := upsertSession(pa.ctx, pa.tx, v)
		if err != nil {
			return false, err
		}
		if !pa.indexed[sessionRow(pk)] {
			pa.indexed[sessionRow(pk)] = true
			pa.index.session(pk, !cur.found)
		}
		pa.sessions[v.ID] = true
		return true, nil
	case *involve.Feedback:
		pa.fbRows = append(pa.fbRows, fbRow{f: v, isNew: !cur.found})
		return true, nil
	case *involve.Project:
		pa.projects[v.ID] = true
	}
	return true, putRecord(pa.ctx, pa.tx, rec)
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
			if ok, err := pa.parentKnown(rec); err != nil {
				return err
			} else if !ok {
				continue
			}
			if _, err := pa.tx.ExecContext(pa.ctx, `UPDATE sync_base SET parked = 0 WHERE entity = ? AND record_id = ?`, c.Entity, c.RecordID); err != nil {
				return err
			}
			progress = true
			var waiting int
			if err := pa.tx.QueryRowContext(pa.ctx, `SELECT count(*) FROM outbox WHERE entity = ? AND record_id = ? AND status = 'pending'`,
				c.Entity, c.RecordID).Scan(&waiting); err != nil {
				return err
			} else if waiting > 0 {
				continue
			}
			meta.ID, meta.Rev = c.RecordID, c.Rev
			table := tableOf(c.Entity)
			var cur localMeta
			err = pa.tx.QueryRowContext(pa.ctx, `SELECT pk, rev FROM `+table+` WHERE id = ?`, c.RecordID).Scan(&cur.pk, &cur.rev)
			if err == nil {
				cur.found = true
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if _, err := pa.put(rec, cur); err != nil {
				return fmt.Errorf("store pulled %s %s: %w", c.Entity, c.RecordID, err)
			}
			t.Written++
		}
		if !progress {
			return nil
		}
	}
}

// stamped are the fields the server sets on what it stores, and the derived counts a
// state carries: they do not make two versions of a record different.
var stamped = map[string]bool{"teamId": true, "rev": true, "updatedAt": true,
	"projectName": true, "feedbackCount": true, "sessionCount": true, "usage": true}

// sameContent reports whether two states of a record agree on every field but the
// stamped ones (a server that normalises what it stores makes them differ).
func sameContent(a, b []byte) bool {
	if sameFields(a, b) {
		return true
	}
	var ma, mb map[string]json.RawMessage
	if json.Unmarshal(a, &ma) != nil || json.Unmarshal(b, &mb) != nil {
		return false
	}
	for k, v := range ma {
		if !stamped[k] && !syncapi.Equal(v, mb[k]) {
			return false
		}
	}
	for k, v := range mb {
		if _, ok := ma[k]; !ok && !stamped[k] && !syncapi.Equal(v, nil) {
			return false
		}
	}
	return true
}

// sameFields is sameContent's quick answer for the usual case, both states written by
// json.Marshal of the same type: the same fields in the same order with the same
// bytes, the stamped ones aside. false means "look closer" (sameContent does).
func sameFields(a, b []byte) bool {
	type field struct{ k, v []byte }
	var fa [48]field
	list := fa[:0]
	if !syncwire.Fields(a, func(k, v []byte) bool {
		if !stamped[string(k)] {
			list = append(list, field{k, v})
		}
		return true
	}) {
		return false
	}
	i := 0
	return syncwire.Fields(b, func(k, v []byte) bool {
		if stamped[string(k)] {
			return true
		}
		if i >= len(list) || !bytes.Equal(list[i].k, k) || !bytes.Equal(list[i].v, v) {
			return false
		}
		i++
		return true
	}) && i == len(list)
}
