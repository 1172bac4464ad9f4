// Package servertest is the HTTP test suite of the sync server: a real server on
// loopback (httptest) over any serverstore.Store, driven the way a laptop drives it.
// Each store runs it (app/server with SQLite, app/serverpostgres with PostgreSQL), and
// BenchSync100k, the same way:
//
//	servertest.Run(t, func(t *testing.T) serverstore.Store { … })
//
// It also opens a fresh store of either kind for the tests and benchmarks that run
// over both (OpenStore, StoreKinds, FreshSchemaURL in stores.go).
package servertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Open opens a fresh, empty store; the suite migrates and closes it.
type Open func(t *testing.T) serverstore.Store

// SQLite is the Open of the SQLite store: a fresh store in a temporary folder.
func SQLite(t *testing.T) serverstore.Store { return OpenSQLite(t) }

// OpenSQLite opens a fresh SQLite store in tb's temporary folder, not yet migrated
// (NewEnv and Run migrate it); benchmarks use it too.
func OpenSQLite(tb testing.TB) serverstore.Store {
	tb.Helper()
	s, err := serversqlite.Open(context.Background(), filepath.Join(tb.TempDir(), serversqlite.FileName))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// Clock is a settable clock for the server under test.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// Env is one server under test.
type Env struct {
	T      testing.TB
	Store  serverstore.Store
	API    *server.Server
	Server *httptest.Server
	Clock  *Clock
	Config server.Config
	Keys   *server.Keys // the server's master key and team keys
	master []byte       // the master key (as its key file would hold it)
}

// NewEnv starts a server over a fresh store; tweak changes its configuration.
func NewEnv(t *testing.T, open Open, tweak ...func(*server.Config)) *Env {
	t.Helper()
	st := open(t)
	if err := st.Migrate(context.Background()); err != nil {
		st.Close()
		t.Fatalf("Migrate: %v", err)
	}
	e := NewEnvOn(t, st, tweak...)
	t.Cleanup(func() { st.Close() })
	return e
}

// NewEnvOn starts a server over an open, migrated store (benchmarks use it).
func NewEnvOn(t testing.TB, st serverstore.Store, tweak ...func(*server.Config)) *Env {
	clock := &Clock{t: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)}
	cfg := server.Config{Store: st, Now: clock.Now, Version: "test",
		Limits: syncapi.Limits{MaxBodyBytes: syncapi.DefaultMaxBodyBytes, MaxBatch: syncapi.DefaultMaxBatch, MaxPullLimit: syncapi.MaxPullLimit}}
	master, err := lockbox.NewDataKey()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Keys, err = server.NewKeys(master, st); err != nil {
		t.Fatal(err)
	}
	for _, f := range tweak {
		f(&cfg)
	}
	api := server.New(cfg)
	ts := httptest.NewServer(api)
	t.Cleanup(ts.Close)
	return &Env{T: t, Store: st, API: api, Server: ts, Clock: clock, Config: cfg, Keys: cfg.Keys, master: master}
}

// SameKeyFile makes another server (a replica over the same database) use this one's
// master key, as two servers given the same key file do.
func (e *Env) SameKeyFile() func(*server.Config) {
	return func(c *server.Config) {
		k, err := server.NewKeys(e.master, c.Store)
		if err != nil {
			e.T.Fatal(err)
		}
		c.Keys = k
	}
}

// TeamKey is a team's key, as the server holds it (the server makes it if needed).
func (e *Env) TeamKey(teamID string) *lockbox.TeamKey {
	e.T.Helper()
	k, err := e.Keys.TeamKey(context.Background(), teamID)
	if err != nil {
		e.T.Fatalf("team key: %v", err)
	}
	return k
}

var seq atomic.Int64

// Team makes a team.
func (e *Env) Team(name string) serverstore.Team {
	e.T.Helper()
	tm := serverstore.Team{ID: uuid.Must(uuid.NewV7()).String(), Name: fmt.Sprintf("%s %d", name, seq.Add(1)), CreatedAt: e.Clock.Now()}
	if err := e.Store.CreateTeam(context.Background(), tm); err != nil {
		e.T.Fatalf("CreateTeam: %v", err)
	}
	return tm
}

// Code makes a one-time enrolment code for a staff laptop of a team, valid for ttl.
func (e *Env) Code(teamID string, ttl time.Duration) string {
	e.T.Helper()
	return e.CodeAs(teamID, involve.RoleNameStaff, ttl)
}

