package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/store"
)

// stdoutOf runs fn with os.Stdout going to a file, and returns what was written.
func stdoutOf(t *testing.T, fn func()) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = f
	fn()
	os.Stdout = old
	f.Close()
	b, _ := os.ReadFile(f.Name())
	return string(b)
}

// TestImportMakesALargeImportSearchable: a large import is committed first and then
// made searchable before the command exits, saying so (store.CatchUpSearchIndex);
// nothing is left waiting, and search finds the records.
func TestImportMakesALargeImportSearchable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "large.jsonl")
	var b strings.Builder
	sid := uuid.NewString()
	fmt.Fprintf(&b, `{"kind":"session","id":%q,"title":"Stall","date":"2026-01-10","borough":"Croydon","type":"workshop","level":"involve","facilitator":"Sam Quinn","attendees":20,"notes":"n"}`+"\n", sid)
	const n = 2100 // a large import: its index written after its commit
	for j := 0; j < n; j++ {
		fmt.Fprintf(&b, `{"kind":"feedback","id":%q,"session_id":%q,"created_at":"2026-01-10T11:30:34Z","channel":"comment card","rating":3,"themes":["waiting times"],"comment":"Wombat card %d","age_band":"25-34","ethnic_group":"Black","borough":"Croydon","captured_by":"Owen N."}`+"\n",
			uuid.NewString(), sid, j)
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var code int
	out := stdoutOf(t, func() { code = runCommand("import", []string{"--data-dir", dir, file}) })
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	for _, want := range []string{fmt.Sprintf("making %d records searchable", n+1), fmt.Sprintf("%d records searchable in", n+1)} {
		if !strings.Contains(out, want) {
			t.Errorf("the import does not say %q:\n%s", want, out)
		}
	}
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if left, err := db.SearchBacklog(ctx); err != nil || left != 0 {
		t.Errorf("left to index: %d (%v)", left, err)
	}
	if res, err := db.Search(ctx, "wombat", 10); err != nil || len(res) != 10 {
		t.Errorf("search after the import: %d results (%v)", len(res), err)
	}
}
