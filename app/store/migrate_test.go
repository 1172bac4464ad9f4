package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// fixtures writes, at schema version v, data that later versions must carry forward.
// Each version adds its own; the SQL is frozen with the version it was written for.
var fixtures = map[int][]string{
	1: {
		`INSERT INTO meta(key, value) VALUES ('device_id', '0195f3a4-1111-7000-8000-000000000001'), ('user_name', 'Ada')`,
		`INSERT INTO projects(id, name, created_at, updated_at, rev) VALUES ('0195f3a4-2222-7000-8000-000000000001', 'Old project', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 1)`,
		`INSERT INTO sessions(id, project_id, title, date, type, notes, created_at, updated_at, rev)
		 VALUES ('0195f3a4-3333-7000-8000-000000000001', '0195f3a4-2222-7000-8000-000000000001', 'Café meeting', '2025-01-02', 'workshop', 'Notes about the crèche', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z', 1)`,
		`INSERT INTO feedback(id, session_id, source, text, rating, created_at, updated_at, rev)
		 VALUES ('0195f3a4-4444-7000-8000-000000000001', '0195f3a4-3333-7000-8000-000000000001', 'comment_card', 'Loved the naïve art', 5, '2025-01-02T10:00:00.000Z', '2025-01-02T10:00:00.000Z', 1)`,
	},
	2: {
		`INSERT INTO feedback(id, session_id, source, text, created_at, updated_at, rev)
		 VALUES ('0195f3a4-4444-7000-8000-000000000002', '0195f3a4-3333-7000-8000-000000000001', 'kiosk', 'Written at version two', '2025-01-03T10:00:00.000Z', '2025-01-03T10:00:00.000Z', 1)`,
		// from version 2 the store indexes what it writes (no triggers): do what it does
		`INSERT INTO search(rowid, title, body) SELECT pk*2+1, title, notes FROM sessions
		 WHERE deleted_at IS NULL AND pk*2+1 NOT IN (SELECT rowid FROM search)`,
		`INSERT INTO search(rowid, title, body) SELECT pk*2, '', text FROM feedback
		 WHERE deleted_at IS NULL AND pk*2 NOT IN (SELECT rowid FROM search)`,
	},
	3: {
		`INSERT INTO meta(key, value) VALUES ('sync_server_url', 'https://involve.example.nhs.uk'),
		 ('sync_device_token', 'inv1_fixture'), ('sync_team_id', '0195f3a4-5555-7000-8000-000000000001'),
		 ('sync_team_name', 'South London'), ('sync_cursor', '41'), ('sync_cursor_team', '0195f3a4-5555-7000-8000-000000000001')`,
		`INSERT INTO sync_base(entity, record_id, rev, state) VALUES ('session', '0195f3a4-3333-7000-8000-000000000001', 1, '{"id":"0195f3a4-3333-7000-8000-000000000001"}')`,
		`INSERT INTO conflicts(id, entity, record_id, field, base, winner, loser, status, created_at, updated_at, rev)
		 VALUES ('0195f3a4-6666-7000-8000-000000000001', 'session', '0195f3a4-3333-7000-8000-000000000001', 'title',
		 '"Café"', '{"value":"Café meeting","rev":2,"deviceId":"a","by":"Ada","at":"2025-01-04T00:00:00.000Z"}',
		 '{"value":"Cafe meeting","rev":2,"deviceId":"b","by":"Bo","at":"2025-01-04T00:00:00.000Z"}', 'open',
		 '2025-01-04T00:00:00.000Z', '2025-01-04T00:00:00.000Z', 3)`,
		`INSERT INTO feedback(id, session_id, source, text, created_at, updated_at, rev, team_id)
		 VALUES ('0195f3a4-4444-7000-8000-000000000003', '0195f3a4-3333-7000-8000-000000000001', 'kiosk', 'Pulled at version three', '2025-01-05T10:00:00.000Z', '2025-01-05T10:00:00.000Z', 5, '0195f3a4-5555-7000-8000-000000000001')`,
		`INSERT INTO search(rowid, title, body) SELECT pk*2, '', text FROM feedback
		 WHERE deleted_at IS NULL AND pk*2 NOT IN (SELECT rowid FROM search)`,
	},
	// version 8 queued every change with its full state; version 9 queues an import's
	// as light entries (state ''), and keeps what version 8 queued as it was
	8: {
		`INSERT INTO outbox(change_id, entity, record_id, base_rev, rev, state, created_at, updated_at)
		 VALUES ('0195f3a4-7777-7000-8000-000000000001', 'feedback', '0195f3a4-4444-7000-8000-000000000002', 0, 1,
		 '{"id":"0195f3a4-4444-7000-8000-000000000002","text":"Queued at version eight"}', '2025-01-06T00:00:00.000Z', '2025-01-06T00:00:00.000Z')`,
	},
	// version 9's light entries had change ids and timestamps; version 11 keeps them
	9: {
		`INSERT INTO outbox(change_id, entity, record_id, base_rev, rev, state, created_at, updated_at)
		 VALUES ('0195f3a4-7777-7000-8000-000000000002', 'feedback', '0195f3a4-4444-7000-8000-000000000001', 0, 1, '',
		 '2025-01-07T00:00:00.000Z', '2025-01-07T00:00:00.000Z')`,
	}, // version 11's import entries had no change id and no timestamps; version 12 moves
	// one never taken into outbox_import, in its place
	11: {
		`INSERT INTO outbox(change_id, entity, record_id, base_rev, rev, state, created_at, updated_at)
		 VALUES (NULL, 'session', '0195f3a4-3333-7000-8000-000000000001', 0, 1, '', '', '')`,
	},
}

