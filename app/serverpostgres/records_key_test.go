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
		got = append(got, s[:strings.Index(s, ":")]+" "+s[strings.Index(s, "USING btree ")+len("USING btree "):])
	}
	rows.Close()
	want := `records_pkey (id, team_id)|records_team_entity_id (team_id, entity, id) WHERE (entity <> 'feedback'::text)|records_team_seq (team_id, seq)`
	if strings.Join(got, "|") != want {
		t.Errorf("indexes of records:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}

// TestRecordsByEntityPlans: migration 0011 leaves feedback items out of the index by
// entity and gives ids byte order in the records' key, and a page of a team's records
// of one entity is still read by id without a sort in a generic plan: feedback through
// the key, the other entities through the index (a sort would read every record of the
// team for each page); so are all of one entity but feedback, which a push reads
// (EntityRecords: never feedback).
func TestRecordsByEntityPlans(t *testing.T) {
	s := openWithTeams(t, "A", "B")
	for _, q := range []string{
		`INSERT INTO records(team_id, id, entity, rev, seq, state, device_id, updated_at)
			SELECT 'A', 'r' || i, CASE WHEN i % 50 = 0 THEN 'session' ELSE 'feedback' END, 1, i, '{"comment":"a comment of some length"}', 'd', now()
			FROM generate_series(1, 5000) AS i`,
		"ANALYZE records",
	} {
		if err := s.Exec(ctx(), q); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ entity, index string }{
		{"feedback", "records_pkey"},
		{"session", "records_team_entity_id"},
		{"erasure", "records_team_entity_id"},
	} {
		after, all, err := s.RecordsByEntityPlans(ctx(), "A", c.entity)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range []string{after, all} {
			if i == 1 && c.entity == "feedback" {
				continue
			}
			if !strings.Contains(p, "Index Scan using "+c.index) || strings.Contains(p, "Sort") {
				t.Errorf("%s's records by id:\n%s\nwant %s and no sort", c.entity, p, c.index)
			}
		}
	}
}
