package serverpostgres_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// BenchmarkPushPath runs the store calls of a push of new records (change result
// lookup, record lookup, put, revision, result) in transactions of 1000, like
// serverstore/sqlite's benchmark of the same name; "prefetch" first reads the batch's
// change results and records in one round trip (the optional Tx.Prefetch).
//
//	scripts/with-postgres.sh go test -tags sqlite_fts5 -run X -bench PushPath ./app/serverstore/postgres
func BenchmarkPushPath(b *testing.B) {
	for _, prefetch := range []bool{false, true} {
		name := "plain"
		if prefetch {
			name = "prefetch"
		}
		b.Run(name, func(b *testing.B) { benchPushPath(b, prefetch) })
	}
}

func benchPushPath(b *testing.B, prefetch bool) {
	s := MustOpen(b, FreshSchemaURL(b))
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: "t", Name: "T", CreatedAt: time.Now()}); err != nil {
		b.Fatal(err)
	}
	state := json.RawMessage(`{"id":"x","text":"Feedback number: the waiting room was cold and the staff were kind, and more words to make it realistic","source":"comment_card","themes":[],"rating":null}`)
	res := json.RawMessage(`{"changeId":"c","status":"applied","rev":123456789}`)
	now := time.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i += 1000 {
		n := min(1000, b.N-i)
		ids, cids := make([]string, n), make([]string, n)
		for j := range n {
			ids[j], cids[j] = uuid.Must(uuid.NewV7()).String(), uuid.Must(uuid.NewV7()).String()
		}
		err := s.InTeamTx(ctx(), "t", func(tx serverstore.Tx) error {
			if prefetch {
				if err := tx.(serverstore.Prefetcher).Prefetch(ctx(), cids, ids); err != nil {
					return err
				}
			}
			for j := range n {
				id, cid := ids[j], cids[j]
				if _, _, err := tx.ChangeResult(ctx(), cid); err != nil {
					return err
				}
				if _, _, err := tx.GetRecord(ctx(), "t", id); err != nil {
					return err
				}
				r := serverstore.Record{TeamID: "t", Entity: "feedback", ID: id, Rev: 1, State: state, DeviceID: "d", UpdatedAt: now}
				if err := tx.PutRecord(ctx(), &r); err != nil {
					return err
				}
				if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: "t", Entity: "feedback", RecordID: id, Rev: 1, State: state, DeviceID: "d", ChangeID: cid, CreatedAt: now}); err != nil {
					return err
				}
				if err := tx.SaveChangeResult(ctx(), "t", "d", cid, res); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSync100k is app/server's benchmark of the same name over PostgreSQL: push
// 100 000 feedback items from one device in batches of 1000 over loopback HTTP, then
// pull them into another in pages of 5000.
//
//	scripts/with-postgres.sh go test -tags sqlite_fts5 -run X -bench Sync100k -benchtime 1x ./app/serverstore/postgres
func BenchmarkSync100k(b *testing.B) {
	const n, batch = 100_000, 1000
	for range b.N {
		b.StopTimer()
		e := servertest.NewEnvOn(b, MustOpen(b, FreshSchemaURL(b)))
		tm := e.Team("Bench")
		d, other := e.Enrol(tm.ID), e.Enrol(tm.ID)
		changes := make([]syncapi.Change, n)
		for i := range changes {
			f := servertest.NewFeedback(fmt.Sprintf("Feedback number %d: the waiting room was cold and the staff were kind.", i))
			changes[i] = d.Change("feedback", f, 0)
		}
		b.StartTimer()
		start := time.Now()
		for i := 0; i < n; i += batch {
			d.Push(changes[i:min(i+batch, n)]...)
		}
		push := time.Since(start)
		start = time.Now()
		got := 0
		cursor := ""
		for {
			page := other.Pull(cursor, 5000)
			got += len(page.Changes)
			cursor = page.Cursor
			if !page.More {
				break
			}
		}
		pull := time.Since(start)
		if got != n {
			b.Fatalf("pulled %d, want %d", got, n)
		}
		b.ReportMetric(push.Seconds(), "push-s")
		b.ReportMetric(pull.Seconds(), "pull-s")
		b.ReportMetric(float64(n)/push.Seconds(), "push-rec/s")
		b.ReportMetric(float64(n)/pull.Seconds(), "pull-rec/s")
	}
}
