package servertest

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// SealedAtRest pushes the synthetic partner (ZorbicContributor, with a consent record
// and a time entry) sealed through a real server over a store of kind, then searches
// what the server keeps for the partner's details: every file of the SQLite store's
// data folder (database, WAL), or a pg_dump of the PostgreSQL store's schema. Nothing
// may be found, in UTF-8 or case-folded.
func SealedAtRest(t *testing.T, kind string) {
	st, where := OpenStore(t, kind)
	e := NewEnvOn(t, st)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	c := PushZorbicPartner(t, d)
	// An edit from the same base on another laptop: a merge and a conflict, kept too.
	other := e.Enrol(tm.ID)
	edit := *c
	edit.AccessNeeds = ZorbicAccess + " and ramps"
	edit2 := *c
	edit2.AccessNeeds = ZorbicAccess + " and a hearing loop"
	d.Push(d.Change(involve.EntityContributor, &edit, c.Rev))
	if r := other.Push(other.Change(involve.EntityContributor, &edit2, c.Rev))[0]; r.Status != syncapi.StatusConflict {
		t.Fatalf("concurrent edits: %+v, want a conflict", r)
	}
	e.Server.Close()

	dump := StoreBytes(t, kind, where, tm.ID)
	if !bytes.Contains(dump, []byte(involve.SealedPrefix)) {
		t.Fatal("the store holds no sealed value: the search proves nothing")
	}
	low := bytes.ToLower(dump)
	for _, s := range []string{ZorbicName, strings.ToLower(ZorbicName), ZorbicEmail, ZorbicAccess, "zorbic"} {
		if bytes.Contains(dump, []byte(s)) || bytes.Contains(low, []byte(strings.ToLower(s))) {
			t.Errorf("the %s store holds %q in plain text", kind, s)
		}
	}
}

// StoreBytes returns what a server store of kind keeps, for a byte search: every file
// of the SQLite store's data folder (the database and its WAL, read while the store is
// open; where is the database file), or a pg_dump of the PostgreSQL store's schema
// (where is its URL). It fails the test unless the bytes hold mustHold (say, a team's
// id), so that a search of them can find what is there.
func StoreBytes(t *testing.T, kind, where, mustHold string) []byte {
	t.Helper()
	var dump []byte
	switch kind {
	case "sqlite":
		// Everything in the data folder, the WAL included (read while the store is open).
		dir := filepath.Dir(where)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range entries {
			b, err := os.ReadFile(filepath.Join(dir, f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			dump = append(dump, b...)
		}
		if !bytes.Contains(dump, []byte(mustHold)) {
			t.Fatal("the search does not see the data folder's contents")
		}
	case "postgres":
		u, err := url.Parse(where)
		if err != nil {
			t.Fatal(err)
		}
		schema := u.Query().Get("search_path")
		q := u.Query()
		q.Del("search_path")
		u.RawQuery = q.Encode()
		cmd := exec.CommandContext(context.Background(), pgDump(t), "--schema="+schema, "--no-owner", "--dbname="+u.String())
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if dump, err = cmd.Output(); err != nil {
			t.Fatalf("pg_dump: %v: %s", err, stderr.Bytes())
		}
		if !bytes.Contains(dump, []byte(mustHold)) {
			t.Fatal("the dump does not hold the team's sealed records")
		}
	}
	return dump
}

// pgDump finds Debian's pg_dump.
func pgDump(t *testing.T) string {
	if p, err := exec.LookPath("pg_dump"); err == nil {
		return p
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_dump")
	if len(matches) == 0 {
		t.Fatal("pg_dump is not installed (Debian: postgresql-client)")
	}
	return matches[len(matches)-1]
}
