package serversqlite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

// TestErasedBytesGone: after EraseHistory and the checkpoint the server makes after an
// erasure (ScrubAfterErasure), neither the database file nor its write-ahead log holds
// the erased values: secure_delete zeroes deleted rows and replaced states in the
// file's pages (without it they stay in free space).
func TestErasedBytesGone(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	defer s.Close()
	if err := s.CreateTeam(ctx, serverstore.Team{ID: "t", Name: "T", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	const word = "Zorbicsecretword"
	state := func(v int, text string) json.RawMessage {
		return json.RawMessage(fmt.Sprintf(`{"id":"r","v":%d,"text":%q}`, v, text))
	}
	for v := 1; v <= 3; v++ {
		err := s.InTeamTx(ctx, "t", func(tx serverstore.Tx) error {
			r := serverstore.Record{TeamID: "t", Entity: "contributor", ID: "r", Rev: int64(v), State: state(v, word+strings.Repeat(" padding", 50)),
				DeviceID: "d", UpdatedAt: time.Now()}
			if err := tx.PutRecord(ctx, &r); err != nil {
				return err
			}
			return tx.AddRevision(ctx, serverstore.Revision{TeamID: "t", Entity: r.Entity, RecordID: "r", Rev: r.Rev, State: r.State,
				DeviceID: "d", ChangeID: fmt.Sprint("c", v), CreatedAt: time.Now()})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// The values are in the file (not only in the log) before the erasure.
	if err := s.ScrubAfterErasure(ctx); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(s.Path()); !bytes.Contains(b, []byte(word)) {
		t.Fatal("the test's values are not in the database file to begin with")
	}
	err := s.InTeamTx(ctx, "t", func(tx serverstore.Tx) error {
		if err := tx.EraseHistory(ctx, "t", []string{"r"}); err != nil {
			return err
		}
		r := serverstore.Record{TeamID: "t", Entity: "contributor", ID: "r", Rev: 4, State: state(4, ""), DeviceID: "server", UpdatedAt: time.Now()}
		if err := tx.PutRecord(ctx, &r); err != nil {
			return err
		}
		return tx.AddRevision(ctx, serverstore.Revision{TeamID: "t", Entity: r.Entity, RecordID: "r", Rev: 4, State: r.State,
			DeviceID: "server", ChangeID: "c4", CreatedAt: time.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ScrubAfterErasure(ctx); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{s.Path(), s.Path() + "-wal"} {
		b, err := os.ReadFile(name)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(word)) {
			t.Errorf("%s still holds the erased value", name)
		}
	}
}
