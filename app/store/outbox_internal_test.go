package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/uuid"
)

// An entry rejected before it had a change id (an import's light entry never taken)
// gets a random UUID of its own, one per row; an entry that has one keeps it.
func TestKeepChangeIDSQL(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.writer.ExecContext(ctx, `INSERT INTO outbox(change_id, entity, record_id, base_rev, rev, state, created_at, updated_at)
		VALUES (NULL, 'feedback', 'a', 0, 1, '', '', ''), (NULL, 'feedback', 'b', 0, 2, '', '', ''),
		('0195f3a4-7777-7000-8000-000000000009', 'feedback', 'c', 0, 3, '', '', '')`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.writer.ExecContext(ctx, `UPDATE outbox SET status = 'rejected', `+keepChangeIDSQL); err != nil {
		t.Fatal(err)
	}
	rows, err := db.reader.QueryContext(ctx, `SELECT record_id, change_id FROM outbox ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var rec, id string
		if err := rows.Scan(&rec, &id); err != nil {
			t.Fatal(err)
		}
		u, err := uuid.Parse(id)
		if err != nil || seen[id] || (rec != "c" && (u.Version() != 4 || u.Variant() != uuid.RFC4122 || u.String() != id)) {
			t.Fatalf("%s: change id %q (%v)", rec, id, err)
		}
		if rec == "c" && id != "0195f3a4-7777-7000-8000-000000000009" {
			t.Fatalf("an existing change id was replaced: %q", id)
		}
		seen[id] = true
	}
	if len(seen) != 3 {
		t.Fatalf("%d rows", len(seen))
	}
}
