package desktop_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// crashChildEnv names the data folder of the child process of TestCrash; when it is
// set, TestCrashChild runs the saving loop instead of skipping.
const crashChildEnv = "INVOLVE_CRASH_CHILD"

// crashSeedEnv replays a run of TestCrash with the seed it logged.
const crashSeedEnv = "INVOLVE_CRASH_SEED"

// crashAck prefixes each line the child writes once a save has returned success, so
// that anything else on its stdout (test framework output) is never taken for an id.
const crashAck = "ack "

// TestCrash kills a process that saves feedback through the façade with SIGKILL at
// random moments, again and again, and checks after each kill that every save that
// had returned success is in the database with its outbox entry, and that SQLite
// finds the file intact (DESIGN §8: "killing the app … loses no committed record").
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process repeatedly (a few seconds); skipped with -short")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(crashSeedEnv); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("%s=%q: %v", crashSeedEnv, s, err)
		}
	}
	t.Logf("seed %d (replay with %s=%d)", seed, crashSeedEnv, seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	dir := t.TempDir()
	const rounds = 12
	acked := map[string]bool{} // every id acknowledged in any round so far
	var order []string
	roundsWithAcks := 0
	for round := 1; round <= rounds; round++ {
		delay := time.Duration(50+rng.IntN(351)) * time.Millisecond
		ids, stderr := runCrashChild(t, dir, delay)
		for _, id := range ids {
			if !acked[id] {
				acked[id] = true
				order = append(order, id)
			}
		}
		if len(ids) > 0 {
			roundsWithAcks++
		}
		t.Logf("round %d: killed after %v, %d saves acknowledged (%d in all)", round, delay, len(ids), len(order))
		if t.Failed() {
			t.Logf("child stderr:\n%s", stderr)
			return
		}
		checkAfterCrash(t, dir, order)
		if t.Failed() {
			t.Logf("round %d child stderr:\n%s", round, stderr)
			return
		}
	}
	// The test must be able to fail: a child that never managed to save would make
	// every check above pass vacuously.
	if len(order) == 0 {
		t.Fatalf("no save was acknowledged in %d rounds: the child never worked", rounds)
	}
	if roundsWithAcks < rounds/2 {
		t.Errorf("only %d of %d rounds acknowledged a save; the child is too slow to test crashes", roundsWithAcks, rounds)
	}
}

// runCrashChild starts the child on dir, kills it with SIGKILL after delay and returns
// the ids it acknowledged (complete lines only) and its stderr.
func runCrashChild(t *testing.T, dir string, delay time.Duration) ([]string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(out)
		done <- b
	}()
	var b []byte
	select {
	case <-time.After(delay):
	case b = <-done: // the child ended by itself: that is a failure, reported below
	}
	if err := cmd.Process.Kill(); err != nil && b == nil {
		t.Errorf("kill child: %v", err)
	}
	if b == nil {
		b = <-done
	}
	werr := cmd.Wait()
	if ps := cmd.ProcessState; ps == nil || ps.Exited() {
		t.Errorf("child ended on its own before it was killed (%v)", werr)
	}

	// A kill can land in the middle of writing a line: only complete lines count.
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		b = b[:i+1]
	} else {
		b = nil
	}
	var ids []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if id, ok := strings.CutPrefix(sc.Text(), crashAck); ok {
			ids = append(ids, id)
		}
	}
	return ids, stderr.String()
}

