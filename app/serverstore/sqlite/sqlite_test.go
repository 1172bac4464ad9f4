package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/serverstore/sqlite"
	"github.com/hin-south-london/involve/app/serverstore/storetest"
)

// MustOpen opens a migrated store in a temporary directory.
func MustOpen(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), sqlite.FileName))
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
	storetest.Run(t, func(t *testing.T) serverstore.Store { return MustOpen(t) })
}
