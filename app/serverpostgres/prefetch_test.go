package serverpostgres_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/serverpostgres"
	"github.com/hin-south-london/involve/app/serverstore"
)

// TestPrefetchOtherTeamsUnread: Prefetch reads the team's records and which ids only
// another team has in one query; of another team's row it reads the id and a flag,
// nothing else (its state never reaches the process), and its answers are those of a
// transaction without Prefetch: ErrOtherTeam for an id only another team has, the
// team's own record for an id several teams have.
func TestPrefetchOtherTeamsUnread(t *testing.T) {
	s := openWithTeams(t, "A", "B", "C")
	put := func(team string, ids ...string) {
		t.Helper()
		err := s.InTeamTx(ctx(), team, func(tx serverstore.Tx) error {
			for _, id := range ids {
				r := serverstore.Record{TeamID: team, Entity: "theme", ID: id, Rev: 1,
					State: json.RawMessage(fmt.Sprintf(`{"id":%q,"team":%q}`, id, team)), DeviceID: "d-" + team, UpdatedAt: t0}
				if err := tx.PutRecord(ctx(), &r); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	put("A", "a1", "both")
	put("B", "b1", "both")
	put("C", "both", "c1")
	ids := []string{"a1", "b1", "both", "c1", "none"}

	rows, err := s.PrefetchRows(ctx(), "A", ids)
	if err != nil {
		t.Fatal(err)
	}
	var mine, others []string
	for _, v := range rows {
		id, own := v[0].(string), v[1].(bool)
		if own {
			mine = append(mine, id)
			continue
		}
		others = append(others, id)
		for i, col := range v[2:] {
			if col != nil {
				t.Errorf("another team's row %q: column %d read (%v); want only the id and the flag", id, i+2, col)
			}
		}
	}
	sort.Strings(mine)
	sort.Strings(others)
	if want := []string{"a1", "both"}; !reflect.DeepEqual(mine, want) {
		t.Errorf("the team's rows %v, want %v", mine, want)
	}
	if want := []string{"b1", "both", "both", "c1"}; !reflect.DeepEqual(others, want) {
		t.Errorf("other teams' rows %v, want %v", others, want)
	}

	type answer struct {
		rec   serverstore.Record
		found bool
		err   error
	}
	read := func(prefetch bool) map[string]answer {
		got := map[string]answer{}
		err := s.InTeamTx(ctx(), "A", func(tx serverstore.Tx) error {
			if prefetch {
				if err := tx.(serverstore.Prefetcher).Prefetch(ctx(), nil, ids); err != nil {
					return err
				}
			}
			for _, id := range ids {
				r, found, err := tx.GetRecord(ctx(), "A", id)
				if err != nil && !errors.Is(err, serverstore.ErrOtherTeam) {
					return err
				}
				got[id] = answer{r, found, err}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	plain, fetched := read(false), read(true)
	if !reflect.DeepEqual(plain, fetched) {
		t.Errorf("GetRecord after Prefetch:\n%+v\nwithout:\n%+v", fetched, plain)
	}
	for _, id := range []string{"b1", "c1"} {
		if a := fetched[id]; !errors.Is(a.err, serverstore.ErrOtherTeam) || a.found || !reflect.DeepEqual(a.rec, serverstore.Record{}) {
			t.Errorf("GetRecord(%s) after Prefetch = %+v; want ErrOtherTeam and nothing of the record", id, a)
		}
	}
	if a := fetched["both"]; a.err != nil || !a.found || a.rec.TeamID != "A" || string(a.rec.State) != `{"id":"both","team":"A"}` {
		t.Errorf("GetRecord(both) after Prefetch = %+v (%s); want team A's", a, a.rec.State)
	}
	if a := fetched["none"]; a.err != nil || a.found {
		t.Errorf("GetRecord(none) after Prefetch = %+v; want not found", a)
	}
}

// TestPrefetchPlansByKey: Prefetch's queries probe the keys they are given, also when
// the tables have grown since PostgreSQL last looked at them (here: never analyzed,
// thousands of rows of the one team) and the plan is the generic one a prepared
// statement keeps. Before, the planner took the team's rows to be few and read all of
// them, once per push, for the results (an index scan of the team's range with the
// change ids as a filter) and the whole table for the records (a sequential scan).
func TestPrefetchPlansByKey(t *testing.T) {
	s := openWithTeams(t, "A", "B", "C")
	for _, q := range []string{
		`INSERT INTO records(team_id, id, entity, rev, seq, state, device_id, updated_at)
			SELECT 'A', 'r' || i, 'feedback', 1, i, '{"comment":"a comment of some length, as pushed"}', 'd', now() FROM generate_series(1, 5000) AS i`,
		`INSERT INTO change_results(team_id, change_id, device_id, result, created_at)
			SELECT 'A', 'c' || i, 'd', '{"status":"applied","rev":1}', now() FROM generate_series(1, 5000) AS i`,
	} {
		if err := s.Exec(ctx(), q); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	for i := range 75 {
		ids = append(ids, fmt.Sprintf("x%d", i))
	}
	results, records, err := s.PrefetchPlans(ctx(), "A", ids)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("results:\n%s\nrecords:\n%s", results, records)
	if strings.Contains(results, "Seq Scan on change_results") || strings.Contains(results, "Filter") ||
		!strings.Contains(results, "change_id = u.id") {
		t.Errorf("the change results are not read by key:\n%s", results)
	}
	if strings.Contains(records, "Seq Scan on records") {
		t.Errorf("the records are not read by key:\n%s", records)
	}
}

// TestKeepRowPlansByKey: the statements that write down the revisions and results the
// records' rows stand for, before a push replaces the rows (shared.go, results.go),
// read each record listed by its key, in the custom plans of a prepared statement's
// first runs as in its generic plan, on a table never analyzed: as "team_id = $1 AND id
// = ANY($2)" the custom plans read the team's every record through records_team_seq.
func TestKeepRowPlansByKey(t *testing.T) {
	s := openWithTeams(t, "A", "B")
	if err := s.Exec(ctx(), `INSERT INTO records(team_id, id, entity, rev, seq, state, device_id, updated_at, rev_change_id, rev_result)
		SELECT 'A', 'r' || i, 'feedback', 1, i, '{"comment":"a comment of some length, as pushed"}', 'd', now(), 'c' || i, true
		FROM generate_series(1, 5000) AS i`); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 75 {
		ids = append(ids, fmt.Sprintf("r%d", 1+i*50))
	}
	for _, generic := range []bool{false, true} {
		revisions, results, err := s.KeepRowPlans(ctx(), "A", ids, generic)
		if err != nil {
			t.Fatal(err)
		}
		for name, plan := range map[string]string{"revisions": revisions, "results": results} {
			if !strings.Contains(plan, "Index Scan using records_pkey on records") || strings.Contains(plan, "records_team_seq") ||
				strings.Contains(plan, "Seq Scan on records") {
				t.Errorf("the %s written down do not read the records by key (generic plan: %v):\n%s", name, generic, plan)
			}
		}
	}
}

// openWithTeams opens a store on a fresh schema with teams of the ids given.
func openWithTeams(t *testing.T, ids ...string) *serverpostgres.Store {
	t.Helper()
	s, err := serverpostgres.OpenStore(ctx(), FreshSchemaURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx()); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if err := s.CreateTeam(ctx(), serverstore.Team{ID: id, Name: "Team " + id, CreatedAt: t0}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}
