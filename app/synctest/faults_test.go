package synctest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverpostgres"
	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
	"github.com/hin-south-london/involve/app/synctest"
)

// faultRates are the proxy's faults in TestFaultsThroughProxy: about one request in
// five fails in some way, a few more are slow.
var faultRates = synctest.Rates{
	synctest.Delay:           0.06,
	synctest.BadGateway:      0.03,
	synctest.DropRequest:     0.03,
	synctest.CutRequest:      0.03,
	synctest.DropResponse:    0.04,
	synctest.CutResponse:     0.04,
	synctest.BadGatewayAfter: 0.03,
}

// TestFaultsThroughProxy: three laptops edit at random (as in TestConvergence) and
// sync through a proxy that, seeded, drops connections while the request is sent
// (before and after part of it reached the server), drops or cuts answers after the
// server did the work, answers 502 before or after the server did the work, and
// delays. A laptop whose sync fails tries again until one succeeds. Afterwards every
// laptop holds the server's data, no edit was lost, and every change whose push was
// acknowledged is on the server as the laptop sent it.
func TestFaultsThroughProxy(t *testing.T) {
	eachStore(t, replicaKinds, func(t *testing.T, kind string) {
		s := seed(t)
		rng := newRand(s)
		st := newStack(t, kind)
		proxy := synctest.NewProxy(st.ts.URL)
		defer proxy.Close()
		var devs []*device
		for _, name := range []string{"Ada", "Bo", "Cy"} {
			d := newDevice(t, name, proxy.URL, st.code(st.team.ID))
			d.eng.PushBatch, d.eng.PullLimit = 2+rng.IntN(8), 2+rng.IntN(8)
			devs = append(devs, d)
		}
		proxy.SetPlan(synctest.RandomPlan(rng.Uint64(), faultRates, 40*time.Millisecond, nil))
		w := newWorkload(t, rng)
		a := newAcks()
		failed, syncs := 0, 0
		for i, steps := 0, scale(400); i < steps; i++ {
			d := devs[rng.IntN(len(devs))]
			if rng.IntN(100) < 20 {
				failed += a.syncUntilOK(d, 200)
				syncs++
				continue
			}
			w.step(d)
		}
		for _, d := range devs { // each laptop's last changes go up through the faults too
			failed += a.syncUntilOK(d, 200)
			syncs++
		}
		t.Logf("proxy: %s", proxy.CountsString())
		t.Logf("%d syncs succeeded after %d failed attempts", syncs, failed)
		proxy.SetPlan(nil)
		final := w.settle(t, st, devs...)
		w.expectNoRaces(t)
		a.check(t, st.store, st.team.ID, final)
		if failed == 0 {
			t.Error("no sync failed: the proxy injected no fault that mattered")
		}
	})
}