// feedbackFixtures is how many feedback rows the fixtures up to each version hold.
var feedbackFixtures = map[int]int{1: 1, 2: 2, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3, 8: 3, 9: 3, 10: 3, 11: 3, 12: 3, 13: 3, 14: 3, 15: 3}

// TestMigrateFromEveryVersion builds a database at every earlier schema version (with
// that version's data), opens it with this build, and checks the data is all there
// and works: searchable, editable, and backed up before migrating.
func TestMigrateFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	latest := store.LatestVersion()
	for v := 1; v < latest; v++ {
		t.Run(fmt.Sprintf("FromVersion%d", v), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "involve.db")
			old, err := store.Open(ctx, path, store.Options{MaxVersion: v})
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := old.SchemaVersion(ctx); got != v {
				t.Fatalf("built version %d, want %d", got, v)
			}
			for i := 1; i <= v; i++ {
				for _, q := range fixtures[i] {
					if err := old.ExecForTest(ctx, q); err != nil {
						t.Fatalf("fixture v%d: %v", i, err)
					}
				}
			}
			old.Close()

			db, err := store.Open(ctx, path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if got, _ := db.SchemaVersion(ctx); got != latest {
				t.Fatalf("migrated to %d, want %d", got, latest)
			}
			if db.MigratedFrom != v {
				t.Errorf("MigratedFrom = %d", db.MigratedFrom)
			}
			if db.BackupBeforeMigration == "" {
				t.Error("no backup before migrating")
			} else if _, err := os.Stat(db.BackupBeforeMigration); err != nil {
				t.Errorf("backup: %v", err)
			} else if err := store.CheckFile(ctx, db.BackupBeforeMigration); err != nil {
				t.Errorf("backup check: %v", err)
			}
			if db.DeviceID() != "0195f3a4-1111-7000-8000-000000000001" || db.UserName() != "Ada" {
				t.Errorf("identity lost: %q %q", db.DeviceID(), db.UserName())
			}
			s, err := db.FindSessionByID(ctx, "0195f3a4-3333-7000-8000-000000000001")
			if err != nil || s.ProjectName != "Old project" || s.Notes != "Notes about the crèche" {
				t.Fatalf("session %+v %v", s, err)
			}
			if v >= 8 {
				// a change queued with its state goes with that state, not the row's
				pending, err := db.PendingChanges(ctx, 10)
				if err != nil || len(pending) == 0 || !strings.Contains(string(pending[0].State), "Queued at version eight") {
					t.Errorf("outbox after migration: %+v %v", pending, err)
				}
			}
			if v >= 9 {
				// a light entry keeps its place, its change id and the record's state
				pending, err := db.PendingChanges(ctx, 10)
				if err != nil || len(pending) < 2 || pending[1].ChangeID != "0195f3a4-7777-7000-8000-000000000002" ||
					!strings.Contains(string(pending[1].State), "Loved the na") || pending[1].Seq <= pending[0].Seq {
					t.Fatalf("light entry after migration: %+v %v", pending, err)
				}
				// and the outbox's positions go on after it
				if seq, err := db.MaxOutboxSeq(ctx); err != nil || seq != pending[len(pending)-1].Seq {
					t.Errorf("newest position %d (%v), want %d", seq, err, pending[len(pending)-1].Seq)
				}
			}
			if v >= 11 {
				// an import entry never taken moves to outbox_import (0012), in its place, the
				// session's row its state
				// (a database built at 12 or later had it written in the outbox: it stays)
				var moved int
				if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM outbox_import`).Scan(&moved); v == 11 && (err != nil || moved != 1) {
					t.Errorf("%d import entries moved (%v), want 1", moved, err)
				}
				pending, err := db.PendingChanges(ctx, 10)
				if err != nil || len(pending) != 3 || pending[2].Entity != involve.EntitySession || pending[2].ChangeID != "" ||
					!strings.Contains(string(pending[2].State), "Notes about the cr") || pending[2].Seq <= pending[1].Seq {
					t.Errorf("import entry after migration: %+v %v", pending, err)
				}
			}
			wantFeedback := feedbackFixtures[v]
			list, _ := db.FindFeedback(ctx, s.ID)
			if len(list) != wantFeedback {
				t.Fatalf("feedback %d, want %d", len(list), wantFeedback)
			}
			// data from before the search index existed is searchable
			for q, id := range map[string]string{"naive": "0195f3a4-4444-7000-8000-000000000001", "creche": s.ID, "cafe": s.ID} {
				res, err := db.Search(ctx, q, 5)
				if err != nil || len(res) != 1 || res[0].ID != id {
					t.Errorf("search %q after migration: %+v %v", q, res, err)
				}
			}
			if _, err := db.UpdateSession(ctx, s.ID, involve.SessionInput{}, s.SessionInput); err != nil {
				t.Errorf("editing a migrated session: %v", err)
			}
			checkQuestionColumns(t, db, s, list)
			if err := db.CheckIntegrity(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "involve.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.ExecForTest(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, 'future', '2030-01-01')`)
	db.Close()
	_, err = store.Open(ctx, path, store.Options{})
	if involve.ErrorCode(err) != involve.EUNAVAILABLE {
		t.Fatalf("opening a newer schema: %v", err)
	}
}

// checkQuestionColumns: a migrated session asks no question sets and the Friends and
// Family Test, its feedback carries no answers (migration 0008's defaults); the new
// columns then round-trip through an edit and a feedback item with answers.
func checkQuestionColumns(t *testing.T, db *store.DB, s involve.Session, list []involve.Feedback) {
	t.Helper()
	ctx := context.Background()
	if len(s.QuestionSets) != 0 || s.NoFFT {
		t.Errorf("migrated session asks %v, no FFT %v", s.QuestionSets, s.NoFFT)
	}
	for _, f := range list {
		if f.Answered {
			t.Errorf("migrated feedback %s is marked answered", f.ID)
		}
	}
	set, err := db.CreateQuestionSet(ctx, &involve.QuestionSet{Name: "After migrating", Questions: []involve.Question{
		{ID: "ok", Type: involve.QuestionYesNo, Text: "Was it all right?", Required: true}}})
	if err != nil {
		t.Fatal(err)
	}
	cur, err := db.FindSessionByID(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	edited := cur.SessionInput
	edited.QuestionSets, edited.NoFFT = []string{set.ID}, true
	if _, err := db.UpdateSession(ctx, s.ID, cur.SessionInput, edited); err != nil {
		t.Fatal(err)
	}
	back, err := db.FindSessionByID(ctx, s.ID)
	if err != nil || len(back.QuestionSets) != 1 || back.QuestionSets[0] != set.ID || !back.NoFFT {
		t.Fatalf("session after asking a set: %v %v %v", back.QuestionSets, back.NoFFT, err)
	}
	f, _, err := db.CreateFeedbackWithAnswers(ctx, involve.FeedbackInput{SessionID: s.ID, Source: "comment_card"},
		[]involve.ResponseInput{{QuestionSetID: set.ID, Answers: []involve.Answer{{Question: "ok", Choices: []string{"yes"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := db.FindFeedbackByID(ctx, f.ID); err != nil || !got.Answered {
		t.Fatalf("answered feedback read back: %+v %v", got.Answered, err)
	}
}
