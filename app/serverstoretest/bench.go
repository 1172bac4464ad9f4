package serverstoretest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/serverstore"
)

// BenchPushPath runs the store calls of a push of new records (change result lookup,
// record lookup, put, revision, result) on s in transactions of 1000; with prefetch,
// each transaction first reads its batch's change results and records in one round
// trip (the optional Tx.Prefetch). Each store's BenchmarkPushPath calls it.
func BenchPushPath(b *testing.B, s serverstore.Store, prefetch bool) {
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
				if _, _, err := tx.ChangeResult(ctx(), cid, ""); err != nil {
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
