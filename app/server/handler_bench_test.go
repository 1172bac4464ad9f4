package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/internal/benchdata"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// benchFeedback is a feedback item like the data set's (scripts/bench/DATASET.md):
// a random (version 4) UUID, about 160 characters with some that encoders must escape,
// 1–3 themes, demographics.
func benchFeedback(i int) any {
	f := servertest.NewFeedback(fmt.Sprintf("Comment %d: waited <5 mins at the GP's – the A&E \"quick\" triage was kind, café cost £5; naïve signage, more words to reach the usual length.", i))
	r := 1 + i%5
	f.Rating = &r
	f.Themes = []string{"a3b1c2d4-0000-4000-8000-000000000001", "a3b1c2d4-0000-4000-8000-000000000002"}[:1+i%2]
	f.AgeBand, f.EthnicGroup, f.Borough, f.CapturedBy = "25_34", "white", "E09000022", "Amira K."
	f.ID = uuid.NewString()
	return f
}

// serve runs one request through the handler, without a network (CPU of the server
// alone).
func serve(b *testing.B, h http.Handler, method, path, token string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set(syncapi.ProtocolHeader, "1")
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		b.Fatalf("%s %s: %d %s", method, path, w.Code, w.Body.Bytes())
	}
	return w
}

// BenchmarkPushHandler is the server's CPU for a push of 1000 new feedback items (one
// op), through the handler without a network, on SQLite. Run:
//
//	go test -tags sqlite_fts5 -run X -bench PushHandler ./app/server
func BenchmarkPushHandler(b *testing.B) {
	st := openSQLite(b)
	defer st.Close()
	if err := st.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	// b.N pushes of 1000 from one device on the test clock's one day: no quotas.
	e := servertest.NewEnvOn(b, st, func(c *server.Config) { c.Quotas = server.Quotas{TeamStorageBytes: -1, DeviceDailyChanges: -1} })
	d := e.Enrol(e.Team("Bench").ID)
	const batch = 1000
	bodies := make([][]byte, b.N)
	for i := range bodies {
		changes := make([]syncapi.Change, batch)
		for j := range changes {
			changes[j] = d.Change("feedback", benchFeedback(i*batch+j), 0)
		}
		bodies[i], _ = json.Marshal(syncapi.PushRequest{Changes: changes})
	}
	b.ResetTimer()
	cpu := benchdata.CPUTime()
	for i := range b.N {
		w := serve(b, e.API, "POST", "/v1/sync/push", d.Token, bodies[i])
		if i == 0 && !bytes.Contains(w.Body.Bytes(), []byte(`"status":"applied"`)) || bytes.Contains(w.Body.Bytes(), []byte(`"rejected"`)) {
			b.Fatalf("not applied: %.300s", w.Body.Bytes())
		}
	}
	b.ReportMetric(float64((benchdata.CPUTime()-cpu).Microseconds())/float64(b.N*batch), "cpu-µs/change")
}

// BenchmarkPullHandler is the server's CPU for pull pages of 5000 (one op), through
// the handler without a network, on SQLite.
func BenchmarkPullHandler(b *testing.B) {
	st := openSQLite(b)
	defer st.Close()
	if err := st.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	e := servertest.NewEnvOn(b, st)
	tm := e.Team("Bench")
	d, other := e.Enrol(tm.ID), e.Enrol(tm.ID)
	const n, page = 20_000, 5000
	for i := 0; i < n; i += 1000 {
		changes := make([]syncapi.Change, 1000)
		for j := range changes {
			changes[j] = d.Change("feedback", benchFeedback(i+j), 0)
		}
		d.Push(changes...)
	}
	b.ResetTimer()
	cpu := benchdata.CPUTime()
	for i := range b.N {
		since := int64(i*page) % n
		w := serve(b, e.API, "GET", "/v1/sync/pull?since="+strconv.FormatInt(since, 10)+"&limit="+strconv.Itoa(page), other.Token, nil)
		if w.Body.Len() < page*100 {
			b.Fatalf("short page: %d bytes", w.Body.Len())
		}
	}
	b.ReportMetric(float64((benchdata.CPUTime()-cpu).Microseconds())/float64(b.N*page), "cpu-µs/record")
}
