package syncer_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// sealingStore is a real laptop database whose sealing answers the test sets (the
// seam app/store's sealing.go fills): whether it is locked, whether it needs the
// team's key, and the key it was given.
type sealingStore struct {
	*store.DB
	mu          sync.Mutex
	passphrase  bool
	unlocked    bool
	need        bool
	installed   string // the id of the key InstallTeamKey was given
	settingsErr error  // SyncSettings fails with it (a store that cannot open the token)
}

func (s *sealingStore) HasPassphrase(context.Context) (bool, error) { return s.passphrase, nil }
func (s *sealingStore) Unlocked() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.unlocked
}
func (s *sealingStore) NeedsTeamKey(context.Context) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.need, nil
}
func (s *sealingStore) InstallTeamKey(_ context.Context, k *lockbox.TeamKey) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.installed, s.need = k.ID(), false
	return nil
}
func (s *sealingStore) SyncSettings(ctx context.Context) (syncer.Settings, error) {
	if s.settingsErr != nil {
		return syncer.Settings{}, s.settingsErr
	}
	return s.DB.SyncSettings(ctx)
}

// keyServer is a server on loopback that answers GET /v1/team-key with answer (a
// status and a body) and pulls with an empty page, counting every request.
type keyServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string
	status   int
	body     any
}

func newKeyServer(t *testing.T, status int, body any) *keyServer {
	ks := &keyServer{status: status, body: body}
	ks.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ks.mu.Lock()
		ks.requests = append(ks.requests, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization"))
		ks.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case syncapi.TeamKeyPath:
			w.WriteHeader(ks.status)
			json.NewEncoder(w).Encode(ks.body)
		case "/v1/sync/pull":
			json.NewEncoder(w).Encode(syncapi.PullResponse{Changes: []syncapi.PulledChange{}, Cursor: "c1", Role: involve.RoleNameStaff})
		default:
			w.WriteHeader(http.StatusNotFound)
			json.NewEncoder(w).Encode(syncapi.Error{Code: syncapi.ENOTFOUND, Message: "no such path"})
		}
	}))
	t.Cleanup(ks.Close)
	return ks
}

func (ks *keyServer) seen() []string {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	return append([]string(nil), ks.requests...)
}

// connected is a staff laptop connected to ks with the token "tok", unlocked.
func connected(t *testing.T, ks *keyServer) (*sealingStore, *syncer.Engine) {
	t.Helper()
	ctx := context.Background()
	db, _ := storetest.OpenNoPassphrase(t)
	if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: ks.URL, DeviceToken: "tok", TeamID: "team-1",
		TeamName: "Team One", DeviceName: "laptop", Role: involve.RoleNameStaff}); err != nil {
		t.Fatal(err)
	}
	s := &sealingStore{DB: db, passphrase: true, unlocked: true, need: true}
	e, err := syncer.FromSettings(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, e
}

func teamKeyAnswer(t *testing.T) (*lockbox.TeamKey, syncapi.TeamKeyResponse) {
	t.Helper()
	k, err := lockbox.NewTeamKey()
	if err != nil {
		t.Fatal(err)
	}
	raw := k.Raw()
	defer lockbox.Wipe(raw)
	return k, syncapi.TeamKeyResponse{KeyID: k.ID(), Key: base64.StdEncoding.EncodeToString(raw)}
}

