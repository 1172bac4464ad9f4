package server_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncwire"
)

// TestAppliedResultIsTheServersBytes: serverstore.AppliedResult, the result a store may
// keep by a new record's row, is byte for byte what the server saves for a change
// applied as sent (a store compares the two to know which results it need not write).
func TestAppliedResultIsTheServersBytes(t *testing.T) {
	for _, c := range []struct {
		id   string
		rev  int64
		kept bool
	}{
		{"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d01", 1, true},
		{"0195F3A4-7C1E-7A2B-9D4E-3F5A6B7C8D01", 118302938472, true},
		{"plain-id-9", 7, true},
		{"with <escapes> & quotes\"", 1, false},
		{"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d01", 0, false},
		{"", 1, false},
	} {
		want, err := syncwire.AppendResult(nil, &syncapi.Result{ChangeID: c.id, Status: syncapi.StatusApplied, Rev: c.rev})
		if err != nil {
			t.Fatal(err)
		}
		got := serverstore.AppliedResult(c.id, c.rev)
		if c.kept && string(got) != string(want) {
			t.Errorf("AppliedResult(%q, %d) = %s, want the server's %s", c.id, c.rev, got, want)
		} else if !c.kept && got != nil {
			t.Errorf("AppliedResult(%q, %d) = %s, want none (stored as it is)", c.id, c.rev, got)
		}
	}
}

// TestNewRecordsResultKeptByRow: a push of new records on the SQLite store writes no
// change result (the rows stand for them, migration 0012), and the same changes sent
// again are answered "duplicate" with their revisions, as when every result was
// stored.
func TestNewRecordsResultKeptByRow(t *testing.T) {
	st, err := serversqlite.Open(context.Background(), filepath.Join(t.TempDir(), serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := servertest.NewEnvOn(t, st)
	d := e.Enrol(e.Team("Results").ID)
	changes := []syncapi.Change{d.Change("feedback", benchFeedback(1), 0), d.Change("feedback", benchFeedback(2), 0)}
	first := d.Push(changes...)
	db, err := sql.Open("sqlite3", st.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM change_results").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d change results stored for a push of new records, want none (the rows stand for them)", n)
	}
	again := d.Push(changes...)
	for i := range changes {
		if first[i].Status != syncapi.StatusApplied || again[i].Status != syncapi.StatusDuplicate || again[i].Rev != first[i].Rev || again[i].ChangeID != changes[i].ChangeID {
			t.Errorf("change %d: first %+v, sent again %+v; want applied, then duplicate at the same revision", i, first[i], again[i])
		}
	}
}
