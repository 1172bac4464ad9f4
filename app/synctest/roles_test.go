package synctest_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// Device roles through the real server (app/server/roles.go): laptops enrolled with
// codes made for a role (involve-server enrol --role), an administrator's change of
// role with the store call involve-server device set-role makes (stack.setRole), the
// server's own filtered pulls and refused pushes, and each laptop's removal of what a
// lowered role may not hold (app/syncer/role.go, app/store/sync_role.go).

// The partner of issue 12's test scenario.
const (
	zorbicName   = "Zorbicnamé Testperson"
	zorbicEmail  = "zorbic@example.org"
	zorbicAccess = "zorbicaccess"
)

// zorbicBytes are what a byte search looks for: the name as written and case-folded
// (lower case: Unicode case folding of "Zorbicnamé" is the same), the name's ASCII
// start in both cases (found whatever encoding the "é" was given: escaped in JSON,
// decomposed), the email address and the access need.
var zorbicBytes = []string{zorbicName, strings.ToLower(zorbicName), "Zorbicnamé", "zorbicnamé", "Zorbicnam", "zorbicnam",
	zorbicEmail, zorbicAccess}

func zorbic() *involve.Contributor {
	return &involve.Contributor{Name: zorbicName, ContactPreference: "email", ContactDetails: zorbicEmail,
		AccessNeeds: zorbicAccess, PaymentPreference: "payroll"}
}

func setAccessNeeds(v string) func(db *store.DB, cur involve.Doc) error {
	return func(db *store.DB, cur involve.Doc) error {
		c := *cur.(*involve.Contributor)
		c.AccessNeeds = v
		_, err := db.UpdateContributor(bg(), c.ID, nil, &c)
		return err
	}
}

