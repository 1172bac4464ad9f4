package serversqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/serversqlite"
)

// TestRecordsOneKey: migration 0009 keys records by (id, team_id), which serves the
// lookups by id alone too, so a push writes one B-tree fewer a record; the rows are
// kept, a record's id stays unique within its team and may be another team's too.
func TestRecordsOneKey(t *testing.T) {
	ctx := context.Background()
	s, err := serversqlite.Open(ctx, filepath.Join(t.TempDir(), serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.MigrateTo(ctx, 8); err != nil {
		t.Fatal(err)
	}
	const at = "'2026-12-07T05:00:00.000000Z'"
	for _, q := range []string{
		"INSERT INTO teams(id, name, seq, created_at) VALUES ('A', 'Team A', 2, " + at + "), ('B', 'Team B', 1, " + at + ")",
		"INSERT INTO records(team_id, id, entity, rev, seq, state, device_id, updated_at) VALUES " +
			"('A', 'r2', 'note', 5, 1, '{\"id\":\"r2\"}', 'd', " + at + "), ('A', 'r1', 'note', 3, 2, '{\"id\":\"r1\"}', 'd', " + at + "), " +
			"('B', 'r1', 'note', 7, 1, '{\"id\":\"r1\",\"b\":1}', 'e', " + at + ")",
	} {
		if err := s.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got []string
	rows, err := db.Query("SELECT team_id || ' ' || id || ' ' || rev || ' ' || seq || ' ' || state || ' ' || device_id FROM records ORDER BY team_id, seq")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var r string
		rows.Scan(&r)
		got = append(got, r)
	}
	rows.Close()
	want := []string{`A r2 5 1 {"id":"r2"} d`, `A r1 3 2 {"id":"r1"} d`, `B r1 7 1 {"id":"r1","b":1} e`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("records after the migration:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var indexes []string
	rows, err = db.Query("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'records' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		indexes = append(indexes, n)
	}
	rows.Close()
	if w := "records_team_entity_id records_team_seq sqlite_autoindex_records_1"; strings.Join(indexes, " ") != w {
		t.Errorf("indexes of records: %v, want %s", indexes, w)
	}
	var plan, detail string
	var a, b int
	if err := db.QueryRow("EXPLAIN QUERY PLAN SELECT state FROM records WHERE id = 'r1'").Scan(&a, &b, &plan, &detail); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(detail, "sqlite_autoindex_records_1 (id=?)") {
		t.Errorf("a lookup by id: %q, want the key", detail)
	}
	if _, err := db.Exec("INSERT INTO records(team_id, id, entity, rev, seq, state, device_id, updated_at) VALUES ('A', 'r1', 'note', 9, 3, '{}', 'd', " + at + ")"); err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Errorf("a second r1 in team A: %v, want a UNIQUE constraint failure", err)
	}
}

// TestRecordsByEntityPlans: migration 0011 leaves feedback items out of the index by
// entity (a push of feedback with random ids wrote most of it again at every commit),
// and a team's records of one entity are still read by id without a sort: feedback
// through the records' key, the other entities through the index. Each page of a sort
// would read every record of the team.
func TestRecordsByEntityPlans(t *testing.T) {
	s := MustOpen(t)
	defer s.Close()
	db, err := sql.Open("sqlite3", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var def string
	if err := db.QueryRow("SELECT sql FROM sqlite_schema WHERE name = 'records_team_entity_id'").Scan(&def); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(def, "WHERE entity <> 'feedback'") {
		t.Errorf("records_team_entity_id: %s, want feedback left out", def)
	}
	for _, c := range []struct{ entity, index string }{
		{"feedback", "sqlite_autoindex_records_1"},
		{"session", "records_team_entity_id"},
		{"erasure", "records_team_entity_id"},
	} {
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{serversqlite.RecordsAfterSQL(c.entity), []any{"team", c.entity, "", 10}},
			{serversqlite.EntityRecordsSQL(c.entity), []any{"team", c.entity}},
		} {
			rows, err := db.Query("EXPLAIN QUERY PLAN "+q.sql, q.args...)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			var plan []string
			for rows.Next() {
				var a, b, n int
				var detail string
				if err := rows.Scan(&a, &b, &n, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			rows.Close()
			p := strings.Join(plan, "; ")
			if !strings.Contains(p, "USING INDEX "+c.index) || strings.Contains(p, "TEMP B-TREE") {
				t.Errorf("%s's records by id: %s; want %s and no sort\n%s", c.entity, p, c.index, q.sql)
			}
		}
	}
}
