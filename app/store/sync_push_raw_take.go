package store

import (
	"database/sql/driver"
	"encoding/json"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/hin-south-london/involve/app/syncer"
)

// The take of a push's batch (Take) read through go-sqlite3's own rows (sync_push_raw.go),
// an import feedback entry with its row: the take's join already finds the row (its
// revision and id), so the row's columns come with it and the entry's state is written
// from them as it is read (appendState, the bytes json.Marshal writes), instead of
// fillLight reading every row again by its pk (issue 17, the laptop's push, round 6).

// takeRawSQL is takeSQL with feedbackCols after the entry's columns: an import
// feedback entry's row's, NULL for the others (the outbox's, and sessions', which
// fillLight reads). A feedback row gone leaves its columns NULL: the entry is left to
// fillLight, which says so.
const takeRawSQL = `SELECT seq, 0, 0, coalesce(change_id, ''), entity, record_id, base_rev, rev, state, status, error,
		NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
		FROM outbox WHERE status = 'pending' AND seq > ?1 AND seq <= ?2
	UNION ALL SELECT i.seq, 1, i.rec >> 1, coalesce(i.change_id, ''), iif(i.rec & 1, 'session', 'feedback'),
		coalesce(iif(i.rec & 1, s.id, f.id), ''), i.base_rev, coalesce(iif(i.rec & 1, s.rev, f.rev), 0), '', 'pending', '',
		` + feedbackCols + `
		FROM outbox_import i LEFT JOIN sessions s ON i.rec & 1 = 1 AND s.pk = i.rec >> 1
		LEFT JOIN feedback f ON i.rec & 1 = 0 AND f.pk = i.rec >> 1 WHERE i.seq > ?1 AND i.seq <= ?2
	ORDER BY 1 LIMIT ?3`

// takeRawCols: the entry's 11 columns and feedbackCols' 20.
const takeRawCols = 11 + 20

// takeRaw reads Take's entries (and which are import entries) through the connection
// itself; errRawValue: a value it does not convert (Take reads them again through
// database/sql).
func (t *syncTx) takeRaw(after, upTo int64, n int, busy func(syncer.Key) bool) ([]syncer.OutboxEntry, []bool, error) {
	out := make([]syncer.OutboxEntry, 0, min(n, 4096))
	imported := make([]bool, 0, min(n, 4096))
	var row feedbackStateRow
	var slab []byte // the states written, one after the other (each entry's capped to its own)
	err := t.rawRun(func(c *sqlite3.SQLiteConn) error {
		return t.raw.query(c, takeRawSQL, takeRawCols, []driver.Value{after, upTo, int64(n)}, func(v []driver.Value) (bool, error) {
			var e syncer.OutboxEntry
			var imp int64
			var state string
			var ok [11]bool
			e.Seq, ok[0] = rawInt(v[0])
			imp, ok[1] = rawInt(v[1])
			e.Row, ok[2] = rawInt(v[2])
			e.ChangeID, ok[3] = rawString(v[3])
			e.Entity, ok[4] = rawString(v[4])
			e.RecordID, ok[5] = rawString(v[5])
			e.BaseRev, ok[6] = rawInt(v[6])
			e.Rev, ok[7] = rawInt(v[7])
			state, ok[8] = rawString(v[8])
			e.Status, ok[9] = rawString(v[9])
			e.Error, ok[10] = rawString(v[10])
			if ok != [11]bool{true, true, true, true, true, true, true, true, true, true, true} || (imp != 0 && imp != 1) {
				return false, errRawValue
			}
			if busy != nil && busy(syncer.Key{Entity: e.Entity, ID: e.RecordID}) {
				return false, nil
			}
			if state != "" {
				e.State = json.RawMessage(state)
			} else if imp == 1 && v[11] != nil && row.fromValues(v[11:]) {
				start := len(slab)
				if slab == nil {
					slab = make([]byte, 0, 640*n)
				}
				slab = row.appendState(slab)
				e.State = json.RawMessage(slab[start:len(slab):len(slab)])
			}
			out = append(out, e)
			imported = append(imported, imp == 1)
			return true, nil
		})
	})
	if len(out) == 0 {
		return nil, nil, err // (as takeRows)
	}
	return out, imported, err
}

// fromValues sets r from one row of feedbackCols' values as go-sqlite3 reads them, as
// scan would through database/sql; false: a value of another type (scan it).
func (r *feedbackStateRow) fromValues(v []driver.Value) bool {
	f := &r.f
	var ok [20]bool
	f.ID, ok[0] = rawString(v[0])
	f.SessionID, ok[1] = rawString(v[1])
	f.Source, ok[2] = rawString(v[2])
	f.Text, ok[3] = rawString(v[3])
	r.rating.Int64, r.rating.Valid = rawInt(v[4])
	ok[4] = r.rating.Valid || v[4] == nil
	r.themes, ok[5] = rawString(v[5])
	f.QuoteConsent, ok[6] = rawBool(v[6])
	f.NeedsResponse, ok[7] = rawBool(v[7])
	f.AgeBand, ok[8] = rawString(v[8])
	f.EthnicGroup, ok[9] = rawString(v[9])
	f.Borough, ok[10] = rawString(v[10])
	f.CapturedBy, ok[11] = rawString(v[11])
	f.CreatedAt, ok[12] = rawString(v[12])
	f.UpdatedAt, ok[13] = rawString(v[13])
	f.CreatedBy, ok[14] = rawString(v[14])
	f.DeviceID, ok[15] = rawString(v[15])
	f.Rev, ok[16] = rawInt(v[16])
	f.DeletedAt, ok[17] = rawString(v[17])
	f.TeamID, ok[18] = rawString(v[18])
	f.Answered, ok[19] = rawBool(v[19])
	for _, b := range ok {
		if !b {
			return false
		}
	}
	return true
}
