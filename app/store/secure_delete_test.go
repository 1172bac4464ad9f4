package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// TestSecureDelete: a partner's detail the laptop replaces does not stay in its
// database file. The laptop keeps no history of a record: an edit rewrites the
// record's row and its waiting change in the outbox (one entry per record until it is
// sent), so the old value is nowhere the app can read. (Rows the app deletes outright,
// as a lowered role's removal does, are tested in app/synctest, roles_test.go.) Without secure deletion SQLite leaves the old
// bytes in the page's free space or in free pages, where a byte search of involve.db
// finds them after a checkpoint (this test then fails); with it (sqliteOptions), they
// are zeros. The search index is not tested here: FTS5 keeps a replaced term in its
// segments until they merge, whatever secure_delete says (docs/privacy.md), and it
// indexes only session titles and notes and feedback text, never a partner.
func TestSecureDelete(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "involve.db")
	db, err := store.Open(ctx, path, store.Options{NoBackupBeforeMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.SetPassphrase(t, db) // a laptop holds partners only with a passphrase
	var on int
	if err := db.QueryRowForTest(ctx, "PRAGMA secure_delete").Scan(&on); err != nil || on != 1 {
		t.Errorf("PRAGMA secure_delete = %d, %v; want 1", on, err)
	}

	// (A field that is not sealed: sealed ones are never in the file in plain text at
	// all, sealing_test.go.)
	c, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Sam Placeholder", PaymentPreference: "payroll",
		Role: "zorbicoldrole panel member"}, lepConsent())
	if err != nil {
		t.Fatal(err)
	}
	edited := *c
	// Longer than the old value: the new row cannot take the old one's place in the
	// page (where it would overwrite the old bytes by chance, with or without secure
	// deletion), so the old row's bytes are left as free space.
	edited.Role = "panel member, reviewer of the patient leaflets, co-chair of the steering group in the main hall"
	if _, err := db.UpdateContributor(ctx, c.ID, nil, &edited); err != nil {
		t.Fatal(err)
	}
	var busy, logged, done int
	if err := db.QueryRowForTest(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done); err != nil || busy != 0 {
		t.Fatalf("checkpoint: busy %d, %v", busy, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("co-chair of the steering group in the main hall")) {
		t.Fatal("the new values are not in involve.db: the search below proves nothing")
	}
	for _, old := range []string{"zorbicoldrole"} {
		if n := bytes.Count(b, []byte(old)); n > 0 {
			t.Errorf("involve.db still holds the replaced value %q (%d times)", old, n)
		}
	}
}