// folderHolds lists the files of a laptop's data folder (every file: the database,
// its -wal and -shm, backups) that contain any of the strings, as "what in path"
// with the path relative to the folder.
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
		if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b { // a compressed backup: search inside it
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return err
			}
			if b, err = io.ReadAll(zr); err != nil {
				return err
			}
		}
		rel, _ := filepath.Rel(dir, p)
		for _, w := range what {
			if bytes.Contains(b, []byte(w)) {
				found = append(found, w+" in "+rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// folderFiles lists a data folder's files (relative paths), to show what a byte search
// of it covered.
func folderFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return err
	})
	return out
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

// showsZorbic reports whether a laptop shows the partner with all three details.
func showsZorbic(t *testing.T, d *device) bool {
	t.Helper()
	list, err := d.db.FindContributors(bg())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		doc, err := d.db.FindDoc(bg(), involve.EntityContributor, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		full := doc.(*involve.Contributor)
		if full.Name == zorbicName && full.ContactDetails == zorbicEmail && full.AccessNeeds == zorbicAccess {
			return true
		}
	}
	return false
}

// rawPull pulls every page as the laptop with token would, over plain HTTP with the
// laptop's token, and returns the pages' bodies as sent and the changes in them.
func rawPull(t *testing.T, serverURL, token string) ([]byte, []syncapi.PulledChange) {
	t.Helper()
	var all []byte
	var changes []syncapi.PulledChange
	cursor := ""
	for range 1000 {
		req, err := http.NewRequest("GET", serverURL+"/v1/sync/pull?limit=2&since="+url.QueryEscape(cursor), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(syncapi.ProtocolHeader, "1")
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("pull: %d %s %v", res.StatusCode, body, err)
		}
		all = append(all, body...)
		var page syncapi.PullResponse
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		changes = append(changes, page.Changes...)
		if !page.More {
			return all, changes
		}
		cursor = page.Cursor
	}
	t.Fatal("the pull never ended")
	return nil, nil
}

// identifiable lists the pulled changes a capture laptop may not hold.
func identifiable(changes []syncapi.PulledChange) []string {
	var out []string
	for _, c := range changes {
		of := ""
		if c.Entity == involve.EntityConflict {
			of = conflictEntityOf(c.State)
		}
		if !involve.MayHold(involve.RoleCapture, c.Entity, of) {
			out = append(out, c.Entity+" "+c.RecordID)
		}
	}
	return out
}

func conflictEntityOf(state []byte) string {
	var c struct {
		Entity string `json:"entity"`
	}
	json.Unmarshal(state, &c)
	return c.Entity
}

// TestRoleScenario is issue 12's scenario with real parts, on each server store. Ada
// (staff) creates the partner Zorbicnamé Testperson with an email address and an
// access need and syncs through the real server. Cleo's laptop, enrolled with a
// capture code of the same team, syncs and backs up: no byte of the partner is
// anywhere in its data folder, the server's pull to it (over plain HTTP with its
// token) has no identifiable record, its own attempt to make a partner is refused on
// the laptop, and a contributor change crafted and pushed over HTTP with its token is
// refused by the server and not stored. Bo's staff laptop shows all three details.
// Then an administrator lowers Ada to capture (SetDeviceRole): at her next sync she
// removes the partner, and her database and its write-ahead log no longer hold any of
// it; the backup she made before holds it sealed, so no plain byte of it either
// (docs/privacy.md says so). Raised to staff
// again, her next sync brings the partner back.
func TestRoleScenario(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		s := newStack(t, kind)
		ada := s.enrol(t, "ada")
		bo := s.enrol(t, "bo")
		cleo := newDevice(t, "cleo", s.ts.URL, s.codeAs(s.team.ID, involve.RoleNameCapture))
		if st := cleo.eng.Status(); st.Role != involve.RoleNameCapture {
			t.Fatalf("cleo's laptop says role %q after connecting with a capture code", st.Role)
		}
		session, err := ada.db.CreateSession(bg(), involve.SessionInput{Title: "Market stall", Date: "2026-11-24", Type: "workshop"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := ada.db.CreateContributor(bg(), zorbic(), newConsent(1, "", "", involve.PurposeAnalysis)); err != nil {
			t.Fatal(err)
		}
		ada.mustSync()
		bo.mustSync()
		cleo.mustSync()

		// The capture laptop: nothing of the partner, in anything it holds.
		if _, err := cleo.db.Backup(bg(), "test"); err != nil {
			t.Fatal(err)
		}
		if ss, err := cleo.db.FindSessions(bg(), involve.SessionFilter{}); err != nil || len(ss) != 1 || ss[0].ID != session.ID {
			t.Fatalf("cleo did not get the session (the sync moved nothing?): %+v %v", ss, err)
		}
		files := folderFiles(t, cleo.dir)
		if !strings.Contains(strings.Join(files, " "), "backups"+string(filepath.Separator)) {
			t.Errorf("cleo's data folder has no backup to search: %v", files)
		}
		if found := folderHolds(t, cleo.dir, zorbicBytes); len(found) > 0 {
			t.Errorf("cleo's capture laptop holds the partner: %v (files %v)", found, files)
		}
		if ids := contributorIDs(t, cleo); len(ids) != 0 {
			t.Errorf("cleo's capture laptop has partners %v", ids)
		}
		token := tokenOf(t, cleo)
		body, changes := rawPull(t, s.ts.URL, token)
		if bad := identifiable(changes); len(bad) > 0 {
			t.Errorf("the server sent the capture laptop %v", bad)
		}
		for _, w := range zorbicBytes {
			if bytes.Contains(body, []byte(w)) {
				t.Errorf("the server's pull to the capture laptop holds %q", w)
			}
		}

		// Its push of a partner: refused on the laptop, and by the server.
		if _, _, err := cleo.db.CreateContributor(bg(), &involve.Contributor{Name: "New Partner", PaymentPreference: "payroll"},
			newConsent(2, "", "", involve.PurposeAnalysis)); involve.ErrorCode(err) != involve.EFORBIDDEN {
			t.Errorf("cleo's capture laptop made a partner: %v", err)
		}
		crafted := zorbic()
		crafted.Name, crafted.Number, crafted.LivedExperience = "Crafted Zorbicpush", 7, []string{}
		now := time.Now().UTC()
		crafted.ID, crafted.Rev, crafted.DeviceID, crafted.CreatedBy = uuid.Must(uuid.NewV7()).String(), now.UnixMilli()<<16, cleo.db.DeviceID(), "cleo"
		crafted.CreatedAt, crafted.UpdatedAt = involve.FormatTime(now), involve.FormatTime(now)
		state, _ := json.Marshal(crafted)
		req, _ := json.Marshal(syncapi.PushRequest{Changes: []syncapi.Change{{ChangeID: uuid.Must(uuid.NewV7()).String(),
			Entity: involve.EntityContributor, RecordID: crafted.ID, Rev: crafted.Rev, State: state}}})
		code, apiErr, raw := post(t, s.ts.URL, "/v1/sync/push", token, req)
		var pushed syncapi.PushResponse
		json.Unmarshal(raw, &pushed)
		if code != http.StatusOK || len(pushed.Results) != 1 {
			t.Fatalf("crafted push: %d %+v %s", code, apiErr, raw)
		}
		if r := pushed.Results[0]; r.Status != syncapi.StatusRejected || r.Code != syncapi.EFORBIDDEN || !strings.Contains(r.Reason, "enrolled for capture") {
			t.Errorf("the server took a capture laptop's contributor: %+v", r)
		}
		bo.mustSync()
		for _, id := range contributorIDs(t, bo) {
			if id == crafted.ID {
				t.Error("the contributor the capture laptop pushed reached a staff laptop")
			}
		}

		// A second staff laptop shows all three.
		if !showsZorbic(t, bo) {
			t.Error("bo's staff laptop does not show the partner's name, email and access need")
		}

		// Ada lowered to capture.
		if _, err := ada.db.Backup(bg(), "before-role"); err != nil {
			t.Fatal(err)
		}
		s.setRole(ada, involve.RoleNameCapture)
		sum := ada.mustSync()
		if sum.Pull.Role == nil || ada.eng.Status().Role != involve.RoleNameCapture {
			t.Fatalf("the change of role went unnoticed: %+v, status role %q", sum.Pull.Role, ada.eng.Status().Role)
		}
		if showsZorbic(t, ada) || len(contributorIDs(t, ada)) != 0 {
			t.Error("ada, lowered to capture, still has the partner")
		}
		// Nothing in plain text anywhere, the backup made before the change included:
		// it still holds the partner, but sealed with the team's key.
		for _, f := range folderHolds(t, ada.dir, zorbicBytes) {
			t.Errorf("ada's data folder holds the partner in plain text: %s", f)
		}
		// The search can find what is there: the backup holds the session's title,
		// which is not sealed.
		if found := folderHolds(t, filepath.Join(ada.dir, "backups"), []string{session.Title}); len(found) == 0 {
			t.Errorf("the backup ada made before the change does not hold the session's title %q: the search proves nothing (files %v)",
				session.Title, folderFiles(t, ada.dir))
		}
		if !showsZorbic(t, bo) {
			t.Error("bo lost the partner when ada's role changed")
		}

		// Raised to staff again.
		s.setRole(ada, involve.RoleNameStaff)
		if sum := ada.mustSync(); sum.Pull.Role == nil || !sum.Pull.Role.Restart {
			t.Fatalf("raised to staff: %+v", sum.Pull.Role)
		}
		if !showsZorbic(t, ada) {
			t.Error("ada, raised to staff again, does not show the partner")
		}
	})
}

// TestRoleChanges: Bo's staff laptop, synced with Ada's through a real server, is
// lowered to capture by an administrator: its next sync removes every partner,
// consent record and time entry with the conflicts about them and their waiting
// changes, says so, and leaves nothing of the partner in its data folder; it refuses
// to make a partner. Raised to staff again, its next sync pulls from the beginning and
// ends with what Ada has, without a new conflict or a duplicate.
func TestRoleChanges(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		s := newStack(t, kind)
		ada := s.enrol(t, "ada")
		bo := s.enrol(t, "bo")
		f := withDocs(t, ada, bo)
		if _, _, err := ada.db.CreateContributor(bg(), zorbic(), newConsent(3, "", "", involve.PurposeAnalysis)); err != nil {
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

		s.setRole(bo, involve.RoleNameCapture)
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
		if found := folderHolds(t, bo.dir, zorbicBytes); len(found) > 0 {
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

		s.setRole(bo, involve.RoleNameStaff)
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
	})
}

// TestConnectForCapture: a laptop used before connecting has a partner; it connects
// through the real server with a code made for capture: the partner and their consent
// go at once, with the connection, and the laptop says so.
func TestConnectForCapture(t *testing.T) {
	s := newStack(t, "sqlite")
	d := openDevice(t, "kiosk", t.TempDir())
	if _, _, err := d.db.CreateContributor(bg(), &involve.Contributor{Name: zorbicName, PaymentPreference: "payroll"},
		newConsent(1, "", "", involve.PurposeAnalysis)); err != nil {
		t.Fatal(err)
	}
	set, err := syncer.Connect(bg(), d.db, s.ts.URL, s.codeAs(s.team.ID, involve.RoleNameCapture), d.hc)
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
	if found := folderHolds(t, d.dir, zorbicBytes); len(found) > 0 {
		t.Errorf("the data folder still holds the partner: %v", found)
	}
	d.engine()
	if sum := d.mustSync(); sum.Pushed != 0 || sum.Pull.Role != nil {
		t.Errorf("first sync: %+v", sum)
	}
}

// roleFlipper is the real server with an administrator who changes one device's role
// (with the store call of involve-server device set-role) before every pull page it
// asks for, capture and staff in turn. The server's answers are its own; the wrapper
// only times the changes, which no test could otherwise place between two pages of
// one sync.
type roleFlipper struct {
	s      *stack
	device string
	pulls  atomic.Int64
}

func (r *roleFlipper) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.URL.Path == "/v1/sync/pull" && r.device != "" {
		role := []string{involve.RoleNameStaff, involve.RoleNameCapture}[r.pulls.Add(1)%2]
		if _, err := r.s.store.SetDeviceRole(req.Context(), r.device, role); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	r.s.ts.Config.Handler.ServeHTTP(w, req)
}

// TestRoleFlapping: a role changed back and forth page after page is not followed
// round in circles: the sync stops with an error after two new starts.
func TestRoleFlapping(t *testing.T) {
	s := newStack(t, "sqlite")
	rf := &roleFlipper{s: s}
	ts := httptest.NewServer(rf)
	t.Cleanup(ts.Close)
	ada := newDevice(t, "ada", ts.URL, s.code(s.team.ID))
	withDocs(t, ada)
	bo := newDevice(t, "bo", ts.URL, s.code(s.team.ID))
	bo.eng.PullLimit = 1 // a page a record: many pages, each with its role
	rf.device = bo.db.DeviceID()
	if _, err := bo.sync(); err == nil || !strings.Contains(bo.eng.Status().Message, "role several times") {
		t.Fatalf("sync: %v; status %q", err, bo.eng.Status().Message)
	}
}
