package servertest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Run runs the whole HTTP suite against stores made by open.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open Open)
	}{
		{"HealthAndReady", testHealth},
		{"Info", testInfo},
		{"EnrolGood", testEnrolGood},
		{"EnrolCodeReused", testEnrolReused},
		{"EnrolCodeExpired", testEnrolExpired},
		{"EnrolCodeUnknown", testEnrolUnknown},
		{"EnrolBadRequest", testEnrolBad},
		{"AuthMissingWrongRevoked", testAuth},
		{"DeviceMe", testDeviceMe},
		{"TouchThrottled", testTouch},
		{"OtherTeamRecordForbidden", testOtherTeam},
		{"PushAppliedAndDuplicate", testPushDuplicate},
		{"LostResponse", testLostResponse},
		{"RejectedStaysRejected", testRejected},
		{"UnknownEntityAndFields", testUnknownEntity},
		{"EntityMismatch", testEntityMismatch},
		{"StaleRevNotGreater", testStaleRev},
		{"MergeDifferentFields", testMergeFields},
		{"SameFieldConflict", testConflict},
		{"ConflictServerWins", testConflictServerWins},
		{"DeleteVersusEdit", testDeleteVsEdit},
		{"RestoreVersusDelete", testRestoreVsDelete},
		{"ThemesPerTeam", testThemesPerTeam},
		{"PullPagingAndCursor", testPullPaging},
		{"PullBadParameters", testPullBad},
		{"OversizedBody", testOversized},
		{"TooManyChanges", testTooManyChanges},
		{"GzipRequestAndResponse", testGzip},
		{"GzipBomb", testGzipBomb},
		{"MalformedJSON", testMalformed},
		{"UnknownFields", testUnknownFields},
		{"ProtocolHeader", testProtocol},
		{"RateLimit", testRateLimit},
		{"AuditOnePerPush", testAudit},
		{"ReportWorkbook", testReportWorkbook},
		{"ReportCSV", testReportCSV},
		{"ReportRefused", testReportRefused},
		{"ReportFailsMidStream", testReportFailsMidStream},
		{"ReportOutcomeRecords", testReportDocs},
		{"NotFoundIsJSON", testNotFound},
		{"GracefulShutdown", testGracefulShutdown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

func wantError(t *testing.T, r Response, status int, code string) syncapi.Error {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	e := r.Error()
	if e.Code != code || e.Message == "" {
		t.Fatalf("error body %s, want code %q and a message", r.Body, code)
	}
	return e
}

func testHealth(t *testing.T, open Open) {
	e := NewEnv(t, open)
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := e.Do("GET", p, "", nil); r.Status != 200 {
			t.Errorf("GET %s = %d %s", p, r.Status, r.Body)
		}
	}
	e.API.Drain()
	if r := e.Do("GET", "/readyz", "", nil); r.Status != 503 {
		t.Errorf("GET /readyz while draining = %d, want 503", r.Status)
	}
	if r := e.Do("GET", "/healthz", "", nil); r.Status != 200 {
		t.Errorf("GET /healthz while draining = %d, want 200", r.Status)
	}
}

func testInfo(t *testing.T, open Open) {
	e := NewEnv(t, open)
	var info syncapi.Info
	e.MustJSON("GET", "/v1/info", "", nil, 200, &info)
	if info.Service != "involve-server" || info.Protocol != syncapi.Protocol || info.MinProtocol != 1 || info.Version != "test" ||
		info.Limits != e.Config.Limits || info.ServerTimeUTC != "2026-11-24T10:00:00.000Z" {
		t.Errorf("info = %+v", info)
	}
}

func testEnrolGood(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("South London")
	code := e.Code(tm.ID, time.Hour)
	devID := uuid.Must(uuid.NewV7()).String()
	var resp syncapi.EnrolResponse
	// Codes are typed by people: lower case and missing dashes are fine.
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	e.MustJSON("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: typed, DeviceID: devID, DeviceName: "hin-laptop-12", UserName: "Amira K."}, 200, &resp)
	if !strings.HasPrefix(resp.Token, "inv1_") || len(resp.Token) < 40 || resp.DeviceID != devID ||
		resp.Team.ID != tm.ID || resp.Team.Name != tm.Name || resp.Limits != e.Config.Limits {
		t.Errorf("enrol response = %+v", resp)
	}
	dev, err := e.Store.DeviceByTokenHash(context.Background(), server.HashSecret(resp.Token))
	if err != nil || dev.ID != devID || dev.TeamID != tm.ID {
		t.Errorf("stored device = %+v, %v", dev, err)
	}
	if dev.TokenHash == resp.Token || strings.Contains(dev.TokenHash, resp.Token[5:]) {
		t.Error("the token is stored in clear")
	}
}

func enrolBody(code string) syncapi.EnrolRequest {
	return syncapi.EnrolRequest{Code: code, DeviceID: uuid.Must(uuid.NewV7()).String(), DeviceName: "laptop"}
}

func testEnrolReused(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	code := e.Code(tm.ID, time.Hour)
	e.MustJSON("POST", "/v1/enrol", "", enrolBody(code), 200, nil)
	wantError(t, e.Do("POST", "/v1/enrol", "", enrolBody(code)), 401, syncapi.EUNAUTH)
}

func testEnrolExpired(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	code := e.Code(tm.ID, time.Hour)
	e.Clock.Advance(time.Hour + time.Second)
	msg := wantError(t, e.Do("POST", "/v1/enrol", "", enrolBody(code)), 401, syncapi.EUNAUTH)
	unknown := wantError(t, e.Do("POST", "/v1/enrol", "", enrolBody("AAAA-BBBB-CCCC")), 401, syncapi.EUNAUTH)
	if msg.Message != unknown.Message {
		t.Errorf("expired and unknown codes answer differently (%q, %q): a guesser learns which", msg.Message, unknown.Message)
	}
}

func testEnrolUnknown(t *testing.T, open Open) {
	e := NewEnv(t, open)
	e.Team("T")
	wantError(t, e.Do("POST", "/v1/enrol", "", enrolBody("ZZZZ-ZZZZ-ZZZZ")), 401, syncapi.EUNAUTH)
}

func testEnrolBad(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	code := e.Code(tm.ID, time.Hour)
	wantError(t, e.Do("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: code, DeviceID: "not-a-uuid", DeviceName: "x"}), 400, syncapi.EINVALID)
	wantError(t, e.Do("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: code, DeviceID: uuid.NewString()}), 400, syncapi.EINVALID)
	wantError(t, e.Do("POST", "/v1/enrol", "", []byte(`{"code":`)), 400, syncapi.EINVALID)
	wantError(t, e.Do("POST", "/v1/enrol", "", []byte(`{"code":"x","deviceId":"y","deviceName":"z","admin":true}`)), 400, syncapi.EINVALID)
	// The bad requests did not use the code up.
	e.MustJSON("POST", "/v1/enrol", "", enrolBody(code), 200, nil)
}

func testAuth(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	for _, p := range []struct{ method, path string }{{"GET", "/v1/sync/pull"}, {"POST", "/v1/sync/push"}, {"GET", "/v1/devices/me"}} {
		var body any
		if p.method == "POST" {
			body = syncapi.PushRequest{}
		}
		r := e.Do(p.method, p.path, "", body)
		wantError(t, r, 401, syncapi.EUNAUTH)
		if r.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s 401 without WWW-Authenticate", p.path)
		}
		wantError(t, e.Do(p.method, p.path, "inv1_wrong", body), 401, syncapi.EUNAUTH)
		wantError(t, e.Do(p.method, p.path, d.Token+"x", body), 401, syncapi.EUNAUTH)
		wantError(t, e.Do(p.method, p.path, "", body, "Authorization", "Basic "+d.Token), 401, syncapi.EUNAUTH)
	}
	d.Pull("", 0)
	if err := e.Store.RevokeDevice(context.Background(), d.ID, e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	msg := wantError(t, e.Do("GET", "/v1/sync/pull", d.Token, nil), 401, syncapi.EUNAUTH)
	if !strings.Contains(msg.Message, "disconnected") || !strings.Contains(msg.Message, "administrator") || !strings.Contains(msg.Message, "safe") {
		t.Errorf("revoked message %q should say an administrator disconnected the laptop and its work is safe", msg.Message)
	}
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{}), 401, syncapi.EUNAUTH)
}

func testDeviceMe(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	var me syncapi.DeviceInfo
	e.MustJSON("GET", "/v1/devices/me", d.Token, nil, 200, &me)
	if me.DeviceID != d.ID || me.Name != d.Name || me.Team.ID != tm.ID || me.Team.Name != tm.Name || me.EnrolledAt != "2026-11-24T10:00:00.000Z" {
		t.Errorf("devices/me = %+v", me)
	}
}

func testTouch(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	seen := func() time.Time {
		t.Helper()
		dev, err := e.Store.DeviceByTokenHash(context.Background(), server.HashSecret(d.Token))
		if err != nil || dev.LastSeenAt == nil {
			t.Fatalf("device %+v, %v: no last-seen time", dev, err)
		}
		return *dev.LastSeenAt
	}
	t0 := e.Clock.Now()
	d.Pull("", 0)
	if got := seen(); !got.Equal(t0) {
		t.Fatalf("last seen %v, want %v", got, t0)
	}
	e.Clock.Advance(30 * time.Second)
	d.Pull("", 0)
	if got := seen(); !got.Equal(t0) {
		t.Errorf("last seen written again after 30 s (%v): at most once a minute", got)
	}
	e.Clock.Advance(31 * time.Second)
	d.Pull("", 0)
	if got := seen(); !got.Equal(t0.Add(61 * time.Second)) {
		t.Errorf("last seen %v after a minute, want %v", got, t0.Add(61*time.Second))
	}
}

func testOtherTeam(t *testing.T, open Open) {
	e := NewEnv(t, open)
	a, b := e.Team("A"), e.Team("B")
	da, db := e.Enrol(a.ID), e.Enrol(b.ID)
	f := NewFeedback("Team A's feedback")
	res := da.Push(da.Change("feedback", f, 0))
	if res[0].Status != syncapi.StatusApplied {
		t.Fatalf("team A push: %+v", res[0])
	}
	// Team B's device sends a change to team A's record (same id).
	g := *f
	g.Text = "overwritten by team B"
	res = db.Push(db.Change("feedback", &g, res[0].Rev))
	if res[0].Status != syncapi.StatusRejected || res[0].Code != syncapi.EFORBIDDEN || res[0].Reason == "" {
		t.Errorf("team B's change to team A's record: %+v, want rejected forbidden", res[0])
	}
	if got := db.PullAll(); len(got) != 0 {
		t.Errorf("team B pulls %d records, want none", len(got))
	}
	got := da.PullAll()
	if len(got) != 1 || Feedback(t, got[f.ID].State).Text != "Team A's feedback" {
		t.Errorf("team A's record after team B's attempt: %+v", got)
	}
	for _, c := range got {
		if strings.Contains(string(c.State), b.ID) {
			t.Errorf("team A's data mentions team B: %s", c.State)
		}
	}
}

func testPushDuplicate(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	batch := []syncapi.Change{d.Change("feedback", NewFeedback("one"), 0), d.Change("feedback", NewFeedback("two"), 0), d.Change("feedback", NewFeedback("three"), 0)}
	first := d.Push(batch...)
	for i, r := range first {
		if r.Status != syncapi.StatusApplied || r.Rev != batch[i].Rev {
			t.Errorf("first push result %d = %+v, want applied at rev %d", i, r, batch[i].Rev)
		}
	}
	second := d.Push(batch...)
	for i, r := range second {
		if r.Status != syncapi.StatusDuplicate || r.Rev != first[i].Rev {
			t.Errorf("second push result %d = %+v, want duplicate at rev %d", i, r, first[i].Rev)
		}
	}
	page := d.Pull("", 0)
	if len(page.Changes) != 3 || page.More {
		t.Fatalf("pull after the same batch twice: %d changes (more %v), want 3", len(page.Changes), page.More)
	}
	for _, c := range page.Changes {
		f := Feedback(t, c.State)
		if f.TeamID != tm.ID || f.Rev != c.Rev || f.UpdatedAt != "2026-11-24T10:00:00.000Z" || c.Entity != "feedback" || c.RecordID != f.ID {
			t.Errorf("stored state %s: the server sets teamId, rev and updatedAt", c.State)
		}
	}
	// A batch that repeats a change id inside itself.
	c := d.Change("feedback", NewFeedback("four"), 0)
	res := d.Push(c, c)
	if res[0].Status != syncapi.StatusApplied || res[1].Status != syncapi.StatusDuplicate {
		t.Errorf("repeated change id in one batch: %+v", res)
	}
}

func testLostResponse(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d, other := e.Enrol(tm.ID), e.Enrol(tm.ID)
	f := NewFeedback("first")
	c := d.Change("feedback", f, 0)
	// The server commits but the answer never arrives (the connection drops): the
	// device sends the same change again, after another device changed the record.
	d.Push(c)
	g := *f
	g.Text = "edited elsewhere"
	other.Push(other.Change("feedback", &g, c.Rev))
	res := d.Push(c)
	if res[0].Status != syncapi.StatusDuplicate || res[0].Rev != c.Rev {
		t.Errorf("resent change: %+v, want duplicate with its first rev %d", res[0], c.Rev)
	}
	if got := d.PullAll(); len(got) != 1 || Feedback(t, got[f.ID].State).Text != "edited elsewhere" {
		t.Errorf("the resent change was applied again: %+v", got)
	}
}

func testRejected(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	bad := d.Change("feedback", NewFeedback(""), 0) // feedback needs text
	good := d.Change("feedback", NewFeedback("fine"), 0)
	res := d.Push(bad, good)
	if res[0].Status != syncapi.StatusRejected || res[0].Code != syncapi.EINVALID || !strings.Contains(res[0].Reason, "Enter the feedback") {
		t.Errorf("invalid change: %+v, want rejected with the reason", res[0])
	}
	if res[1].Status != syncapi.StatusApplied {
		t.Errorf("a rejected change blocked the next: %+v", res[1])
	}
	again := d.Push(bad)
	if again[0].Status != syncapi.StatusRejected || again[0].Reason != res[0].Reason || again[0].Code != res[0].Code {
		t.Errorf("resent rejected change: %+v, want the same rejection", again[0])
	}
	if got := d.PullAll(); len(got) != 1 {
		t.Errorf("pull: %d records, want only the valid one", len(got))
	}
}

func testUnknownEntity(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	c := d.Change("feedback", NewFeedback("x"), 0)
	c.Entity = "payment"
	unknownField := d.Change("feedback", NewFeedback("y"), 0)
	unknownField.State = json.RawMessage(strings.Replace(string(unknownField.State), `{`, `{"secret":1,`, 1))
	wrongID := d.Change("feedback", NewFeedback("z"), 0)
	wrongID.RecordID = uuid.NewString()
	badChangeID := d.Change("feedback", NewFeedback("w"), 0)
	badChangeID.ChangeID = "not-a-uuid"
	notObject := d.Change("feedback", NewFeedback("v"), 0)
	notObject.State = json.RawMessage(`[1,2]`)
	res := d.Push(c, unknownField, wrongID, badChangeID, notObject)
	for i, r := range res {
		if r.Status != syncapi.StatusRejected || r.Code != syncapi.EINVALID || r.Reason == "" {
			t.Errorf("change %d: %+v, want rejected invalid with a reason", i, r)
		}
	}
	if !strings.Contains(res[0].Reason, "payment") || !strings.Contains(res[1].Reason, "secret") {
		t.Errorf("reasons do not say what is wrong: %q, %q", res[0].Reason, res[1].Reason)
	}
	if got := d.PullAll(); len(got) != 0 {
		t.Errorf("rejected changes stored: %d records", len(got))
	}
}

func testEntityMismatch(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	f := NewFeedback("x")
	res := d.Push(d.Change("feedback", f, 0))
	th := &involve.Theme{Label: "Access"}
	th.ID = f.ID
	res = d.Push(d.Change("theme", th, res[0].Rev))
	if res[0].Status != syncapi.StatusRejected {
		t.Errorf("a theme change to a feedback record: %+v, want rejected", res[0])
	}
}

func testStaleRev(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	f := NewFeedback("x")
	c := a.Change("feedback", f, 0)
	c.Rev = 1 << 40 // far in the future
	r1 := a.Push(c)[0]
	// b's clock is behind: its rev is lower than the current one, but it edits the
	// current revision, so the change applies with current + 1.
	g := *f
	g.Text = "y"
	c2 := b.Change("feedback", &g, r1.Rev)
	c2.Rev = 5
	r2 := b.Push(c2)[0]
	if r2.Status != syncapi.StatusApplied || r2.Rev != r1.Rev+1 {
		t.Errorf("change with a lower rev: %+v, want applied at %d", r2, r1.Rev+1)
	}
	if got := a.PullAll()[f.ID]; got.Rev != r1.Rev+1 || Feedback(t, got.State).Rev != r1.Rev+1 {
		t.Errorf("pulled %+v", got)
	}
}

// shared sets up a feedback item both devices have at the same revision.
func shared(t *testing.T, a, b *Device, text string) (*involve.Feedback, int64) {
	t.Helper()
	f := NewFeedback(text)
	rating := 4
	f.Rating = &rating
	r := a.Push(a.Change("feedback", f, 0))[0]
	if r.Status != syncapi.StatusApplied {
		t.Fatalf("create: %+v", r)
	}
	got := b.PullAll()[f.ID]
	return Feedback(t, got.State), got.Rev
}

func clone(f *involve.Feedback) *involve.Feedback {
	g := *f
	g.Themes = append([]string{}, f.Themes...)
	if f.Rating != nil {
		r := *f.Rating
		g.Rating = &r
	}
	return &g
}

func testMergeFields(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b, c := e.Enrol(tm.ID), e.Enrol(tm.ID), e.Enrol(tm.ID)
	base, baseRev := shared(t, a, b, "the bus is late")
	fa := clone(base)
	fa.Text = "the 176 bus is always late"
	fb := clone(base)
	five := 5
	fb.Rating = &five
	fb.Themes = []string{"transport"}
	ra := a.Push(a.Change("feedback", fa, baseRev))[0]
	rb := b.Push(b.Change("feedback", fb, baseRev))[0]
	if ra.Status != syncapi.StatusApplied {
		t.Fatalf("first edit: %+v", ra)
	}
	if rb.Status != syncapi.StatusMerged || len(rb.Conflicts) != 0 || rb.Rev <= ra.Rev || rb.Rev <= b.rev {
		t.Fatalf("concurrent edit of other fields: %+v, want merged at a rev above both", rb)
	}
	m := Feedback(t, rb.State)
	if m.Text != fa.Text || m.Rating == nil || *m.Rating != 5 || len(m.Themes) != 1 || m.Themes[0] != "transport" || m.Rev != rb.Rev {
		t.Errorf("merged state %s keeps both edits?", rb.State)
	}
	pulled := c.PullAll()
	if got := pulled[base.ID]; got.Rev != rb.Rev || !syncapi.Equal(got.State, rb.State) {
		t.Errorf("third device pulls %s at %d, want the merged state at %d", got.State, got.Rev, rb.Rev)
	}
	for _, p := range pulled {
		if p.Entity == "conflict" {
			t.Errorf("a merge of different fields made a conflict: %s", p.State)
		}
	}
}

func conflictsOf(t *testing.T, pulled map[string]syncapi.PulledChange) []*involve.Conflict {
	t.Helper()
	var out []*involve.Conflict
	for _, p := range pulled {
		if p.Entity != "conflict" {
			continue
		}
		c := &involve.Conflict{}
		if _, _, err := syncapi.DecodeState("conflict", p.RecordID, p.State); err != nil {
			t.Errorf("conflict record does not validate: %v: %s", err, p.State)
		}
		if err := json.Unmarshal(p.State, c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

func testConflict(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b, c := e.Enrol(tm.ID), e.Enrol(tm.ID), e.Enrol(tm.ID)
	base, baseRev := shared(t, a, b, "original")
	fa, fb := clone(base), clone(base)
	fa.Text, fb.Text = "A's words", "B's words"
	ca := a.Change("feedback", fa, baseRev)
	e.Clock.Advance(time.Second)
	cb := b.Change("feedback", fb, baseRev) // later clock: the higher rev wins
	a.Push(ca)
	rb := b.Push(cb)[0]
	if rb.Status != syncapi.StatusConflict || len(rb.Conflicts) != 1 {
		t.Fatalf("same field edited twice: %+v, want conflict with one conflict record", rb)
	}
	if got := Feedback(t, rb.State).Text; got != "B's words" {
		t.Errorf("winner %q, want the higher revision's %q", got, "B's words")
	}
	pulled := c.PullAll()
	cs := conflictsOf(t, pulled)
	if len(cs) != 1 {
		t.Fatalf("third device pulls %d conflicts, want 1", len(cs))
	}
	k := cs[0]
	if k.ID != rb.Conflicts[0] || k.RecordID != base.ID || k.Entity != "feedback" || k.Field != "text" || k.Status != "open" ||
		jsonString(k.Winner.Value) != "B's words" || jsonString(k.Loser.Value) != "A's words" || jsonString(k.Base) != "original" ||
		k.Winner.DeviceID != b.ID || k.Loser.DeviceID != a.ID || k.Winner.Rev != cb.Rev || k.Loser.Rev != ca.Rev ||
		k.DeviceID != "server" || k.TeamID != tm.ID || k.Loser.By == "" {
		t.Errorf("conflict record = %+v", k)
	}
	// Replaying the conflicting change makes nothing new.
	if again := b.Push(cb)[0]; again.Status != syncapi.StatusDuplicate || len(again.Conflicts) != 1 || again.Conflicts[0] != k.ID {
		t.Errorf("replayed conflicting change: %+v", again)
	}
	if n := len(conflictsOf(t, c.PullAll())); n != 1 {
		t.Errorf("%d conflicts after a replay, want 1", n)
	}
	// A device resolves the conflict: the record with the chosen value and the
	// conflict marked resolved.
	kc := *k
	kc.Status, kc.Resolution, kc.ResolvedAt, kc.ResolvedBy = "resolved", "replaced", involve.FormatTime(e.Clock.Now()), "User C"
	fc := Feedback(t, pulled[base.ID].State)
	fc.Text = "A's words"
	res := c.Push(c.Change("feedback", fc, pulled[base.ID].Rev), c.Change("conflict", &kc, pulled[k.ID].Rev))
	if res[0].Status != syncapi.StatusApplied || res[1].Status != syncapi.StatusApplied {
		t.Errorf("resolution: %+v", res)
	}
	after := conflictsOf(t, a.PullAll())
	if len(after) != 1 || after[0].Status != "resolved" {
		t.Errorf("after resolving: %+v", after)
	}
}

func jsonString(v json.RawMessage) string {
	var s string
	json.Unmarshal(v, &s)
	return s
}

func testConflictServerWins(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	base, baseRev := shared(t, a, b, "original")
	fa, fb := clone(base), clone(base)
	fa.Text, fb.Text = "A's words", "B's words"
	cb := b.Change("feedback", fb, baseRev)
	e.Clock.Advance(time.Second)
	ca := a.Change("feedback", fa, baseRev) // higher rev, pushed first
	a.Push(ca)
	rb := b.Push(cb)[0]
	if rb.Status != syncapi.StatusConflict || Feedback(t, rb.State).Text != "A's words" {
		t.Errorf("late push with the lower rev: %+v, want conflict keeping A's words", rb)
	}
	cs := conflictsOf(t, a.PullAll())
	if len(cs) != 1 || jsonString(cs[0].Loser.Value) != "B's words" || cs[0].Loser.DeviceID != b.ID {
		t.Errorf("conflicts = %+v", cs)
	}
}

func testDeleteVsEdit(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	base, baseRev := shared(t, a, b, "original")
	fa, fb := clone(base), clone(base)
	fa.DeletedAt = involve.FormatTime(e.Clock.Now())
	fb.Text = "edited while A deleted it"
	if r := a.Push(a.Change("feedback", fa, baseRev))[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("delete: %+v", r)
	}
	rb := b.Push(b.Change("feedback", fb, baseRev))[0]
	if rb.Status != syncapi.StatusConflict {
		t.Fatalf("edit against delete: %+v, want conflict", rb)
	}
	m := Feedback(t, rb.State)
	if m.DeletedAt == "" || m.Text != "edited while A deleted it" {
		t.Errorf("merged %s: want deleted, with the edit kept in the tombstone", rb.State)
	}
	cs := conflictsOf(t, b.PullAll())
	if len(cs) != 1 || cs[0].Field != "deletedAt" {
		t.Errorf("conflicts = %+v, want one on deletedAt", cs)
	}
}

func testRestoreVsDelete(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	base, baseRev := shared(t, a, b, "original")
	del := clone(base)
	del.DeletedAt = involve.FormatTime(e.Clock.Now())
	rd := a.Push(a.Change("feedback", del, baseRev))[0]
	// Both devices now have the tombstone. A restores it; B, not knowing, edits
	// the deleted record's text (still deleted on B).
	tomb := Feedback(t, b.PullAll()[base.ID].State)
	fa, fb := clone(tomb), clone(tomb)
	fa.DeletedAt = ""
	fb.Text = "edited in the bin"
	if r := a.Push(a.Change("feedback", fa, rd.Rev))[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("restore: %+v", r)
	}
	rb := b.Push(b.Change("feedback", fb, rd.Rev))[0]
	if rb.Status != syncapi.StatusMerged && rb.Status != syncapi.StatusConflict {
		t.Fatalf("edit of the deleted record against a restore: %+v", rb)
	}
	m := Feedback(t, rb.State)
	if m.DeletedAt != "" || m.Text != "edited in the bin" {
		t.Errorf("merged %s: the restore wins (record back) and keeps the edit", rb.State)
	}
}

func testThemesPerTeam(t *testing.T, open Open) {
	e := NewEnv(t, open)
	a, b := e.Team("A"), e.Team("B")
	da, db := e.Enrol(a.ID), e.Enrol(b.ID)
	// Starter themes have the same id on every laptop of every team.
	mk := func(archived bool) *involve.Theme {
		th := &involve.Theme{Label: "Access", Archived: archived}
		th.ID, th.CreatedAt, th.Rev = involve.ThemeIDFor("Access"), "2026-01-01T00:00:00.000Z", 1
		return th
	}
	if r := da.Push(da.Change("theme", mk(true), 1))[0]; r.Status != syncapi.StatusApplied {
		t.Errorf("team A theme: %+v", r)
	}
	if r := db.Push(db.Change("theme", mk(false), 1))[0]; r.Status != syncapi.StatusApplied {
		t.Errorf("team B's own copy of a starter theme: %+v, want applied (theme ids are per team)", r)
	}
	ga, gb := da.PullAll()[involve.ThemeIDFor("Access")], db.PullAll()[involve.ThemeIDFor("Access")]
	if !strings.Contains(string(ga.State), `"archived":true`) || !strings.Contains(string(gb.State), `"archived":false`) {
		t.Errorf("teams' themes mixed: A %s, B %s", ga.State, gb.State)
	}
}

func testPullPaging(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d, other := e.Enrol(tm.ID), e.Enrol(tm.ID)
	var changes []syncapi.Change
	for i := range 25 {
		changes = append(changes, d.Change("feedback", NewFeedback(fmt.Sprintf("item %d", i)), 0))
	}
	d.Push(changes...)
	var got []string
	cursor := ""
	var mores []bool
	for range 10 {
		page := other.Pull(cursor, 10)
		for _, c := range page.Changes {
			got = append(got, c.RecordID)
		}
		mores = append(mores, page.More)
		if page.Cursor == "" {
			t.Fatal("empty cursor")
		}
		cursor = page.Cursor
		if !page.More {
			break
		}
	}
	if len(got) != 25 {
		t.Fatalf("paged pull: %d records, want 25", len(got))
	}
	for i, id := range got {
		if id != changes[i].RecordID {
			t.Fatalf("record %d is %s, want %s (sequence order)", i, id, changes[i].RecordID)
		}
	}
	if fmt.Sprint(mores) != "[true true false]" {
		t.Errorf("more flags %v, want [true true false]", mores)
	}
	// Nothing new: an empty page with the same cursor.
	if page := other.Pull(cursor, 10); len(page.Changes) != 0 || page.More || page.Cursor != cursor {
		t.Errorf("pull at the end = %+v", page)
	}
	// A changed record comes again at its new position, once.
	f := Feedback(t, other.PullAll()[changes[3].RecordID].State)
	f.Text = "changed"
	d.Push(d.Change("feedback", f, f.Rev))
	page := other.Pull(cursor, 10)
	if len(page.Changes) != 1 || page.Changes[0].RecordID != f.ID {
		t.Errorf("pull after one change: %+v", page.Changes)
	}
	// Re-pulling from the start lists each record once.
	if all := other.Pull("", 5000); len(all.Changes) != 25 || all.More {
		t.Errorf("full pull: %d changes (more %v), want 25", len(all.Changes), all.More)
	}
	// Default limit and cap.
	var big syncapi.PullResponse
	e.MustJSON("GET", "/v1/sync/pull?since=0&limit=999999", d.Token, nil, 200, &big)
	if len(big.Changes) != 25 {
		t.Errorf("limit above the cap: %d changes", len(big.Changes))
	}
}

func testPullBad(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	for _, q := range []string{"since=abc", "since=-1", "since=1.5", "limit=0", "limit=-3", "limit=x"} {
		wantError(t, e.Do("GET", "/v1/sync/pull?"+q, d.Token, nil), 400, syncapi.EINVALID)
	}
}

func small(cfg *server.Config) { cfg.Limits.MaxBodyBytes = 64 << 10 }

func testOversized(t *testing.T, open Open) {
	e := NewEnv(t, open, small)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	f := NewFeedback(strings.Repeat("x", 19_000))
	var changes []syncapi.Change
	for range 5 {
		changes = append(changes, d.Change("feedback", clone(f), 0))
	}
	body, _ := json.Marshal(syncapi.PushRequest{Changes: changes})
	if len(body) <= 64<<10 {
		t.Fatalf("test body only %d bytes", len(body))
	}
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, body), 413, syncapi.ETOOLARGE)
	if got := d.PullAll(); len(got) != 0 {
		t.Errorf("an oversized push stored %d records", len(got))
	}
	// Just under the limit is fine.
	d.Push(changes[:3]...)
}

func testTooManyChanges(t *testing.T, open Open) {
	e := NewEnv(t, open, func(c *server.Config) { c.Limits.MaxBatch = 3 })
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	var changes []syncapi.Change
	for i := range 4 {
		changes = append(changes, d.Change("feedback", NewFeedback(strconv.Itoa(i)), 0))
	}
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: changes}), 413, syncapi.ETOOLARGE)
	d.Push(changes[:3]...)
}

func gzipped(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func testGzip(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	var changes []syncapi.Change
	for i := range 20 {
		changes = append(changes, d.Change("feedback", NewFeedback(fmt.Sprintf("gzipped feedback number %d", i)), 0))
	}
	body, _ := json.Marshal(syncapi.PushRequest{Changes: changes})
	r := e.Do("POST", "/v1/sync/push", d.Token, gzipped(t, body), "Content-Encoding", "gzip")
	if r.Status != 200 {
		t.Fatalf("gzipped push: %d %s", r.Status, r.Body)
	}
	// Asking for gzip explicitly: the client sees the compressed bytes.
	r = e.Do("GET", "/v1/sync/pull", d.Token, nil, "Accept-Encoding", "gzip")
	if r.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("pull with Accept-Encoding gzip: Content-Encoding %q", r.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var page syncapi.PullResponse
	if err := json.Unmarshal(raw, &page); err != nil || len(page.Changes) != 20 {
		t.Errorf("gzipped pull: %d changes, %v", len(page.Changes), err)
	}
	// Not asked: not compressed.
	r = e.Do("GET", "/v1/sync/pull", d.Token, nil, "Accept-Encoding", "identity")
	if r.Header.Get("Content-Encoding") != "" || !json.Valid(r.Body) {
		t.Errorf("pull without gzip: Content-Encoding %q", r.Header.Get("Content-Encoding"))
	}
	// A body that claims gzip but is not.
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, body, "Content-Encoding", "gzip"), 400, syncapi.EINVALID)
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, body, "Content-Encoding", "br"), 400, syncapi.EINVALID)
}

