package syncer_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/server/servertest"
	serversqlite "github.com/hin-south-london/involve/app/serverstore/sqlite"
	"github.com/hin-south-london/involve/app/sqlite"
	"github.com/hin-south-london/involve/app/syncer"
)

// seed writes n feedback items in sessions of 50 through the importer (one
// transaction, an outbox entry per record), as a laptop that captured them would hold.
func seed(tb testing.TB, db *sqlite.DB, n int) {
	tb.Helper()
	now := involve.FormatTime(time.Now())
	err := db.Import(context.Background(), func(im *sqlite.Importer) error {
		var s involve.Session
		for i := 0; i < n; i++ {
			if i%50 == 0 {
				s = involve.Session{SessionInput: involve.SessionInput{Title: fmt.Sprintf("Session %d", i/50), Date: "2026-11-24",
					Type: "workshop", Mode: "in_person", Status: "held", Standards: []string{}, AccessSupport: []string{},
					Purpose: "To hear what people think of the waiting room"}, Notes: "Notes of the session, about a paragraph long."}
				s.ID, s.CreatedAt, s.UpdatedAt, s.DeviceID, s.Rev = uuid.Must(uuid.NewV7()).String(), now, now, im.DeviceID(), im.NextRev()
				if err := im.PutSession(&s); err != nil {
					return err
				}
			}
			r := i % 6
			f := involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: s.ID, Source: "comment_card", Rating: &r, Themes: []string{},
				Text: fmt.Sprintf("Feedback number %d: the waiting room was cold and the staff were kind.", i)}}
			f.ID, f.CreatedAt, f.UpdatedAt, f.DeviceID, f.Rev = uuid.Must(uuid.NewV7()).String(), now, now, im.DeviceID(), im.NextRev()
			if err := im.PutFeedback(&f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkEngineSync pushes N feedback items (and their sessions) from one laptop
// and pulls them into a fresh laptop through the engine, over loopback with the real
// server on SQLite (DESIGN §8: 100 000 records each way ≤ 1.5 s), then measures an
// incremental sync after 1 % changed. Run:
//
//	go test -tags sqlite_fts5 -run X -bench EngineSync -benchtime 1x ./app/syncer
func BenchmarkEngineSync(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ctx := context.Background()
			for range b.N {
				b.StopTimer()
				st, err := serversqlite.Open(ctx, filepath.Join(b.TempDir(), serversqlite.FileName))
				if err != nil {
					b.Fatal(err)
				}
				if err := st.Migrate(ctx); err != nil {
					b.Fatal(err)
				}
				env := servertest.NewEnvOn(b, st)
				team := env.Team("Bench")
				mk := func(name string) *syncer.Engine {
					db := openDB(b)
					if _, err := syncer.Connect(ctx, db, env.Server.URL, env.Code(team.ID, time.Hour), nil); err != nil {
						b.Fatal(err)
					}
					e, err := syncer.FromSettings(ctx, db, nil)
					if err != nil {
						b.Fatal(err)
					}
					return e
				}
				a, fresh := mk("a"), mk("b")
				seed(b, a.DB(), n)
				b.StartTimer()

				var sum syncer.Summary
				start := time.Now()
				sum, err = a.SyncOnce(ctx, nil)
				if err != nil || sum.Push.Applied != n+n/50 {
					b.Fatalf("%+v %v", sum, err)
				}
				push := time.Since(start)
				start = time.Now()
				sum, err = fresh.SyncOnce(ctx, nil)
				if err != nil || sum.Pull.Written != n+n/50 {
					b.Fatalf("%+v %v", sum, err)
				}
				pull := time.Since(start)
				b.ReportMetric(push.Seconds(), "push+echo-s")
				b.ReportMetric(pull.Seconds(), "pull-s")
				b.ReportMetric(float64(n+n/50)/pull.Seconds(), "pull-rec/s")
				st.Close()
			}
		})
	}
}
