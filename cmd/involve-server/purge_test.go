package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
)

// TestPurgeCommand: involve-server purge removes a team's tombstones past their period
// (here deleted long ago) and keeps a recent one and a live record; --team limits it
// to one team; an unknown team is an error.
func TestPurgeCommand(t *testing.T) {
	dir := t.TempDir()
	runCmd(t, 0, "team", "add", "South", "--data-dir", dir)
	runCmd(t, 0, "team", "add", "North", "--data-dir", dir)
	ctx := context.Background()
	open := func() *serversqlite.Store {
		t.Helper()
		st, err := serversqlite.Open(ctx, filepath.Join(dir, serversqlite.FileName))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := open()
	recent := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	teams := map[string]string{}
	for _, name := range []string{"South", "North"} {
		tm, err := st.FindTeam(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		teams[name] = tm.ID
		err = st.InTeamTx(ctx, tm.ID, func(tx serverstore.Tx) error {
			for id, deleted := range map[string]string{"old-" + name: "2025-01-01T10:00:00.000Z", "recent-" + name: recent, "live-" + name: ""} {
				state := `{"id":"` + id + `","title":"A session","deletedAt":"` + deleted + `"}`
				r := serverstore.Record{TeamID: tm.ID, Entity: "session", ID: id, Rev: 1, State: []byte(state), DeviceID: "d", UpdatedAt: time.Now()}
				if err := tx.PutRecord(ctx, &r); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	if out := runOut(t, "purge", "--team", "South", "--data-dir", dir); !strings.Contains(out, `Team "South": purged 1 deleted record past`) {
		t.Errorf("purge --team South printed %q", out)
	}
	if _, stderr := runCmd(t, 1, "purge", "--team", "Nowhere", "--data-dir", dir); stderr == "" {
		t.Error("purge of an unknown team did not fail")
	}
	have := func() map[string]bool {
		st := open()
		defer st.Close()
		out := map[string]bool{}
		for _, id := range teams {
			if err := st.Records(ctx, id, func(r serverstore.Record) error { out[r.ID] = true; return nil }); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	if h := have(); h["old-South"] || !h["old-North"] || !h["recent-South"] || !h["live-South"] {
		t.Errorf("after purge --team South: %v", h)
	}
	if out := runOut(t, "purge", "--data-dir", dir); !strings.Contains(out, "Purged 1 deleted record past") {
		t.Errorf("purge printed %q", out)
	}
	if h := have(); h["old-North"] || !h["recent-North"] || !h["live-North"] {
		t.Errorf("after purge: %v", h)
	}
}
