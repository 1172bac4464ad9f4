package server_test

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// TestPullPageBytes: a pull page written from the store's rows (RawPuller) is byte for
// byte what json.Marshal of the PullResponse built from Store.Pull was.
func TestPullPageBytes(t *testing.T) {
	st := openSQLite(t)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := servertest.NewEnvOn(t, st)
	tm := e.Team("Pages")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	var changes []syncapi.Change
	for i := range 7 {
		changes = append(changes, a.Change("feedback", benchFeedback(i), 0))
	}
	res := a.Push(changes...)
	// A concurrent edit of the same field: a merged state and a conflict record.
	f1 := servertest.Feedback(t, changes[0].State)
	f1.Text = "A's edit <b> & more"
	f2 := servertest.Feedback(t, changes[0].State)
	f2.Text = "B's edit \u2028 line"
	a.Push(a.Change("feedback", f1, res[0].Rev))
	b.Push(b.Change("feedback", f2, res[0].Rev))

	for _, limit := range []int{3, 1000} {
		cursor := int64(0)
		for page := 0; ; page++ {
			r := e.Do("GET", "/v1/sync/pull?since="+strconv.FormatInt(cursor, 10)+"&limit="+strconv.Itoa(limit), b.Token, nil)
			recs, err := st.Pull(context.Background(), tm.ID, cursor, limit)
			if err != nil {
				t.Fatal(err)
			}
			want := syncapi.PullResponse{Changes: make([]syncapi.PulledChange, len(recs)), Cursor: strconv.FormatInt(cursor, 10), More: len(recs) == limit, Role: "staff"}
			for i, rec := range recs {
				want.Changes[i] = syncapi.PulledChange{Seq: rec.Seq, Entity: rec.Entity, RecordID: rec.ID, Rev: rec.Rev, State: rec.State}
			}
			if len(recs) > 0 {
				want.Cursor = strconv.FormatInt(recs[len(recs)-1].Seq, 10)
			}
			wantBody, _ := json.Marshal(want)
			if r.Status != 200 || string(r.Body) != string(wantBody) {
				t.Fatalf("limit %d page %d: %d\n%s\nwant\n%s", limit, page, r.Status, r.Body, wantBody)
			}
			if !want.More {
				break
			}
			cursor = recs[len(recs)-1].Seq
		}
	}
}