func testGzipBomb(t *testing.T, open Open) {
	e := NewEnv(t, open, small)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	// 32 MiB of spaces inflates from about 32 KiB: under the limit compressed, far
	// over it decoded.
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	zw.Write([]byte(`{"changes":[`))
	for range 32 {
		zw.Write(chunk)
	}
	zw.Write([]byte(`]}`))
	zw.Close()
	if buf.Len() >= 64<<10 {
		t.Fatalf("bomb is %d bytes compressed", buf.Len())
	}
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, buf.Bytes(), "Content-Encoding", "gzip"), 413, syncapi.ETOOLARGE)
	// The server is still fine.
	d.Pull("", 0)
}

func testMalformed(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	for _, body := range []string{``, `{`, `{"changes":[{]}`, `[]`, `{"changes":{}}`, `{"changes":[]} {}`, `{"changes":[{"rev":"1"}]}`, "\xff\xfe"} {
		r := e.Do("POST", "/v1/sync/push", d.Token, []byte(body))
		wantError(t, r, 400, syncapi.EINVALID)
	}
}

func testUnknownFields(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	c := d.Change("feedback", NewFeedback("x"), 0)
	raw, _ := json.Marshal(c)
	for _, body := range []string{
		`{"changes":[],"force":true}`,
		`{"changes":[` + strings.Replace(string(raw), `{`, `{"priority":1,`, 1) + `]}`,
	} {
		msg := wantError(t, e.Do("POST", "/v1/sync/push", d.Token, []byte(body)), 400, syncapi.EINVALID)
		if !strings.Contains(msg.Message, "unknown field") {
			t.Errorf("message %q does not name the unknown field", msg.Message)
		}
	}
}

