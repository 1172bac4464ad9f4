package serversqlite_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/serverstore"
)

// BenchmarkPushPath runs the store calls of a push of new records (change result
// lookup, record lookup, put, revision, result) in transactions of 1000.
func BenchmarkPushPath(b *testing.B) {
	s := MustOpen(b)
	defer s.Close()
	ctx := context.Background()
	if err := s.CreateTeam(ctx, serverstore.Team{ID: "t", Name: "T", CreatedAt: time.Now()}); err != nil {
		b.Fatal(err)
	}
	state := json.RawMessage(fmt.Sprintf(`{"id":"x","text":%q,"source":"comment_card","themes":[],"rating":null}`, string(make([]byte, 0))+"Feedback number: the waiting room was cold and the staff were kind, and more words to make it realistic"))
	res := json.RawMessage(`{"changeId":"c","status":"applied","rev":123456789}`)
	now := time.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i += 1000 {
		err := s.InTeamTx(ctx, "t", func(tx serverstore.Tx) error {
			for j := 0; j < 1000 && i+j < b.N; j++ {
				id, cid := uuid.Must(uuid.NewV7()).String(), uuid.Must(uuid.NewV7()).String()
				if _, _, err := tx.ChangeResult(ctx, cid); err != nil {
					return err
				}
				if _, _, err := tx.GetRecord(ctx, "t", id); err != nil {
					return err
				}
				r := serverstore.Record{TeamID: "t", Entity: "feedback", ID: id, Rev: 1, State: state, DeviceID: "d", UpdatedAt: now}
				if err := tx.PutRecord(ctx, &r); err != nil {
					return err
				}
				if err := tx.AddRevision(ctx, serverstore.Revision{TeamID: "t", Entity: "feedback", RecordID: id, Rev: 1, State: state, DeviceID: "d", ChangeID: cid, CreatedAt: now}); err != nil {
					return err
				}
				if err := tx.SaveChangeResult(ctx, "t", "d", cid, res); err != nil {
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
