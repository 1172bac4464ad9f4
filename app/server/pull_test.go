package server_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
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

// TestPullRolePaths: a capture laptop's pull is the same, page by page, through the
// rows path (RawPuller) and through Store.Pull (a store without PullRaw): the same
// changes, cursors, more and role, and no contributor.
func TestPullRolePaths(t *testing.T) {
	st := openSQLite(t)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	raw, plain, _, capture := withPartners(t, st, 5)
	for _, limit := range []int{1, 2, 1000} {
		cursor, feedback := "", 0
		for page := 0; ; page++ {
			path := "/v1/sync/pull?since=" + cursor + "&limit=" + strconv.Itoa(limit)
			a, b := raw.Do("GET", path, capture.Token, nil), plain.Do("GET", path, capture.Token, nil)
			var pa, pb syncapi.PullResponse
			if a.Status != 200 || b.Status != 200 || json.Unmarshal(a.Body, &pa) != nil || json.Unmarshal(b.Body, &pb) != nil {
				t.Fatalf("limit %d page %d: %d %s / %d %s", limit, page, a.Status, a.Body, b.Status, b.Body)
			}
			if len(pa.Changes) == 0 && len(pb.Changes) == 0 {
				pa.Changes, pb.Changes = nil, nil
			}
			if !reflect.DeepEqual(pa, pb) {
				t.Fatalf("limit %d page %d: rows path\n%s\nStore.Pull path\n%s", limit, page, a.Body, b.Body)
			}
			if pa.Role != involve.RoleNameCapture || strings.Contains(string(a.Body), "Zorbic") {
				t.Fatalf("limit %d page %d: role %q or a partner sent: %s", limit, page, pa.Role, a.Body)
			}
			feedback += len(pa.Changes)
			cursor = pa.Cursor
			if !pa.More {
				break
			}
		}
		if feedback != 5 {
			t.Errorf("limit %d: %d feedback items pulled, want 5", limit, feedback)
		}
	}
}

// withPartners serves st twice, through the rows path (raw) and through Store.Pull
// (plain: a store without PullRaw), and has a staff laptop push n feedback items and n
// Lived Experience Partners with their consent (what a capture laptop, also enrolled,
// may not hold), all applied.
func withPartners(t *testing.T, st serverstore.Store, n int) (raw, plain *servertest.Env, staff, capture *servertest.Device) {
	t.Helper()
	raw = servertest.NewEnvOn(t, st)
	plain = servertest.NewEnvOn(t, struct{ serverstore.Store }{st}) // hides PullRaw
	tm := raw.Team("Pages")
	staff = raw.Enrol(tm.ID)
	capture = raw.EnrolAs(tm.ID, involve.RoleNameCapture)
	var changes []syncapi.Change
	for i := range n {
		changes = append(changes, staff.Change(involve.EntityFeedback, benchFeedback(i), 0))
		c := &involve.Contributor{Name: "Zorbic Testperson", Number: i + 1, LivedExperience: []string{}}
		c.ID = uuid.Must(uuid.NewV7()).String()
		k := &involve.Consent{SubjectEntity: involve.EntityContributor, SubjectID: c.ID, Purposes: []string{"payments"},
			LawfulBasis: "consent", NoticeVersion: "v1", Method: "written", GivenAt: "2026-02-01", GivenBy: "Zorbic"}
		k.ID = uuid.Must(uuid.NewV7()).String()
		changes = append(changes, staff.Change(involve.EntityContributor, c, 0), staff.Change(involve.EntityConsent, k, 0))
	}
	for _, r := range staff.Push(changes...) {
		if r.Status != syncapi.StatusApplied {
			t.Fatalf("push: %+v", r)
		}
	}
	return raw, plain, staff, capture
}