func testProtocol(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	for _, v := range []string{"2", "0", "abc", "99"} {
		wantError(t, e.Do("GET", "/v1/sync/pull", d.Token, nil, syncapi.ProtocolHeader, v), 426, syncapi.EPROTOCOL)
		wantError(t, e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{}, syncapi.ProtocolHeader, v), 426, syncapi.EPROTOCOL)
	}
	// A missing header is version 1.
	if r := e.Do("GET", "/v1/sync/pull", d.Token, nil, syncapi.ProtocolHeader, ""); r.Status != 200 {
		t.Errorf("no protocol header: %d %s", r.Status, r.Body)
	}
	// /v1/info answers any version, so that a client can find out what the server speaks.
	if r := e.Do("GET", "/v1/info", "", nil, syncapi.ProtocolHeader, "7"); r.Status != 200 {
		t.Errorf("/v1/info with protocol 7: %d", r.Status)
	}
}

func testRateLimit(t *testing.T, open Open) {
	e := NewEnv(t, open, func(c *server.Config) { c.RateLimit = server.RateLimit{PerSecond: 0.5, Burst: 3} })
	tm := e.Team("T")
	d, other := e.Enrol(tm.ID), e.Enrol(tm.ID)
	for range 3 {
		d.Pull("", 0)
	}
	r := e.Do("GET", "/v1/sync/pull", d.Token, nil)
	wantError(t, r, 429, syncapi.ERATELIMITED)
	if ra, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || ra != 2 {
		t.Errorf("Retry-After %q, want 2 (one request every 2 s)", r.Header.Get("Retry-After"))
	}
	// Per device: another laptop is not limited by this one.
	other.Pull("", 0)
	e.Clock.Advance(2 * time.Second)
	d.Pull("", 0)
}

func testAudit(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	ok := d.Change("feedback", NewFeedback("x"), 0)
	bad := d.Change("feedback", NewFeedback(""), 0)
	d.Push(ok, bad, d.Change("feedback", NewFeedback("y"), 0))
	d.Push(ok)
	log, err := e.Store.ListAudit(context.Background(), tm.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var pushes []string
	enrols := 0
	for _, a := range log {
		switch a.Action {
		case "push":
			pushes = append(pushes, a.Detail)
			if a.DeviceID != d.ID {
				t.Errorf("push audited for device %q, want %q", a.DeviceID, d.ID)
			}
		case "enrol":
			enrols++
		}
	}
	if enrols != 1 {
		t.Errorf("%d enrolment lines, want 1", enrols)
	}
	want := []string{"1 change: 1 duplicate", "3 changes: 2 applied, 1 rejected"}
	if fmt.Sprint(pushes) != fmt.Sprint(want) {
		t.Errorf("push audit lines %q, want %q (one per push, newest first)", pushes, want)
	}
}

func testNotFound(t *testing.T, open Open) {
	e := NewEnv(t, open)
	wantError(t, e.Do("GET", "/v1/nothing", "", nil), 404, syncapi.ENOTFOUND)
}

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
