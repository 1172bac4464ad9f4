package serverstore

import "strconv"

// AppliedResult is the stored result of a change that applied as sent: exactly the
// bytes the server writes for {"changeId", "status": "applied", "rev"} (app/server
// checks that they are the same). A store may keep no row for such a result when the
// change created its record and the record's row stands for the revision it made
// (rev_change_id: both stores' migration 0010): the row then stands for the result
// too, and the store gives these bytes back for the change id until the row moves on,
// when it writes them down (docs/decisions.md, "a new record's change result kept by
// its row"). nil for a change id of other characters than letters, digits and '-' (a
// UUID's), or a revision below 1: its result is stored as it is.
func AppliedResult(changeID string, rev int64) []byte {
	if !plainID(changeID) || rev <= 0 {
		return nil
	}
	b := make([]byte, 0, len(`{"changeId":"","status":"applied","rev":}`)+len(changeID)+20)
	b = append(b, `{"changeId":"`...)
	b = append(b, changeID...)
	b = append(b, `","status":"applied","rev":`...)
	b = strconv.AppendInt(b, rev, 10)
	return append(b, '}')
}

// AppliedResultSQL is AppliedResult in SQL, of a change id column and a revision
// column of the records' rows (both stores' keepRowResultsSQL, which write the results
// rows stood for into change_results): the change id is written as it is, as a row
// stands only for a change id of plain characters (RowMayKeep).
func AppliedResultSQL(changeID, rev string) string {
	return `'{"changeId":"' || ` + changeID + ` || '","status":"applied","rev":' || ` + rev + ` || '}'`
}

// RowMayKeep says whether a record's row may stand for the result of changeID, a
// change about the record recordID: AppliedResult writes one for it. When it is false
// a store looks for the stored result only.
func RowMayKeep(changeID, recordID string) bool { return recordID != "" && plainID(changeID) }

// plainID says whether id is non-empty and only letters, digits and '-': written in
// JSON as it is, whatever the encoder.
func plainID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
			return false
		}
	}
	return true
}

// KeptByRow says which of the results a store's write transaction is about to store
// the records' rows will stand for (by change id): a new record's (changeOf: record id
// to the change its row stands for, Fresh.RowRevisions; recs: the records as put) whose
// result is AppliedResult of the change and the record's revision, saved by the device
// the record's row names. result looks up a result saved in the transaction.
func KeptByRow(changeOf map[string]string, recs map[string]*Record, result func(changeID string) (deviceID string, raw []byte, ok bool)) map[string]bool {
	kept := map[string]bool{}
	for id, change := range changeOf {
		dev, raw, ok := result(change)
		r := recs[id]
		if !ok || r == nil || dev != r.DeviceID {
			continue
		}
		if want := AppliedResult(change, r.Rev); want != nil && string(want) == string(raw) {
			kept[change] = true
		}
	}
	return kept
}