// checkAfterCrash reopens the database as the app would after a crash and checks it.
func checkAfterCrash(t *testing.T, dir string, acked []string) {
	t.Helper()
	ctx := context.Background()
	// The kernel drops the dead child's lock: the app can start again at once.
	lock, err := datadir.Acquire(dir)
	if err != nil {
		t.Errorf("data folder still locked after the child was killed: %v", err)
		return
	}
	defer lock.Close()
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Errorf("reopen after crash: %v", err)
		return
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	}()
	if err := db.CheckIntegrity(ctx); err != nil {
		t.Errorf("integrity check after crash: %v", err)
	}

	missing := 0
	for _, id := range acked {
		if _, err := db.FindFeedbackByID(ctx, id); err != nil {
			if missing++; missing <= 5 {
				t.Errorf("acknowledged feedback %s lost: %v", id, err)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d acknowledged saves lost", missing, len(acked))
	}

	// Every stored feedback item (acknowledged or not) has its outbox entry and every
	// outbox entry its record: the two are written in one transaction.
	changes, err := db.PendingChanges(ctx, 1<<30)
	if err != nil {
		t.Errorf("outbox: %v", err)
		return
	}
	inOutbox := map[string]bool{}
	for _, c := range changes {
		if c.Entity == involve.EntityFeedback {
			inOutbox[c.RecordID] = true
		}
	}
	for _, id := range acked {
		if !inOutbox[id] {
			t.Errorf("acknowledged feedback %s has no outbox entry", id)
			break
		}
	}
	sessions, err := db.FindSessions(ctx, involve.SessionFilter{})
	if err != nil {
		t.Errorf("sessions: %v", err)
		return
	}
	stored := 0
	for _, s := range sessions {
		fs, err := db.FindFeedback(ctx, s.ID)
		if err != nil {
			t.Errorf("feedback of session %s: %v", s.ID, err)
			return
		}
		for _, f := range fs {
			stored++
			if !inOutbox[f.ID] {
				t.Errorf("stored feedback %s has no outbox entry", f.ID)
				return
			}
		}
	}
	if stored != len(inOutbox) {
		t.Errorf("%d feedback items stored but %d in the outbox", stored, len(inOutbox))
	}
	if stored < len(acked) {
		t.Errorf("%d feedback items stored, fewer than the %d acknowledged", stored, len(acked))
	}
}

// crashRuntime stands in for the Wails runtime in the child.
type crashRuntime struct{}

func (crashRuntime) Emit(string, ...any) {}
func (crashRuntime) Quit()               {}

// TestCrashChild is the child process of TestCrash: it starts the app as main.go
// does (lock the data folder, open the store, desktop.Startup) and saves feedback through
// the bound method in a loop, printing each id after the save returned success. It
// runs until it is killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("the child process of TestCrash")
	}
	lock, err := datadir.Acquire(dir)
	if err != nil {
		fatalChild("lock: %v", err)
	}
	defer lock.Close()
	a := desktop.New(desktop.Config{
		DataDir: dir,
		Open:    openStore(dir),
	})
	desktop.Startup(a, context.Background(), crashRuntime{})
	defer desktop.Shutdown(a)
	if st, _ := a.GetStartupState(); st.Status != desktop.StatusOK {
		fatalChild("startup: %s: %s", st.Status, st.Message)
	}

	sessions, err := a.ListSessions(involve.SessionFilter{Limit: 1})
	if err != nil {
		fatalChild("list sessions: %v", err)
	}
	var sessionID string
	if len(sessions) > 0 {
		sessionID = sessions[0].ID
	} else {
		s, err := a.CreateSession(involve.SessionInput{Title: "Crash test: waiting times", Date: "2026-11-24",
			Type: "focus_group", Borough: "E09000008", Status: "held"})
		if err != nil {
			fatalChild("create session: %v", err)
		}
		sessionID = s.ID
	}
	themes, err := a.ListThemes(false)
	if err != nil || len(themes) == 0 {
		fatalChild("themes: %d, %v", len(themes), err)
	}

	// Never outlive a parent that died without killing us (a write to the closed
	// pipe would end the process too, but only once the parent is gone).
	deadline := time.Now().Add(30 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		r := 1 + i%5
		f, err := a.CreateFeedback(involve.FeedbackInput{SessionID: sessionID,
			Text:   fmt.Sprintf("Save %d: the wait at A&E was long but the staff were kind. %s", i, strings.Repeat("café ", i%20)),
			Rating: &r, Themes: []string{themes[i%len(themes)].ID}, Source: "comment_card", QuoteConsent: i%2 == 0})
		if err != nil {
			fatalChild("save %d: %v", i, err)
		}
		// os.Stdout is unbuffered: one write per acknowledged save.
		if _, err := os.Stdout.WriteString(crashAck + f.ID + "\n"); err != nil {
			os.Exit(3)
		}
	}
	fatalChild("not killed within 30 s")
}

func fatalChild(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "crash child: "+format+"\n", args...)
	os.Exit(2)
}
