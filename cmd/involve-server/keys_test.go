package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

func openSQLite(t *testing.T, dir string) *serversqlite.Store {
	t.Helper()
	st, err := serversqlite.Open(context.Background(), filepath.Join(dir, serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestKeyFileMadeBesideTheData: the first command that needs it makes the key file
// beside the data folder (DIR.key), 32 bytes, mode 0600; a team gets its key when
// added, wrapped by it; the next command opens the same keys with the same file.
func TestKeyFileMadeBesideTheData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	runCmd(t, 0, "team", "add", "Alpha", "--data-dir", dir)
	keyPath := dir + ".key"
	fi, err := os.Stat(keyPath)
	if err != nil {
		t.Fatalf("no key file beside the data folder: %v", err)
	}
	if fi.Size() != 32 || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file: %d bytes, mode %04o; want 32 bytes, 0600", fi.Size(), fi.Mode().Perm())
	}
	master, _ := os.ReadFile(keyPath)
	runCmd(t, 0, "team", "add", "Beta", "--data-dir", dir)
	if again, _ := os.ReadFile(keyPath); !bytes.Equal(again, master) {
		t.Fatal("the second command made a new key file")
	}
	st := openSQLite(t, dir)
	defer st.Close()
	if n, err := st.TeamKeyCount(context.Background()); err != nil || n != 2 {
		t.Fatalf("team keys: %d, %v; want one per team", n, err)
	}
	// Nothing of the key file is in the database.
	db, _ := os.ReadFile(filepath.Join(dir, serversqlite.FileName))
	if bytes.Contains(db, master) {
		t.Error("the database holds the master key")
	}
	// The key opens with the file (a "restart"), and its id is the stored one.
	keys, err := server.NewKeys(master, st)
	if err != nil {
		t.Fatal(err)
	}
	alpha, _ := st.FindTeam(context.Background(), "Alpha")
	k, err := keys.TeamKey(context.Background(), alpha.ID)
	stored, _ := st.TeamKey(context.Background(), alpha.ID)
	if err != nil || k.ID() != stored.KeyID {
		t.Errorf("Alpha's key after a restart: %v (id %s, stored %s)", err, k.ID(), stored.KeyID)
	}

	// --key-file in a folder that does not exist yet: made 0700.
	dir2 := t.TempDir()
	named := filepath.Join(t.TempDir(), "secrets", "involve", "master.key")
	runCmd(t, 0, "team", "add", "Gamma", "--data-dir", dir2, "--key-file", named)
	if fi, err := os.Stat(filepath.Dir(named)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the key file's folder: %v, mode %v; want 0700", err, fi.Mode().Perm())
	}
	if _, err := os.Stat(dir2 + ".key"); err == nil {
		t.Error("--key-file named another file, but DIR.key was made")
	}
}

// TestKeyFileRefused: a key file others may read, one of the wrong size, a missing one
// while the database holds team keys, another server's, and one inside the data
// folder are each refused with a sentence that says what to do; none is replaced.
func TestKeyFileRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	runCmd(t, 0, "team", "add", "Alpha", "--data-dir", dir)
	keyPath := dir + ".key"
	master, _ := os.ReadFile(keyPath)
	refuse := func(what string, wants ...string) {
		t.Helper()
		_, errOut := runCmd(t, 1, "team", "add", "Beta "+what, "--data-dir", dir)
		for _, w := range wants {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: %q should say %q", what, errOut, w)
			}
		}
		// The serve start refuses the same way.
		if code, errOut := serveStart(t, "--addr", "127.0.0.1:0", "--data-dir", dir); code != 1 || !strings.Contains(errOut, wants[0]) {
			t.Errorf("serve with %s: exit %d, %q should say %q", what, code, errOut, wants[0])
		}
	}

	os.Chmod(keyPath, 0o640)
	refuse("group-readable", "may be read or written by others", "chmod 600")
	os.Chmod(keyPath, 0o604)
	refuse("world-readable", "may be read or written by others")
	os.Chmod(keyPath, 0o600)

	os.WriteFile(keyPath, master[:31], 0o600)
	refuse("short", "not a key file", "31 bytes")

	os.Remove(keyPath)
	refuse("missing", "is missing", "1 team key", "back from its backup")
	if _, err := os.Stat(keyPath); err == nil {
		t.Fatal("a missing key file was made again while the database holds team keys")
	}

	other := bytes.Clone(master)
	other[0] ^= 1
	os.WriteFile(keyPath, other, 0o600)
	refuse("another", "does not open with this key file")

	os.WriteFile(keyPath, master, 0o600)
	_, errOut := runCmd(t, 1, "team", "add", "Delta", "--data-dir", dir, "--key-file", filepath.Join(dir, "master.key"))
	if !strings.Contains(errOut, "inside the data folder") {
		t.Errorf("key file inside the data folder: %q", errOut)
	}
	runCmd(t, 0, "team", "add", "Beta", "--data-dir", dir)

	// --db without --data-dir has no default place for the key file: say so.
	if code, errOut := serveStart(t, "--addr", "127.0.0.1:0", "--db", "postgres://nobody@127.0.0.1:1/none"); code != 1 ||
		!strings.Contains(errOut, "--key-file") || !strings.Contains(errOut, "INVOLVE_SERVER_KEY_FILE") {
		t.Errorf("serve --db without --key-file: exit %d, %q", code, errOut)
	}
}