// bulk adds sessions and feedback to a laptop in one import (each with its outbox
// entry, as if typed in) and returns how many records it made.
func bulk(t testing.TB, d *device, sessions, feedbackPer int, tag string) int {
	t.Helper()
	n := 0
	err := d.db.Import(bg(), func(im *store.Importer) error {
		now := im.Now()
		meta := func(m *involve.Meta) {
			m.ID, m.CreatedAt, m.UpdatedAt, m.CreatedBy, m.DeviceID, m.Rev = uuid.Must(uuid.NewV7()).String(), now, now, d.name, im.DeviceID(), im.NextRev()
		}
		for i := 0; i < sessions; i++ {
			s := &involve.Session{SessionInput: involve.SessionInput{Title: fmt.Sprintf("%s session %d", tag, i), Date: "2026-11-20",
				Type: "outreach_stall", Mode: "in_person", Status: "held", Attendees: i}}
			meta(&s.Meta)
			if err := im.PutSession(s); err != nil {
				return err
			}
			n++
			for j := 0; j < feedbackPer; j++ {
				f := &involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: s.ID, Source: "comment_card", Themes: []string{},
					Text: fmt.Sprintf("%s feedback %d.%d: %s", tag, i, j, strings.TrimSpace(strings.Repeat("the bus stop moved again ", 4)))}}
				meta(&f.Meta)
				if err := im.PutFeedback(f); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: import: %v", d.name, err)
	}
	return n
}

// openServerStore opens, in this process, the store a server process uses.
func openServerStore(t *testing.T, storage []string) serverstore.Store {
	t.Helper()
	var st serverstore.Store
	var err error
	switch storage[0] {
	case "--db":
		st, err = serverpostgres.Open(bg(), storage[1])
	default:
		st, err = serversqlite.Open(bg(), storage[1]+"/"+serversqlite.FileName)
	}
	if err != nil {
		t.Fatalf("open the server's store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestServerKilledMidPush runs the real involve-server binary, has a laptop push a
// large outbox through the proxy, and kills the server with SIGKILL while one of the
// pushes is in flight (at a random moment around the server's work on it); then
// restarts it on the same data and syncs again, several times. Another laptop edits
// the same records in between. Afterwards everything converges and every change the
// server had acknowledged is there.
func TestServerKilledMidPush(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		s := seed(t)
		rng := newRand(s)
		bin := newServerBin(t, kind)
		srv := bin.start()
		proxy := synctest.NewProxy(srv.url)
		defer proxy.Close()
		ada := newDevice(t, "Ada", proxy.URL, bin.code())
		bo := newDevice(t, "Bo", proxy.URL, bin.code())
		ada.eng.PushBatch = 50
		a := newAcks()
		w := newWorkload(t, rng)

		rounds := scale(4)
		kills, committed := 0, 0
		for round := 1; round <= rounds; round++ {
			made := bulk(t, ada, 4, 100, fmt.Sprintf("round %d", round))
			for i := 0; i < 10; i++ {
				w.step(ada)
				w.step(bo)
			}
			pushes := (made + ada.eng.PushBatch - 1) / ada.eng.PushBatch
			target := 1 + rng.IntN(pushes)
			after := time.Duration(rng.IntN(20_000)) * time.Microsecond
			var n atomic.Int32
			killed := make(chan struct{})
			proxy.OnForward(func(r synctest.Req) {
				if r.Path != "/v1/sync/push" || int(n.Add(1)) != target {
					return
				}
				go func() {
					time.Sleep(after)
					srv.kill()
					close(killed)
				}()
			})
			_, err := a.sync(ada)
			select {
			case <-killed:
				kills++
			case <-time.After(5 * time.Second):
				t.Logf("round %d: the sync ended (%v) before push %d of %d: no kill", round, err, target, pushes)
				srv.kill()
			}
			proxy.OnForward(nil)
			t.Logf("round %d: server killed %v after push %d of %d was sent; Ada's sync: %v", round, after, target, pushes, err)
			if err == nil && int(n.Load()) >= target {
				// The kill came after the server answered the last push: fine, but
				// then the next sync must still find everything.
				t.Logf("round %d: the sync finished before the kill took effect", round)
			}
			srv = bin.start()
			proxy.SetUpstream(srv.url)
			_, push := a.syncUntilOKSum(ada, 20)
			if push.Duplicate > 0 {
				committed++ // the killed server had committed a push it never answered
			}
			t.Logf("round %d: after the restart Ada pushed %+v", round, push)
			a.syncUntilOK(bo, 20)
		}
		st := openServerStore(t, bin.storage)
		final := settle(t, st, bin.teamID, ada, bo)
		w.checkNothingLost(t, final)
		w.expectNoRaces(t)
		a.check(t, st, bin.teamID, final)
		if kills == 0 {
			t.Error("the server was never killed during a push")
		}
		t.Logf("%d records on the server, %d kills during a push, %d of them after the push was committed", len(final), kills, committed)
	})
}

// Environment of the laptop child process of TestDeviceKilledMidPull.
const (
	deviceChildEnv = "INVOLVE_SYNCTEST_DEVICE_DIR"
	pullLimitEnv   = "INVOLVE_SYNCTEST_PULL_LIMIT"
)

// TestDeviceChild is the laptop of TestDeviceKilledMidPull: it opens the database in
// $INVOLVE_SYNCTEST_DEVICE_DIR and syncs once, writing a line after each pulled page.
// It does nothing in a normal test run.
func TestDeviceChild(t *testing.T) {
	dir := os.Getenv(deviceChildEnv)
	if dir == "" {
		t.Skip("the laptop process of TestDeviceKilledMidPull")
	}
	d := openDevice(t, "child", dir)
	e, err := syncer.FromSettings(bg(), d.db, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.PullLimit, _ = strconv.Atoi(os.Getenv(pullLimitEnv))
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(out, "start")
	out.Flush()
	_, err = e.SyncOnce(bg(), func(p syncer.Progress) {
		if p.Phase == syncer.PhasePull && p.Done > 0 {
			fmt.Fprintf(out, "pulled %d\n", p.Done)
			out.Flush()
		}
	})
	fmt.Fprintf(out, "done %v\n", err)
	out.Flush()
}

// TestDeviceKilledMidPull: a laptop process pulls a large dataset in small pages and
// is killed with SIGKILL in the middle, several times. After each kill the database
// passes SQLite's integrity check, and what the laptop holds is exactly what its saved
// cursor says: every record up to the cursor (those whose session has not arrived yet
// parked, and counted), nothing after it, no outbox entries. Then a normal sync
// finishes the pull and the laptop holds the server's data.
func TestDeviceKilledMidPull(t *testing.T) {
	s := seed(t)
	rng := newRand(s)
	st := newStack(t, "sqlite")
	ada := st.enrol(t, "Ada")
	ada.eng.PushBatch = 500
	bulk(t, ada, 30, 60, "stall")
	ada.mustSync()
	// Edit some sessions after their feedback went up: in pull order their feedback
	// now comes first, so a laptop part way through a pull has feedback waiting
	// (parked) for its session.
	for i, sess := range ada.view().sessions {
		if i%3 == 0 {
			if _, err := ada.db.SaveSessionNotes(bg(), sess.ID, fmt.Sprintf("written up later %d", i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	ada.mustSync()
	serverRecs, err := st.store.Pull(bg(), st.team.ID, 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	bo := openDevice(t, "Bo", dir)
	if _, err := syncer.Connect(bg(), bo.db, st.ts.URL, st.code(st.team.ID), bo.hc); err != nil {
		t.Fatal(err)
	}
	bo.close()

	limit := 20 + rng.IntN(30)
	pages := (len(serverRecs) + limit - 1) / limit
	kills := 0
	for round := 1; round <= scale(6); round++ {
		killAt := 1 + rng.IntN(max(pages/3, 1))
		extra := time.Duration(rng.IntN(8000)) * time.Microsecond
		lines, finished := runDeviceChild(t, dir, limit, killAt, extra)
		if !finished {
			kills++
		}
		bo = openDevice(t, "Bo", dir)
		checkPulledUpToCursor(t, bo, serverRecs)
		set, _ := bo.db.SyncSettings(bg())
		t.Logf("round %d: killed %v after page line %d (%s); cursor %s of %d", round, extra, killAt, lines, set.Cursor, serverRecs[len(serverRecs)-1].Seq)
		bo.close()
		if t.Failed() || finished {
			break
		}
	}
	bo = openDevice(t, "Bo", dir)
	bo.engine()
	settle(t, st.store, st.team.ID, ada, bo)
	if kills == 0 {
		t.Error("the laptop was never killed during a pull")
	}
}

// runDeviceChild runs the laptop process on dir and kills it with SIGKILL extra after
// it reports its killAt-th pulled page. It returns the last line it wrote and whether
// it finished by itself.
func runDeviceChild(t *testing.T, dir string, limit, killAt int, extra time.Duration) (string, bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(bg(), 60*time.Second)
	defer cancel()
	cmd := child(ctx, "TestDeviceChild", deviceChildEnv+"="+dir, pullLimitEnv+"="+strconv.Itoa(limit))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	pagesSeen, last, finished := 0, "", false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "pulled ") {
			last = line
			if pagesSeen++; pagesSeen == killAt {
				time.Sleep(extra)
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		if strings.HasPrefix(line, "done ") {
			last, finished = line, true
		}
		if strings.HasPrefix(line, "--- FAIL") {
			t.Errorf("laptop process: %s", line)
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if finished && !strings.HasPrefix(last, "done <nil>") {
		t.Errorf("laptop process: %s\n%s", last, stderr.String())
	}
	return last, finished
}

// checkPulledUpToCursor checks a laptop after a kill: intact file, and exactly the
// records the saved cursor says it has.
func checkPulledUpToCursor(t *testing.T, d *device, serverRecs []serverstore.Record) {
	t.Helper()
	if err := d.db.CheckIntegrity(bg()); err != nil {
		t.Errorf("integrity check after the kill: %v", err)
	}
	set, err := d.db.SyncSettings(bg())
	if err != nil {
		t.Fatal(err)
	}
	cursor := int64(0)
	if set.Cursor != "" {
		if cursor, err = strconv.ParseInt(set.Cursor, 10, 64); err != nil {
			t.Fatalf("cursor %q: %v", set.Cursor, err)
		}
	}
	sessions := map[string]bool{}
	for _, r := range serverRecs {
		if r.Seq <= cursor && r.Entity == "session" {
			sessions[r.ID] = true
		}
	}
	want := dataset{}
	parked := 0
	for _, r := range serverRecs {
		if r.Seq > cursor {
			continue
		}
		if r.Entity == "feedback" {
			var f struct {
				SessionID string `json:"sessionId"`
			}
			if err := json.Unmarshal(r.State, &f); err != nil {
				t.Fatal(err)
			}
			if !sessions[f.SessionID] {
				parked++
				continue
			}
		}
		c, err := canon(r.Entity, r.State)
		if err != nil {
			t.Fatal(err)
		}
		want[key(r.Entity, r.ID)] = c
	}
	if lines := diff("server up to the cursor", want, d.name, d.data(), d.name, 10); len(lines) > 0 {
		t.Errorf("after the kill, at cursor %d, the laptop's data is not the server's up to the cursor:\n  %s", cursor, strings.Join(lines, "\n  "))
	}
	if n, err := d.db.ParkedCount(bg()); err != nil || n != parked {
		t.Errorf("parked records: %d (%v), want %d (feedback up to the cursor whose session comes later)", n, err, parked)
	}
	if p, _, _ := d.counts(); p != 0 {
		t.Errorf("%d outbox entries after pulling: pulled records make none", p)
	}
}
