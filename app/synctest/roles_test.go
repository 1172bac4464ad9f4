package synctest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// roleSayer is the real server with one thing changed: the role its enrol and pull
// answers state ("" passes them through). It stands in for an administrator changing
// a device's role until the server keeps roles itself.
type roleSayer struct {
	h    http.Handler
	role atomic.Value // string
	// flip, when set, answers each pull with the other of two roles in turn.
	flip  [2]string
	pulls atomic.Int64
}

func (r *roleSayer) say(role string) { r.role.Store(role) }

func (r *roleSayer) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	role, _ := r.role.Load().(string)
	if r.flip[0] != "" && req.URL.Path == "/v1/sync/pull" {
		role = r.flip[r.pulls.Add(1)%2]
	}
	if role == "" || (req.URL.Path != "/v1/sync/pull" && req.URL.Path != "/v1/enrol") {
		r.h.ServeHTTP(w, req)
		return
	}
	req.Header.Del("Accept-Encoding") // a plain answer, to rewrite
	rec := httptest.NewRecorder()
	r.h.ServeHTTP(rec, req)
	body := rec.Body.Bytes()
	if rec.Code == http.StatusOK {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err == nil {
			m["role"], _ = json.Marshal(role)
			body, _ = json.Marshal(m)
		}
	}
	for k, v := range rec.Header() {
		if k != "Content-Length" {
			w.Header()[k] = v
		}
	}
	w.WriteHeader(rec.Code)
	w.Write(body)
}

func setAccessNeeds(v string) func(db *store.DB, cur involve.Doc) error {
	return func(db *store.DB, cur involve.Doc) error {
		c := *cur.(*involve.Contributor)
		c.AccessNeeds = v
		_, err := db.UpdateContributor(bg(), c.ID, nil, &c)
		return err
	}
}

// folderHolds lists the files of a laptop's data folder that contain any of the strings.
func folderHolds(t *testing.T, dir string, what []string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, w := range what {
			if bytes.Contains(b, []byte(w)) {
				found = append(found, w+" in "+filepath.Base(p))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func contributorIDs(t *testing.T, d *device) []string {
	t.Helper()
	list, err := d.db.FindContributors(bg())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	sort.Strings(ids)
	return ids
}

func conflictIDs(t *testing.T, d *device) []string {
	t.Helper()
	list, err := d.db.FindConflicts(bg())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range list {
		ids = append(ids, c.ID+" "+c.Status)
	}
	sort.Strings(ids)
	return ids
}

// TestRoleChanges: Bo's staff laptop, synced with Ada's through a real server, is
// lowered to capture: its next sync removes every partner, consent record and time
// entry with the conflicts about them and their waiting changes, says so, and leaves
// nothing of the partner in its data folder; it refuses to make a partner. Raised to
// staff again, its next sync pulls from the beginning and ends with what Ada has,
// without a new conflict or a duplicate.
func TestRoleChanges(t *testing.T) {
	s := newStack(t, "sqlite")
	rs := &roleSayer{h: s.api}
	rs.say(involve.RoleNameStaff)
	ts := httptest.NewServer(rs)
	t.Cleanup(ts.Close)
	ada := newDevice(t, "ada", ts.URL, s.code(s.team.ID))
	bo := newDevice(t, "bo", ts.URL, s.code(s.team.ID))
	f := withDocs(t, ada, bo)
	if _, _, err := ada.db.CreateContributor(bg(), &involve.Contributor{Name: "Zorbicnamé Testperson", ContactPreference: "email",
		ContactDetails: "zorbic@example.org", AccessNeeds: "zorbicaccess", PaymentPreference: "payroll"},
		newConsent(3, "", "", involve.PurposeAnalysis)); err != nil {
		t.Fatal(err)
	}
	ada.mustSync()
	bo.mustSync()
	if cs := sameDocEdit(t, ada, bo, involve.EntityContributor, f.contributor.ID, setAccessNeeds("zorbicaccess ramp"),
		setAccessNeeds("zorbicaccess lift")); len(cs) != 1 {
		t.Fatalf("%d conflicts about the partner, want 1", len(cs))
	}
	bo.mustSync()
	before := conflictIDs(t, bo)
	if _, err := bo.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: f.session.ID, Text: "More buses", Source: "comment_card"}); err != nil {
		t.Fatal(err)
	}

	rs.say(involve.RoleNameCapture)
	sum := bo.mustSync()
	if sum.Pull.Role == nil {
		t.Fatal("the change of role went unnoticed")
	}
	want := "This laptop is now enrolled for capture. 2 Lived Experience Partners, 3 consent records and 1 time entry were removed from it."
	if !strings.HasPrefix(sum.Pull.Role.Notice, want) {
		t.Errorf("notice %q, want it to start %q", sum.Pull.Role.Notice, want)
	}
	if st := bo.eng.Status(); st.Role != involve.RoleNameCapture || !strings.HasPrefix(st.Message, want) {
		t.Errorf("status: role %q message %q", st.Role, st.Message)
	}
	if ids := contributorIDs(t, bo); len(ids) != 0 {
		t.Errorf("bo still has partners %v", ids)
	}
	for _, c := range conflictIDs(t, bo) {
		t.Errorf("bo still has the conflict %s", c)
	}
	for _, e := range []string{involve.EntityConsent, involve.EntityTimeEntry} {
		if docs, err := bo.db.FindDocs(bg(), e, ""); err != nil || len(docs) != 0 {
			t.Errorf("bo still has %d %s (%v)", len(docs), e, err)
		}
	}
	if p, err := bo.db.PendingChanges(bg(), 0); err != nil || len(p) != 0 {
		t.Errorf("bo has changes waiting after the sync: %+v %v", p, err)
	}
	if found := folderHolds(t, bo.dir, []string{"Zorbicnamé", "zorbicnamé", "zorbic@example.org", "zorbicaccess"}); len(found) > 0 {
		t.Errorf("bo's data folder still holds the partner: %v", found)
	}
	if _, _, err := bo.db.CreateContributor(bg(), &involve.Contributor{Name: "New", PaymentPreference: "payroll"},
		newConsent(4, "", "", involve.PurposeAnalysis)); involve.ErrorCode(err) != involve.EFORBIDDEN {
		t.Errorf("a capture laptop made a partner: %v", err)
	}
	if sum := bo.mustSync(); sum.Pull.Role != nil || sum.Pull.Written != 0 {
		t.Errorf("a second sync as capture: %+v", sum.Pull)
	}
	if ids := contributorIDs(t, ada); len(ids) != 2 {
		t.Errorf("ada has %d partners, want 2 (only bo's role changed)", len(ids))
	}

	rs.say(involve.RoleNameStaff)
	sum = bo.mustSync()
	if sum.Pull.Role == nil || !sum.Pull.Role.Restart {
		t.Fatalf("raised to staff: %+v", sum.Pull.Role)
	}
	ada.mustSync()
	if a, b := contributorIDs(t, ada), contributorIDs(t, bo); strings.Join(a, ",") != strings.Join(b, ",") || len(b) != 2 {
		t.Errorf("partners: ada %v, bo %v", a, b)
	}
	if after := conflictIDs(t, bo); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Errorf("conflicts after pulling again %v, before %v", after, before)
	}
	if a, b := conflictIDs(t, ada), conflictIDs(t, bo); strings.Join(a, ",") != strings.Join(b, ",") {
		t.Errorf("conflicts: ada %v, bo %v", a, b)
	}
	for _, d := range []*device{ada, bo} {
		ss, err := d.db.FindSessions(bg(), involve.SessionFilter{})
		if err != nil || len(ss) != 1 || ss[0].FeedbackCount != 2 {
			t.Errorf("%s: sessions %+v (%v), want one with two feedback items", d.name, ss, err)
		}
	}
	if st := bo.eng.Status(); !strings.Contains(st.Message, "now enrolled for staff") {
		t.Errorf("status after the raise: %q", st.Message)
	}
}