// cancelOnListen is serve's log; it stops serve once it listens (it started).
type cancelOnListen struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	cancel func()
}

func (w *cancelOnListen) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), "involve-server listening") {
		w.cancel()
	}
	return len(p), nil
}

// serveStart runs serve until it listens (then stops it) or refuses to start, and
// returns its exit status and log.
func serveStart(t *testing.T, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &cancelOnListen{cancel: cancel}
	code := run(ctx, append([]string{"serve"}, args...), &bytes.Buffer{}, logs)
	logs.mu.Lock()
	defer logs.mu.Unlock()
	return code, logs.buf.String()
}

// TestServeSealsPlainValues: a contributor an older version stored in plain text is
// sealed when serve starts, with the team's key, and opens to the same values.
func TestServeSealsPlainValues(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	runCmd(t, 0, "team", "add", "Alpha", "--data-dir", dir)
	st := openSQLite(t, dir)
	ctx := context.Background()
	tm, _ := st.FindTeam(ctx, "Alpha")
	c := &involve.Contributor{Name: "Zorbicnamé Testperson", ContactDetails: "zorbic@example.org", AccessNeeds: "zorbicaccess", Number: 3}
	c.ID, c.TeamID, c.Rev = uuid.Must(uuid.NewV7()).String(), tm.ID, 2
	state, _ := json.Marshal(c)
	now := time.Now()
	err := st.InTeamTx(ctx, tm.ID, func(tx serverstore.Tx) error {
		r := serverstore.Record{TeamID: tm.ID, Entity: involve.EntityContributor, ID: c.ID, Rev: 2, State: state, DeviceID: "old", UpdatedAt: now}
		if err := tx.PutRecord(ctx, &r); err != nil {
			return err
		}
		return tx.AddRevision(ctx, serverstore.Revision{TeamID: tm.ID, Entity: r.Entity, RecordID: r.ID, Rev: 2, State: state, DeviceID: "old", ChangeID: "c", CreatedAt: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	// A team an older version made (no key yet) gets one at start.
	old := serverstore.Team{ID: uuid.Must(uuid.NewV7()).String(), Name: "Older", CreatedAt: now}
	if err := st.CreateTeam(ctx, old); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, logs := serveStart(t, "--addr", "127.0.0.1:0", "--data-dir", dir)
	if code != 0 {
		t.Fatalf("serve: exit %d: %s", code, logs)
	}
	if !strings.Contains(logs, "sealed the identifying fields") {
		t.Errorf("serve's log does not say it sealed plain values: %s", logs)
	}
	st = openSQLite(t, dir)
	defer st.Close()
	master, _ := os.ReadFile(dir + ".key")
	keys, _ := server.NewKeys(master, st)
	key, err := keys.TeamKey(ctx, tm.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.TeamKey(ctx, old.ID); err != nil {
		t.Errorf("a team without a key has none after serve started: %v", err)
	}
	recs, _ := st.Pull(ctx, tm.ID, 0, 100)
	if len(recs) != 1 || strings.Contains(strings.ToLower(string(recs[0].State)), "zorbic") {
		t.Fatalf("after serve: %s", recs[0].State)
	}
	if _, _, err := syncapi.DecodeState(involve.EntityContributor, c.ID, recs[0].State, key); err != nil {
		t.Errorf("the sealed contributor does not validate with the team's key: %v", err)
	}
}
