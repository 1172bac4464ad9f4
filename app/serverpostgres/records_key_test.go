package serverpostgres_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/serverpostgres"
	"github.com/jackc/pgx/v5"
)

// TestRecordsOneKey: migration 0009 keys records by (id, team_id), which serves the
// lookups by id alone too: records_id is gone and a push updates one index fewer.
func TestRecordsOneKey(t *testing.T) {
	u := FreshSchemaURL(t)
	s, err := serverpostgres.Open(ctx(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx()); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx())
	rows, err := conn.Query(ctx(), `SELECT indexname || ': ' || indexdef FROM pg_indexes
		WHERE schemaname = current_schema() AND tablename = 'records' ORDER BY indexname`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s[:strings.Index(s, ":")]+" "+s[strings.LastIndex(s, "("):])
	}
	rows.Close()
	want := `records_pkey (id, team_id)|records_team_entity_id (team_id, entity, id COLLATE "C")|records_team_seq (team_id, seq)`
	if strings.Join(got, "|") != want {
		t.Errorf("indexes of records:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}
