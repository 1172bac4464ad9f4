package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
)

// testNote is a Doc kind that exists only in this test binary: the docs store is
// tested without depending on any real kind's rules.
type testNote struct {
	involve.Meta
	SessionID string `json:"sessionId"`
	Text      string `json:"text"`
	Count     int    `json:"count"`
}

func (n *testNote) DocMeta() *involve.Meta   { return &n.Meta }
func (n *testNote) DocEntity() string        { return "test_note" }
func (n *testNote) Parent() (string, string) { return involve.EntitySession, n.SessionID }
func (n *testNote) Title() string            { return n.Text }
func (n *testNote) Validate() error {
	var p involve.Problems
	if n.Text == "" {
		p.Add("text", "Enter the note")
	}
	return p.Err("note")
}

func init() {
	involve.RegisterDoc(involve.Kind{Entity: "test_note", Order: 10, HeldBy: involve.AnyRole, New: func() involve.Doc { return &testNote{} },
		Labels: map[string]string{"text": "Note"}})
}

func TestDocs(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Stall", Date: "2026-03-01", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateDoc(ctx, &testNote{SessionID: s.ID}); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("invalid doc: %v", err)
	}
	if _, err := db.CreateDoc(ctx, &testNote{SessionID: newID(), Text: "x"}); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Fatalf("doc of a missing session: %v", err)
	}
	d, err := db.CreateDoc(ctx, &testNote{SessionID: s.ID, Text: "  first  ", Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	n := d.(*testNote)
	if n.ID == "" || n.Rev == 0 || n.CreatedAt == "" {
		t.Fatalf("not stamped: %+v", n)
	}
	p := pending(t, db)
	if last := p[len(p)-1]; last.Entity != "test_note" || last.RecordID != n.ID {
		t.Fatalf("outbox %+v", last)
	}

	// a form edit only writes the fields the person changed
	loaded := *n
	edited := *n
	edited.Text = "edited"
	// meanwhile the count changed (a pull)
	if _, err := db.UpdateDoc(ctx, "test_note", n.ID, nil, &testNote{SessionID: s.ID, Text: n.Text, Count: 5}); err != nil {
		t.Fatal(err)
	}
	got, err := db.UpdateDoc(ctx, "test_note", n.ID, &loaded, &edited)
	if err != nil {
		t.Fatal(err)
	}
	if g := got.(*testNote); g.Text != "edited" || g.Count != 5 || g.Rev <= n.Rev || g.CreatedAt != n.CreatedAt {
		t.Fatalf("overlay: %+v", g)
	}
	list, err := store.FindDocsOf[*testNote](ctx, db, "test_note", s.ID)
	if err != nil || len(list) != 1 || list[0].Text != "edited" {
		t.Fatalf("list %+v %v", list, err)
	}
	if err := db.DeleteDoc(ctx, "test_note", n.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindDoc(ctx, "test_note", n.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Fatalf("deleted doc found: %v", err)
	}
	if _, err := db.RestoreDoc(ctx, "test_note", n.ID); err != nil {
		t.Fatal(err)
	}

	// export includes it after the core records
	var kinds []string
	if err := db.Export(ctx, func(entity string, v any) error { kinds = append(kinds, entity); return nil }); err != nil {
		t.Fatal(err)
	}
	if kinds[len(kinds)-1] != "test_note" {
		t.Fatalf("export kinds %v", kinds)
	}
}

func TestDocPull(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := remoteSession("Library", 1000)
	note := testNote{Meta: involve.Meta{ID: newID(), CreatedAt: "2026-03-01T10:00:00.000Z", UpdatedAt: "2026-03-01T10:00:00.000Z",
		DeviceID: "other-device", Rev: 1001}, SessionID: s.ID, Text: "from another laptop"}
	b, _ := json.Marshal(note)
	// the doc comes before its session: parked, then written when the session arrives
	pullBeforeItsSession(t, db, syncapi.PulledChange{Seq: 1, Entity: "test_note", RecordID: note.ID, Rev: 1001, State: b},
		pulled(t, "session", s, 1000, 2), func() {
			if _, err := db.FindDoc(ctx, "test_note", note.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
				t.Fatalf("doc before its session: %v", err)
			}
		})
	d, err := db.FindDoc(ctx, "test_note", note.ID)
	if err != nil || d.(*testNote).Text != "from another laptop" || d.DocMeta().Rev != 1001 {
		t.Fatalf("pulled doc %+v %v", d, err)
	}
	if n := len(pending(t, db)); n != 0 {
		t.Fatalf("pulled doc made %d outbox entries", n)
	}
	// both kinds of change validate through the protocol
	if _, _, err := syncapi.DecodeState("test_note", note.ID, b, nil); err != nil {
		t.Fatalf("protocol rejects a doc: %v", err)
	}
	bad, _ := json.Marshal(testNote{Meta: note.Meta, SessionID: s.ID})
	if _, _, err := syncapi.DecodeState("test_note", note.ID, bad, nil); err == nil {
		t.Fatal("protocol accepts an invalid doc")
	}
}