// CodeAs makes a one-time enrolment code for a laptop of a role.
func (e *Env) CodeAs(teamID, role string, ttl time.Duration) string {
	e.T.Helper()
	code := server.NewEnrolmentCode()
	now := e.Clock.Now()
	if err := e.Store.CreateEnrolment(context.Background(), serverstore.Enrolment{CodeHash: server.HashCode(code), TeamID: teamID,
		CreatedAt: now, ExpiresAt: now.Add(ttl), Role: role}); err != nil {
		e.T.Fatalf("CreateEnrolment: %v", err)
	}
	return code
}

// CodeFor makes a one-time code bound to a device id, as involve-server device
// reenrol does, for the team teamID.
func (e *Env) CodeFor(teamID, deviceID string, ttl time.Duration) string {
	e.T.Helper()
	code := server.NewEnrolmentCode()
	now := e.Clock.Now()
	if err := e.Store.CreateEnrolment(context.Background(), serverstore.Enrolment{CodeHash: server.HashCode(code), TeamID: teamID,
		CreatedAt: now, ExpiresAt: now.Add(ttl), ForDevice: deviceID, Role: involve.RoleNameStaff}); err != nil {
		e.T.Fatalf("CreateEnrolment: %v", err)
	}
	return code
}

// Device is a laptop talking to the server.
type Device struct {
	E     *Env
	ID    string
	Name  string
	Token string
	Team  syncapi.Team
	rev   int64
}

// Enrol connects a new staff laptop to a team with a fresh code.
func (e *Env) Enrol(teamID string) *Device {
	e.T.Helper()
	return e.EnrolAs(teamID, involve.RoleNameStaff)
}

