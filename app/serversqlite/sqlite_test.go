package serversqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/serverstoretest"
)

// MustOpen opens a migrated store in a temporary directory.
func MustOpen(t testing.TB) *serversqlite.Store {
	t.Helper()
	s, err := serversqlite.Open(context.Background(), filepath.Join(t.TempDir(), serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		s.Close()
		t.Fatal(err)
	}
	return s
}

func TestStore(t *testing.T) {
	serverstoretest.Run(t, func(t *testing.T) serverstore.Store { return MustOpen(t) })
}

func TestUsageBackfill(t *testing.T) {
	s, err := serversqlite.Open(context.Background(), filepath.Join(t.TempDir(), serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	serverstoretest.UsageBackfill(t, s, func(n int) error { return s.MigrateTo(context.Background(), n) },
		func(q string) error { return s.Exec(context.Background(), q) })
}

func TestRolesBackfill(t *testing.T) {
	s, err := serversqlite.Open(context.Background(), filepath.Join(t.TempDir(), serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	serverstoretest.RolesBackfill(t, s, func(n int) error { return s.MigrateTo(context.Background(), n) },
		func(q string) error { return s.Exec(context.Background(), q) })
}

func TestAuditTamper(t *testing.T) {
	serverstoretest.RunAuditTamper(t, serverstoretest.Tamper{
		Open: func(t *testing.T) (serverstore.Store, func(string) error) {
			s := MustOpen(t)
			db, err := sql.Open("sqlite3", s.Path())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return s, func(q string) error { _, err := db.Exec(q); return err }
		},
		MoveToEnd: "UPDATE audit SET pk = (SELECT max(pk) + 1 FROM audit) WHERE seq = 2",
	})
}

// TestSharedFirstState: a new record's first revision is not written to revisions, its
// record's row stands for it (migration 0010), and every reader is right.
func TestSharedFirstState(t *testing.T) {
	s := MustOpen(t)
	defer s.Close()
	serverstoretest.SharedFirstState(t, s, func(teamID string) int {
		n, err := s.QueryInt(context.Background(), "SELECT count(*) FROM revisions WHERE team_id = ?", teamID)
		if err != nil {
			t.Fatal(err)
		}
		return n
	})
}

// TestRowKeptResults: a new record's applied result is kept by its row, not stored
// (migration 0012), and every reader is right.
func TestRowKeptResults(t *testing.T) {
	s := MustOpen(t)
	defer s.Close()
	serverstoretest.RowKeptResults(t, s, true, func(teamID string) int {
		n, err := s.QueryInt(context.Background(), "SELECT count(*) FROM change_results WHERE team_id = ?", teamID)
		if err != nil {
			t.Fatal(err)
		}
		return n
	})
}
