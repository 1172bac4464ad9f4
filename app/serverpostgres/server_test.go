package serverpostgres_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverpostgres"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// TestHTTP runs the server's HTTP suite over PostgreSQL (app/server runs it over SQLite).
func TestHTTP(t *testing.T) {
	BaseURL(t)
	servertest.Run(t, func(t *testing.T) serverstore.Store { return MustOpen(t, FreshSchemaURL(t)) })
}

// on returns the same laptop talking to another server (replica).
func on(d *servertest.Device, e *servertest.Env) *servertest.Device {
	c := *d
	c.E = e
	return &c
}

// TestTwoReplicas: two involve-server processes (two HTTP servers, each with its own
// connection pool) over one database. Devices enrol through one and sync through the
// other; both serve the same data, and nothing either keeps in memory matters.
func TestTwoReplicas(t *testing.T) {
	u := FreshSchemaURL(t)
	e1 := servertest.NewEnvOn(t, MustOpen(t, u))
	e2 := servertest.NewEnvOn(t, MustOpen(t, u), e1.SameKeyFile())
	tm := e1.Team("North")

	// Enrolled through replica 1; tokens work on replica 2 (stored in the database).
	a1, b1 := e1.Enrol(tm.ID), e1.Enrol(tm.ID)
	a2, b2 := on(a1, e2), on(b1, e2)
	// Steps, not subtests: the environments' helpers report through this test's t.
	step := func(name string, fn func()) { t.Log(name); fn() }

	var me syncapi.DeviceInfo
	e2.MustJSON("GET", "/v1/devices/me", a1.Token, nil, 200, &me)
	if me.DeviceID != a1.ID || me.Team.ID != tm.ID {
		t.Fatalf("replica 2 /v1/devices/me = %+v, want device %s of team %s", me, a1.ID, tm.ID)
	}

	step("PushOnOnePullOnTheOther", func() {
		f := servertest.NewFeedback("pushed through replica 2")
		res := a2.Push(a2.Change("feedback", f, 0))
		if res[0].Status != syncapi.StatusApplied {
			t.Fatalf("push through replica 2: %+v", res[0])
		}
		got := b1.PullAll()[f.ID]
		if got.Rev != res[0].Rev || servertest.Feedback(t, got.State).Text != "pushed through replica 2" {
			t.Errorf("pulled through replica 1: %+v", got)
		}
	})

	step("ConflictAcrossReplicas", func() {
		f := servertest.NewFeedback("original")
		base := a1.Push(a1.Change("feedback", f, 0))[0]
		fa, fb := *f, *f
		fa.Text, fb.Text = "A's words", "B's words"
		ca := a1.Change("feedback", &fa, base.Rev)
		e1.Clock.Advance(time.Second)
		e2.Clock.Advance(time.Second)
		cb := b2.Change("feedback", &fb, base.Rev)
		if r := a1.Push(ca)[0]; r.Status != syncapi.StatusApplied {
			t.Fatalf("A through replica 1: %+v", r)
		}
		rb := b2.Push(cb)[0]
		if rb.Status != syncapi.StatusConflict || len(rb.Conflicts) != 1 {
			t.Fatalf("B through replica 2: %+v, want a conflict", rb)
		}
		// The change id is known to both replicas: a resend to the other is a duplicate.
		if again := on(b2, e1).Push(cb)[0]; again.Status != syncapi.StatusDuplicate || again.Rev != rb.Rev {
			t.Errorf("resent through replica 1: %+v, want duplicate of %+v", again, rb)
		}
		p1, p2 := a1.PullAll(), b2.PullAll()
		for _, id := range []string{f.ID, rb.Conflicts[0]} {
			if p1[id].Seq != p2[id].Seq || p1[id].Rev != p2[id].Rev || string(p1[id].State) != string(p2[id].State) {
				t.Errorf("%s differs between replicas:\n1: %+v\n2: %+v", id, p1[id], p2[id])
			}
		}
		if got := servertest.Feedback(t, p1[f.ID].State).Text; got != "B's words" {
			t.Errorf("winner %q, want B's words", got)
		}
	})

	step("ConcurrentPushesThroughBoth", func() {
		// Several laptops push at once, alternating replicas; each pulls everything
		// back through the other replica, with small pages.
		const laptops, batches, perBatch = 4, 5, 20
		devs := make([]*servertest.Device, laptops)
		for i := range devs {
			devs[i] = e1.Enrol(tm.ID)
		}
		before := len(a1.PullAll())
		var wg sync.WaitGroup
		errs := make(chan error, laptops*batches)
		for i, d := range devs {
			var changes [batches][]syncapi.Change
			for b := range changes {
				for k := 0; k < perBatch; k++ {
					changes[b] = append(changes[b], d.Change("feedback", servertest.NewFeedback(fmt.Sprintf("laptop %d batch %d item %d", i, b, k)), 0))
				}
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b := range changes {
					e := e1
					if (i+b)%2 == 1 {
						e = e2
					}
					r := e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: changes[b]})
					if r.Status != http.StatusOK {
						errs <- fmt.Errorf("laptop %d batch %d: status %d: %s", i, b, r.Status, r.Body)
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		want := before + laptops*batches*perBatch
		for _, d := range []*servertest.Device{a1, b2} {
			all := map[string]syncapi.PulledChange{}
			seqs := map[int64]bool{}
			cursor := ""
			for {
				page := d.Pull(cursor, 37)
				for _, c := range page.Changes {
					if seqs[c.Seq] {
						t.Fatalf("seq %d pulled twice", c.Seq)
					}
					seqs[c.Seq] = true
					all[c.RecordID] = c
				}
				cursor = page.Cursor
				if !page.More {
					break
				}
			}
			if len(all) != want {
				t.Errorf("pulled %d records through %s, want %d", len(all), d.E.Server.URL, want)
			}
		}
	})

	step("RevokedOnOneRefusedOnTheOther", func() {
		if err := e2.Store.RevokeDevice(t.Context(), b1.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		r := e1.Do("GET", "/v1/sync/pull?since=0", b1.Token, nil)
		if r.Status != http.StatusUnauthorized {
			t.Errorf("revoked through replica 2, replica 1 answers %d: %s", r.Status, r.Body)
		}
	})
}

// TestSealedAtRestPostgres: after a sealed partner is pushed, a pg_dump of the
// server's database holds none of their details.
func TestSealedAtRestPostgres(t *testing.T) {
	BaseURL(t)
	servertest.SealedAtRest(t, "postgres")
}

// TestErasedAtRestPostgres: after a lead's erasure, a pg_dump of the server's database
// holds none of the erased values.
func TestErasedAtRestPostgres(t *testing.T) {
	BaseURL(t)
	servertest.ErasedAtRest(t, "postgres")
}

// TestNewRecordsResultKeptByRow: a push of new records writes no change result (the
// rows stand for them, migration 0012), and the same changes sent again are answered
// "duplicate" with their revisions, as when every result was stored.
func TestNewRecordsResultKeptByRow(t *testing.T) {
	u := FreshSchemaURL(t)
	e := servertest.NewEnvOn(t, MustOpen(t, u))
	s, err := serverpostgres.OpenStore(ctx(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d := e.Enrol(e.Team("Results").ID)
	changes := []syncapi.Change{d.Change("feedback", servertest.NewFeedback("one"), 0), d.Change("feedback", servertest.NewFeedback("two"), 0)}
	first := d.Push(changes...)
	if n, err := s.QueryInt(ctx(), "SELECT count(*)::int FROM change_results"); err != nil || n != 0 {
		t.Errorf("%d change results stored for a push of new records (%v), want none (the rows stand for them)", n, err)
	}
	again := d.Push(changes...)
	for i := range changes {
		if first[i].Status != syncapi.StatusApplied || again[i].Status != syncapi.StatusDuplicate || again[i].Rev != first[i].Rev || again[i].ChangeID != changes[i].ChangeID {
			t.Errorf("change %d: first %+v, sent again %+v; want applied, then duplicate at the same revision", i, first[i], again[i])
		}
	}
}