// A staff laptop whose store needs the team's key fetches it with its token before it
// pulls, and gives it to the store.
func TestSyncInstallsTheTeamKey(t *testing.T) {
	k, answer := teamKeyAnswer(t)
	ks := newKeyServer(t, http.StatusOK, answer)
	s, e := connected(t, ks)
	if _, err := e.SyncOnce(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if s.installed != k.ID() {
		t.Fatalf("installed key %q, want %q", s.installed, k.ID())
	}
	got := ks.seen()
	if len(got) < 2 || got[0] != "GET "+syncapi.TeamKeyPath+" Bearer tok" || !strings.HasPrefix(got[1], "GET /v1/sync/pull") {
		t.Fatalf("requests %q: want the team key (with the token) before the pull", got)
	}
	// the store has it now: the next sync does not ask again
	if _, err := e.SyncOnce(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range ks.seen()[len(got):] {
		if strings.Contains(r, syncapi.TeamKeyPath) {
			t.Fatalf("asked for the key again: %q", ks.seen())
		}
	}
}

// A key that is not the one the server names is refused: nothing is installed, nothing
// is pulled, and the status says why.
func TestSyncRefusesAKeyThatDoesNotMatchItsID(t *testing.T) {
	_, answer := teamKeyAnswer(t)
	other, _ := teamKeyAnswer(t)
	answer.KeyID = other.ID()
	ks := newKeyServer(t, http.StatusOK, answer)
	s, e := connected(t, ks)
	_, err := e.SyncOnce(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "the server sent a key that does not match its id") {
		t.Fatalf("sync: %v, want the key refused", err)
	}
	if s.installed != "" {
		t.Fatalf("installed %q", s.installed)
	}
	for _, r := range ks.seen() {
		if strings.Contains(r, "/v1/sync/") {
			t.Fatalf("synced after a bad key: %q", ks.seen())
		}
	}
	st := e.Status()
	if st.State != syncer.StateError || !strings.Contains(st.Message, "does not match its id") {
		t.Fatalf("status %+v", st)
	}
	// bad base64 is refused too
	ks.body = syncapi.TeamKeyResponse{KeyID: answer.KeyID, Key: "not base64!"}
	if _, err := e.SyncOnce(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "not base64") {
		t.Fatalf("sync with a key that is not base64: %v", err)
	}
}

// A capture laptop gets 403 for the key: not an error, it syncs without one.
func TestSyncWithoutTeamKeyForACaptureLaptop(t *testing.T) {
	ks := newKeyServer(t, http.StatusForbidden, syncapi.Error{Code: syncapi.EFORBIDDEN, Message: "This device's role does not hold sealed fields."})
	s, e := connected(t, ks)
	if _, err := e.SyncOnce(context.Background(), nil); err != nil {
		t.Fatalf("sync: %v", err)
	}
	if s.installed != "" {
		t.Fatalf("installed %q", s.installed)
	}
	if st := e.Status(); st.State != syncer.StateIdle {
		t.Fatalf("status %+v", st)
	}
}

// A locked laptop does not sync: no request leaves it, the status says it waits until
// Involve is unlocked, and no retry is planned (the app triggers one at unlock).
func TestSyncWaitsWhileLocked(t *testing.T) {
	_, answer := teamKeyAnswer(t)
	ks := newKeyServer(t, http.StatusOK, answer)
	s, e := connected(t, ks)
	s.unlocked = false
	_, err := e.SyncOnce(context.Background(), nil)
	if !errors.Is(err, syncer.ErrLocked) {
		t.Fatalf("sync while locked: %v", err)
	}
	if got := ks.seen(); len(got) != 0 {
		t.Fatalf("requests while locked: %q", got)
	}
	st := e.Status()
	if st.State != syncer.StateLocked || st.Message != syncer.MsgLocked || !st.NextAttemptAt.IsZero() {
		t.Fatalf("status while locked: %+v", st)
	}
	// the command line's status (no engine) says the same
	if st, err := syncer.LocalStatus(context.Background(), s); err != nil || st.State != syncer.StateLocked || st.Message != syncer.MsgLocked {
		t.Fatalf("local status: %+v, %v", st, err)
	}
	// a store that cannot open the token (ELOCKED) is shown locked, not failing
	s.settingsErr = involve.Errorf(involve.ELOCKED, "Involve is locked.")
	if st, err := syncer.LocalStatus(context.Background(), s); err != nil || st.State != syncer.StateLocked {
		t.Fatalf("local status with the token sealed: %+v, %v", st, err)
	}
	s.settingsErr = nil

	s.mu.Lock()
	s.unlocked = true
	s.mu.Unlock()
	if _, err := e.SyncOnce(context.Background(), nil); err != nil {
		t.Fatalf("sync once unlocked: %v", err)
	}
	if st := e.Status(); st.State != syncer.StateIdle {
		t.Fatalf("status once unlocked: %+v", st)
	}
}

// An error from the store that says it is locked (a sealed record read while locked)
// makes sync wait too, not fail.
func TestSyncLockedErrorFromTheStoreWaits(t *testing.T) {
	_, answer := teamKeyAnswer(t)
	ks := newKeyServer(t, http.StatusOK, answer)
	s, e := connected(t, ks)
	s.settingsErr = involve.Errorf(involve.ELOCKED, "Involve is locked.")
	if _, err := e.SyncOnce(context.Background(), nil); err == nil {
		t.Fatal("sync succeeded")
	}
	if st := e.Status(); st.State != syncer.StateLocked || !st.NextAttemptAt.IsZero() {
		t.Fatalf("status: %+v", st)
	}
}

// With the real store (app/store's sealing.go): a staff laptop, unlocked with its
// passphrase, fetches the team's key at its first sync and seals with it from then
// on; locked again, it waits.
func TestSyncInstallsTheTeamKeyInTheStore(t *testing.T) {
	ctx := context.Background()
	k, answer := teamKeyAnswer(t)
	ks := newKeyServer(t, http.StatusOK, answer)
	db := storetest.Open(t)
	key, err := db.UnwrapLockKey(ctx, storetest.Passphrase)
	if err != nil {
		t.Fatal(err)
	}
	defer lockbox.Wipe(key)
	if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: ks.URL, DeviceToken: "tok", TeamID: "team-1",
		TeamName: "Team One", DeviceName: "laptop", Role: involve.RoleNameStaff}); err != nil {
		t.Fatal(err)
	}
	if err := db.Unlock(ctx, key); err != nil {
		t.Fatal(err)
	}
	e, err := syncer.FromSettings(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.SyncOnce(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := db.TeamKeyID(); got != k.ID() {
		t.Fatalf("team key %q, want %q", got, k.ID())
	}
	db.Lock()
	n := len(ks.seen())
	if _, err := e.SyncOnce(ctx, nil); !errors.Is(err, syncer.ErrLocked) {
		t.Fatalf("sync while locked: %v", err)
	}
	if len(ks.seen()) != n {
		t.Fatalf("requests while locked: %q", ks.seen()[n:])
	}
}
