package jsonl_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
)

func TestExportFile(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "Exported", Date: "2026-01-05", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "all.jsonl")
	n, err := jsonl.ExportFile(ctx, db, path, "test")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := export(t, db); n == 0 || withoutHeader(b) != withoutHeader(want) || bytes.Count(b, []byte("\n")) != n+1 {
		t.Fatalf("%d records; the file differs from Export's:\n%s", n, b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the folder holds %v", entries)
	}

	t.Run("FailureLeavesNoFile", func(t *testing.T) {
		dir := t.TempDir()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := jsonl.ExportFile(cctx, db, filepath.Join(dir, "all.jsonl"), "test"); err == nil {
			t.Fatal("a cancelled export succeeded")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("left %v", entries)
		}
	})
}
