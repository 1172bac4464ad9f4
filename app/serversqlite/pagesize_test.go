package serversqlite

import (
	"context"
	"testing"
)

// A new server file has 16 KiB pages (db.go: the push writes fewer, larger pages).
func TestNewFilePageSize(t *testing.T) {
	s := openGroupTest(t)
	var size int
	if err := s.reader.QueryRowContext(context.Background(), "PRAGMA page_size").Scan(&size); err != nil {
		t.Fatal(err)
	}
	if size != 16384 {
		t.Errorf("page size %d, want 16384", size)
	}
}
