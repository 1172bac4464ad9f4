package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// queryPlan is EXPLAIN QUERY PLAN of q, one step per line.
func queryPlan(t *testing.T, db *DB, q string, args ...any) string {
	t.Helper()
	rows, err := db.reader.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, detail)
	}
	return strings.Join(steps, "\n")
}

// TestReportQueryPlans: an unfiltered (or broad) report reads feedback in storage
// order and sorts it by id (not through the id index: a page read per item when the
// ids are random); a narrow one starts from its sessions and sorts only their items.
func TestReportQueryPlans(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	for i := 0; i < 8; i++ {
		borough := "E09000008"
		if i == 0 {
			borough = "E09000022"
		}
		s, err := db.CreateSession(ctx, involve.SessionInput{Title: fmt.Sprint("s", i), Date: "2026-01-0" + fmt.Sprint(i+1), Type: "workshop", Borough: borough})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "card"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name    string
		f       report.Filter
		want    []string
		wantNot string
	}{
		{"Everything", report.Filter{}, []string{"SCAN f\n", "SEARCH s USING INDEX sqlite_autoindex_sessions_1 (id=?)", "USE TEMP B-TREE FOR ORDER BY"}, "feedback_1"},
		{"Broad", report.Filter{Borough: "E09000008"}, []string{"SCAN f\n", "USE TEMP B-TREE FOR ORDER BY"}, "feedback_1"},
		{"Narrow", report.Filter{Borough: "E09000022"}, []string{"SCAN s", "SEARCH f USING INDEX feedback_session_id (session_id=?)", "USE TEMP B-TREE FOR ORDER BY"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			q, args, err := db.reportFeedbackQuery(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			plan := queryPlan(t, db, q, args...)
			for _, w := range c.want {
				if !strings.Contains(plan, w) {
					t.Errorf("plan lacks %q:\n%s", w, plan)
				}
			}
			if c.wantNot != "" && strings.Contains(plan, c.wantNot) {
				t.Errorf("plan has %q:\n%s", c.wantNot, plan)
			}
			n := 0
			if err := db.Feedback(ctx, c.f, func(*involve.Feedback) error { n++; return nil }); err != nil || n == 0 {
				t.Fatalf("%d items, %v", n, err)
			}
		})
	}
}

// TestReportFeedbackSortSpills: the sort of a whole report's feedback by id runs on a
// query-only read connection with a 2 MB page cache, so for more than that it writes
// sorted runs to temporary files and merges them. Every item comes once, by id.
func TestReportFeedbackSortSpills(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "s", Date: "2026-01-01", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	const n = 6000 // × 1 KB of text: 6 MB to sort
	text := strings.Repeat("A long card about the clinic. ", 34)
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		id := fmt.Sprintf("%08x-0000-4000-8000-%012x", (i*7919)%n, i) // ids out of storage order
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback (id, session_id, source, text, created_at, updated_at, rev)
			VALUES (?, ?, 'comment_card', ?, '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z', 1)`, id, s.ID, text); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	if err := db.Feedback(ctx, report.Filter{}, func(fb *involve.Feedback) error {
		ids = append(ids, fb.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(ids) != n {
		t.Fatalf("%d items, want %d", len(ids), n)
	}
	for i := 1; i < n; i++ {
		if ids[i-1] >= ids[i] {
			t.Fatalf("items %d and %d out of order: %s, %s", i-1, i, ids[i-1], ids[i])
		}
	}
}

func TestDecodeIDList(t *testing.T) {
	for in, want := range map[string][]string{
		``:                       {},
		`[]`:                     {},
		`["a"]`:                  {"a"},
		`["a","b","c"]`:          {"a", "b", "c"},
		`[ "a", "b" ]`:           {"a", "b"},
		`["a\"b","c"]`:           {`a"b`, "c"},
		`["caf\u00e9"]`:          {"café"},
		`["a",]`:                 {},
		`["a"`:                   {},
		`not json`:               {},
		`[1,2]`:                  {},
		`["0195f3a4-7c1e-7a2b"]`: {"0195f3a4-7c1e-7a2b"},
	} {
		if got := decodeIDList([]byte(in)); !reflect.DeepEqual(got, want) {
			t.Errorf("decodeIDList(%s) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkDecodeIDList(b *testing.B) {
	in := []byte(`["` + involve.ThemeIDFor("Access") + `","` + involve.ThemeIDFor("Waiting times") + `"]`)
	for range b.N {
		decodeIDList(in)
	}
}

// TestReportScanCache: the feedback scan runs with a small page cache and gives the
// connection back to the pool with its own.
func TestReportScanCache(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "involve.db"), Options{ReadConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "s", Date: "2026-01-01", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "card"}); err != nil {
		t.Fatal(err)
	}
	var before, during, after int
	db.reader.QueryRow("PRAGMA cache_size").Scan(&before)
	err = db.scanReader(ctx, func(conn *sql.Conn) error {
		return conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&during)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Count(ctx, report.Filter{}); err != nil {
		t.Fatal(err)
	}
	if err := db.Feedback(ctx, report.Filter{}, func(*involve.Feedback) error { return nil }); err != nil {
		t.Fatal(err)
	}
	db.reader.QueryRow("PRAGMA cache_size").Scan(&after)
	if before != -16000 || during != -reportCacheKiB || after != before {
		t.Fatalf("cache_size %d before, %d during, %d after", before, during, after)
	}
}