// EnrolAs connects a new laptop of a role (capture, staff, lead) to a team.
func (e *Env) EnrolAs(teamID, role string) *Device {
	e.T.Helper()
	d := &Device{E: e, ID: uuid.Must(uuid.NewV7()).String(), Name: "laptop-" + strconv.FormatInt(seq.Add(1), 10)}
	var resp syncapi.EnrolResponse
	e.MustJSON("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: e.CodeAs(teamID, role, time.Hour), DeviceID: d.ID, DeviceName: d.Name, UserName: "User " + d.Name}, 200, &resp)
	if resp.Role != role {
		e.T.Fatalf("enrolled with a %s code: the response says role %q", role, resp.Role)
	}
	d.Token, d.Team = resp.Token, resp.Team
	return d
}

// Response is an answer as the client got it.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Error decodes an error body.
func (r Response) Error() syncapi.Error {
	var e syncapi.Error
	json.Unmarshal(r.Body, &e)
	return e
}

// Do sends a request; body is JSON-encoded unless it is []byte.
func (e *Env) Do(method, path, token string, body any, header ...string) Response {
	e.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.T.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.Server.URL+path, rd)
	if err != nil {
		e.T.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set(syncapi.ProtocolHeader, "1")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	res, err := e.Server.Client().Do(req)
	if err != nil {
		e.T.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		e.T.Fatalf("%s %s: reading the answer: %v", method, path, err)
	}
	return Response{Status: res.StatusCode, Header: res.Header, Body: raw}
}

// MustJSON sends a request, checks the status and decodes the answer into out.
func (e *Env) MustJSON(method, path, token string, body any, status int, out any) Response {
	e.T.Helper()
	r := e.Do(method, path, token, body)
	if r.Status != status {
		e.T.Fatalf("%s %s: status %d, want %d: %s", method, path, r.Status, status, r.Body)
	}
	if out != nil {
		if err := json.Unmarshal(r.Body, out); err != nil {
			e.T.Fatalf("%s %s: answer %s: %v", method, path, r.Body, err)
		}
	}
	return r
}

// Push pushes changes and returns the results (status 200 expected).
func (d *Device) Push(changes ...syncapi.Change) []syncapi.Result {
	d.E.T.Helper()
	var resp syncapi.PushResponse
	d.E.MustJSON("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: changes}, 200, &resp)
	if len(resp.Results) != len(changes) {
		d.E.T.Fatalf("push of %d changes: %d results", len(changes), len(resp.Results))
	}
	for i, r := range resp.Results {
		if r.ChangeID != changes[i].ChangeID {
			d.E.T.Fatalf("result %d is for change %s, want %s (results in request order)", i, r.ChangeID, changes[i].ChangeID)
		}
	}
	return resp.Results
}

// Pull fetches one page.
func (d *Device) Pull(since string, limit int) syncapi.PullResponse {
	d.E.T.Helper()
	path := "/v1/sync/pull?since=" + since
	if limit > 0 {
		path += "&limit=" + strconv.Itoa(limit)
	}
	var resp syncapi.PullResponse
	d.E.MustJSON("GET", path, d.Token, nil, 200, &resp)
	return resp
}

// PullAll fetches every page from the start and returns each record's latest state
// by id (a later page overrides an earlier one, as on a device).
func (d *Device) PullAll() map[string]syncapi.PulledChange {
	d.E.T.Helper()
	out := map[string]syncapi.PulledChange{}
	cursor := ""
	for range 1000 {
		page := d.Pull(cursor, 0)
		for _, c := range page.Changes {
			out[c.RecordID] = c
		}
		cursor = page.Cursor
		if !page.More {
			return out
		}
	}
	d.E.T.Fatal("pull never ends")
	return nil
}

// NextRev is the device's next hybrid-clock revision (ms << 16 | counter, increasing).
func (d *Device) NextRev() int64 {
	now := d.E.Clock.Now().UnixMilli() << 16
	if now <= d.rev {
		now = d.rev + 1
	}
	d.rev = now
	return now
}

// Change makes an outbox entry for a record edited from baseRev.
func (d *Device) Change(entity string, rec any, baseRev int64) syncapi.Change {
	d.E.T.Helper()
	rev := d.NextRev()
	meta := metaOf(rec)
	meta.Rev = rev
	meta.UpdatedAt = involve.FormatTime(d.E.Clock.Now())
	if meta.CreatedAt == "" {
		meta.CreatedAt, meta.DeviceID, meta.CreatedBy = meta.UpdatedAt, d.ID, "User "+d.Name
	}
	state, err := json.Marshal(rec)
	if err != nil {
		d.E.T.Fatal(err)
	}
	if involve.HasSealedFields(entity) { // as a laptop sends it: sealed with its team's key
		state = SealState(d.E.T, d.E.TeamKey(d.Team.ID), entity, state)
	}
	return syncapi.Change{ChangeID: uuid.Must(uuid.NewV7()).String(), Entity: entity, RecordID: meta.ID, BaseRev: baseRev, Rev: rev, State: state}
}

// SealState seals the plain sealed-field values of a state of entity with key (values
// already sealed, as in a state pulled and edited, stay as they are).
func SealState(t testing.TB, key *lockbox.TeamKey, entity string, state json.RawMessage) json.RawMessage {
	t.Helper()
	kind, _ := involve.KindOf(entity)
	rec := kind.NewRecord()
	if err := json.Unmarshal(state, rec); err != nil {
		t.Fatal(err)
	}
	id := involve.MetaOf(rec).ID
	for _, f := range involve.SealedFields(rec) {
		if !involve.IsSealedValue(*f.Value) {
			*f.Value = key.SealField(lockbox.FieldPlace(entity, id, f.Name), *f.Value)
		}
	}
	out, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// OpenState opens the sealed fields of a state of entity with key.
func OpenState(t testing.TB, key *lockbox.TeamKey, entity string, state json.RawMessage) any {
	t.Helper()
	kind, _ := involve.KindOf(entity)
	rec := kind.NewRecord()
	if err := json.Unmarshal(state, rec); err != nil {
		t.Fatal(err)
	}
	if err := syncapi.OpenRecord(key, entity, rec, false); err != nil {
		t.Fatalf("open %s: %v", entity, err)
	}
	return rec
}

func metaOf(rec any) *involve.Meta {
	switch v := rec.(type) {
	case *involve.Feedback:
		return &v.Meta
	case *involve.Session:
		return &v.Meta
	case *involve.Project:
		return &v.Meta
	case *involve.Theme:
		return &v.Meta
	case *involve.Conflict:
		return &v.Meta
	case involve.Doc:
		return v.DocMeta()
	}
	panic(fmt.Sprintf("servertest: %T is not a record", rec))
}

// NewFeedback makes a new feedback item (not yet pushed).
func NewFeedback(text string) *involve.Feedback {
	f := &involve.Feedback{}
	f.ID = uuid.Must(uuid.NewV7()).String()
	f.SessionID = "0195f3a4-0000-7000-8000-000000000001"
	f.Text = text
	f.Source = "comment_card"
	f.Themes = []string{}
	return f
}

// Feedback decodes a pulled or returned feedback state.
func Feedback(t testing.TB, state json.RawMessage) *involve.Feedback {
	t.Helper()
	f := &involve.Feedback{}
	if err := json.Unmarshal(state, f); err != nil {
		t.Fatalf("feedback state %s: %v", state, err)
	}
	return f
}
