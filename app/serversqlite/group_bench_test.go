package serversqlite

import (
	"context"
	"fmt"
	"os"
	"testing"

	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/serverstore"
)

// BenchmarkGroup is five rounds of 20 pushes of 1000 new records (random ids, a
// revision and a change result each), applied one transaction each (grouped=false) or
// twenty to a transaction (group.go): the store's part of a push without the server's.
//
//	go test -tags sqlite_fts5 -run '^$' -bench Group -benchtime 2x ./app/serversqlite
func BenchmarkGroup(b *testing.B) {
	for _, grouped := range []bool{false, true} {
		b.Run(fmt.Sprintf("grouped=%v", grouped), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				s := openGroupTest(b)
				for round := range 5 {
					jobs := make([]*groupJob, 20)
					for i := range jobs {
						ids := make([]string, 1000)
						for k := range ids {
							ids[k] = uuid.NewString()
						}
						jobs[i] = &groupJob{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
							for _, id := range ids {
								if err := tx.SaveChangeResult(ctx, "team-a", "d", "c"+id, json.RawMessage(`{"status":"applied"}`)); err != nil {
									return err
								}
								if err := tx.PutRecord(ctx, &serverstore.Record{TeamID: "team-a", Entity: "feedback", ID: id, Rev: 1,
									State: json.RawMessage(`{"id":"` + id + `","text":"` + strings.Repeat("word ", 100) + `"}`), DeviceID: "d", UpdatedAt: time.Now()}); err != nil {
									return err
								}
							}
							return tx.Audit(ctx, serverstore.AuditEntry{At: time.Now(), TeamID: "team-a", DeviceID: "d", Action: "push"})
						}}
					}
					_ = round
					b.StartTimer()
					if grouped {
						runAsGroup(b, s, jobs)
					} else {
						for _, j := range jobs {
							j.err = s.InTeamTx(context.Background(), j.team, func(tx serverstore.Tx) error { return j.fn(context.Background(), tx) })
						}
					}
					b.StopTimer()
				}
				s.Close()
			}
		})
	}
}

// BenchmarkGroupPush is BenchmarkGroup with everything a push of new records stores:
// five rounds of 20 pushes of 1000, each first reading its batch (Prefetch), then per
// record its change result and record lookups, the record (a state of ~500 bytes),
// its revision with the same state and its change result, twenty to a transaction.
//
//	go test -tags sqlite_fts5 -run '^$' -bench GroupPush -benchtime 2x ./app/serversqlite
func BenchmarkGroupPush(b *testing.B) {
	for range b.N {
		b.StopTimer()
		s := openGroupTest(b)
		now := time.Now()
		for range 5 {
			jobs := make([]*groupJob, 20)
			for i := range jobs {
				ids, cids := make([]string, 1000), make([]string, 1000)
				for k := range ids {
					ids[k], cids[k] = uuid.NewString(), uuid.Must(uuid.NewV7()).String()
				}
				jobs[i] = &groupJob{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
					if err := tx.(serverstore.Prefetcher).Prefetch(ctx, cids, ids); err != nil {
						return err
					}
					for k, id := range ids {
						if _, _, err := tx.ChangeResult(ctx, cids[k], id); err != nil {
							return err
						}
						if _, _, err := tx.GetRecord(ctx, "team-a", id); err != nil {
							return err
						}
						r := serverstore.Record{TeamID: "team-a", Entity: "feedback", ID: id, Rev: 1,
							State: json.RawMessage(`{"id":"` + id + `","text":"` + strings.Repeat("word ", 90) + `"}`), DeviceID: "d", UpdatedAt: now}
						if err := tx.PutRecord(ctx, &r); err != nil {
							return err
						}
						if err := tx.AddRevision(ctx, serverstore.Revision{TeamID: "team-a", Entity: "feedback", RecordID: id, Rev: 1,
							State: r.State, DeviceID: "d", ChangeID: cids[k], CreatedAt: now}); err != nil {
							return err
						}
						res := `{"changeId":"` + cids[k] + `","status":"applied","rev":1,"updatedAt":"2026-12-07T07:30:00.000Z"}`
						if err := tx.SaveChangeResult(ctx, "team-a", "d", cids[k], json.RawMessage(res)); err != nil {
							return err
						}
					}
					return tx.Audit(ctx, serverstore.AuditEntry{At: now, TeamID: "team-a", DeviceID: "d", Action: "push"})
				}}
			}
			b.StartTimer()
			runAsGroup(b, s, jobs)
			b.StopTimer()
			for _, j := range jobs {
				if j.err != nil || j.panics != nil {
					b.Fatal(j.err, j.panics)
				}
			}
		}
		// The database's size with its write-ahead log copied in (db-MiB).
		if err := s.ScrubAfterErasure(context.Background()); err != nil {
			b.Fatal(err)
		}
		if fi, err := os.Stat(s.path); err == nil {
			b.ReportMetric(float64(fi.Size())/(1<<20), "db-MiB")
		}
		s.Close()
	}
}