// TestConnectForCapture: a laptop used before connecting has a partner; it connects
// through the real server with a code for capture: the partner and their consent go at
// once, with the connection, and the laptop says so.
func TestConnectForCapture(t *testing.T) {
	s := newStack(t, "sqlite")
	rs := &roleSayer{h: s.api}
	rs.say(involve.RoleNameCapture)
	ts := httptest.NewServer(rs)
	t.Cleanup(ts.Close)
	d := openDevice(t, "kiosk", t.TempDir())
	if _, _, err := d.db.CreateContributor(bg(), &involve.Contributor{Name: "Zorbicnamé Testperson", PaymentPreference: "payroll"},
		newConsent(1, "", "", involve.PurposeAnalysis)); err != nil {
		t.Fatal(err)
	}
	set, err := syncer.Connect(bg(), d.db, ts.URL, s.code(s.team.ID), d.hc)
	if err != nil {
		t.Fatal(err)
	}
	want := "This laptop is now enrolled for capture. 1 Lived Experience Partner and 1 consent record were removed from it. " +
		"2 changes made on this laptop and not yet sent were discarded; they cannot be recovered."
	if set.Role != involve.RoleNameCapture || set.RoleNotice != want {
		t.Errorf("connected: role %q, notice %q", set.Role, set.RoleNotice)
	}
	if ids := contributorIDs(t, d); len(ids) != 0 {
		t.Errorf("partners left: %v", ids)
	}
	if found := folderHolds(t, d.dir, []string{"Zorbicnamé"}); len(found) > 0 {
		t.Errorf("the data folder still holds the partner: %v", found)
	}
	d.engine()
	if sum := d.mustSync(); sum.Pushed != 0 || sum.Pull.Role != nil {
		t.Errorf("first sync: %+v", sum)
	}
}

// TestRoleFlapping: a server that says capture and staff in turn, page after page, is
// not followed round in circles: the sync stops with an error after two new starts.
func TestRoleFlapping(t *testing.T) {
	s := newStack(t, "sqlite")
	rs := &roleSayer{h: s.api}
	ts := httptest.NewServer(rs)
	t.Cleanup(ts.Close)
	ada := newDevice(t, "ada", ts.URL, s.code(s.team.ID))
	withDocs(t, ada)
	bo := newDevice(t, "bo", ts.URL, s.code(s.team.ID))
	bo.eng.PullLimit = 1 // a page a record: many pages, each with its role
	rs.flip = [2]string{involve.RoleNameStaff, involve.RoleNameCapture}
	if _, err := bo.sync(); err == nil || !strings.Contains(bo.eng.Status().Message, "role several times") {
		t.Fatalf("sync: %v; status %q", err, bo.eng.Status().Message)
	}
}
