package servertest

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// blockingStore holds Pull until released, to have a request in flight.
type blockingStore struct {
	serverstore.Store
	entered chan struct{}
	release chan struct{}
	once    sync.Once
}

func (s *blockingStore) Pull(ctx context.Context, teamID string, since int64, limit int) ([]serverstore.Record, error) {
	s.once.Do(func() {
		close(s.entered)
		<-s.release
	})
	return s.Store.Pull(ctx, teamID, since, limit)
}

func testGracefulShutdown(t *testing.T, open Open) {
	st := open(t)
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	bs := &blockingStore{Store: st, entered: make(chan struct{}), release: make(chan struct{})}
	e := NewEnvOn(t, bs) // for setup helpers; the real server below
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	d.Push(d.Change("feedback", NewFeedback("kept"), 0))

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := server.NewHTTPServer(e.API, nil)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- server.Serve(ctx, srv, l, "", "", 10*time.Second) }()

	url := "http://" + l.Addr().String()
	type answer struct {
		status int
		body   []byte
		err    error
	}
	got := make(chan answer, 1)
	go func() {
		req, _ := http.NewRequest("GET", url+"/v1/sync/pull", nil)
		req.Header.Set("Authorization", "Bearer "+d.Token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		got <- answer{res.StatusCode, b, err}
	}()
	select {
	case <-bs.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the request never reached the store")
	}
	cancel() // SIGTERM
	// New connections are refused soon after.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", l.Addr().String(), time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("still accepting connections after shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned (%v) with a request in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(bs.release)
	a := <-got
	if a.err != nil || a.status != 200 {
		t.Fatalf("in-flight request: %d %s %v, want it finished", a.status, a.body, a.err)
	}
	var page syncapi.PullResponse
	if err := json.Unmarshal(a.body, &page); err != nil || len(page.Changes) != 1 {
		t.Errorf("in-flight answer %s", a.body)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after the last request")
	}
}
