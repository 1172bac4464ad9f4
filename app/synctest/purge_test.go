package synctest_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// TestPurgeDeletedRecords is issue 13's test of purging tombstones, end to end through
// a real server on SQLite and on PostgreSQL. Ada's lead laptop records a project, four
// sessions and a feedback item; Bo's and Cleo's laptops sync them. Cleo goes offline
// and edits a session there. Ada deletes three sessions and the feedback item, and
// keeps one deleted session with a retention hold; Ada and Bo sync. The clock moves 31
// days on: the server purges (the default period is 30 days after deletion), Ada and
// Bo sync and purge their own tombstones. The purged records are then gone from the
// server (its listing, and a byte search of its data folder or a pg_dump) and from
// Ada's and Bo's laptops (their data, and a byte search of their folders), the held
// one stays; Cleo, offline the whole time with the records live and one edited, syncs:
// her edit is rejected with the reason, shown among her rejected changes, and she holds
// exactly the server's data. A change of a purged record sent again is refused.
func TestPurgeDeletedRecords(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		s := newStack(t, kind)
		ada := newDevice(t, "ada", s.ts.URL, s.codeAs(s.team.ID, involve.RoleNameLead))
		bo := s.enrol(t, "bo")
		cleo := s.enrol(t, "cleo")

		p, err := ada.db.CreateProject(bg(), involve.ProjectInput{Name: "Bus routes"})
		if err != nil {
			t.Fatal(err)
		}
		session := func(title string) involve.Session {
			t.Helper()
			sess, err := ada.db.CreateSession(bg(), involve.SessionInput{ProjectID: p.ID, Title: title, Date: "2026-11-24", Type: "workshop"})
			if err != nil {
				t.Fatal(err)
			}
			return sess
		}
		gone1, gone2 := session("Zorbiquelle alpha"), session("Zorbiquelle beta")
		held, live := session("Held session"), session("Live session")
		fb, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: live.ID, Text: "Quaxolotl remark", Source: "comment_card"})
		if err != nil {
			t.Fatal(err)
		}
		ada.mustSync()
		bo.mustSync()
		cleo.mustSync()

		// Cleo, offline from now on, edits a session Ada is about to delete.
		edited := involve.SessionInput{ProjectID: p.ID, Title: "Zorbiquelle beta, Cleo's edit", Date: "2026-11-24", Type: "workshop"}
		loaded := edited
		loaded.Title = gone2.Title
		if _, err := cleo.db.UpdateSession(bg(), gone2.ID, loaded, edited); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{gone1.ID, gone2.ID, held.ID} {
			if err := ada.db.DeleteSession(bg(), id); err != nil {
				t.Fatal(err)
			}
		}
		if err := ada.db.DeleteFeedback(bg(), fb.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := ada.db.KeepUntil(bg(), involve.RetentionHold{RecordEntity: involve.EntitySession, RecordID: held.ID,
			RecordKind: involve.RetainDeleted, Until: "2099-01-01", Reason: "Under audit"}); err != nil {
			t.Fatal(err)
		}
		ada.mustSync()
		bo.mustSync()

		// 31 days on.
		later := time.Now().AddDate(0, 0, 31)
		for _, d := range []*device{ada, bo, cleo} {
			d.db.Now = func() time.Time { return later }
			d.eng.Now = func() time.Time { return later }
		}
		n, err := server.Purge(bg(), s.store, s.team.ID, later)
		if err != nil || n != 3 {
			t.Fatalf("server purge: %d records, %v; want 3 (two sessions, one feedback item)", n, err)
		}
		ada.mustSync()
		bo.mustSync()

		purged := map[string]bool{key(involve.EntitySession, gone1.ID): true, key(involve.EntitySession, gone2.ID): true,
			key(involve.EntityFeedback, fb.ID): true}
		want := serverData(t, s.store, s.team.ID)
		for k := range purged {
			if _, ok := want[k]; ok {
				t.Errorf("the server still has %s", k)
			}
		}
		if _, ok := want[key(involve.EntitySession, held.ID)]; !ok {
			t.Error("the server purged the session a retention hold keeps")
		}
		secrets := []string{"Zorbiquelle", "zorbiquelle", "Quaxolotl", "quaxolotl"}
		dump := servertest.StoreBytes(t, kind, s.where, "Live session")
		for _, w := range secrets {
			if bytes.Contains(dump, []byte(w)) {
				t.Errorf("the server's store still holds %q", w)
			}
		}
		for _, d := range []*device{ada, bo} {
			if lines := diff("server", want, d.name, d.data(), d.name, 20); len(lines) > 0 {
				t.Errorf("%s differs from the server:\n  %s", d.name, strings.Join(lines, "\n  "))
			}
			if found := folderHolds(t, d.dir, secrets); len(found) > 0 {
				t.Errorf("%s's data folder still holds %v", d.name, found)
			}
		}

		// Cleo comes back: her edit of a purged session is refused, and the purged
		// records leave her laptop.
		sum := cleo.mustSync()
		if sum.Pull.Purged != 3 {
			t.Errorf("cleo removed %d purged records, want 3", sum.Pull.Purged)
		}
		rejected, err := cleo.db.FindRejectedChanges(bg())
		if err != nil {
			t.Fatal(err)
		}
		if len(rejected) != 1 || rejected[0].RecordID != gone2.ID || rejected[0].Reason != syncapi.PurgedReason {
			t.Errorf("cleo's rejected changes: %+v, want her edit of %s with %q", rejected, gone2.ID, syncapi.PurgedReason)
		}
		cleo.mustSync()
		if lines := diff("server", want, "cleo", cleo.data(), "cleo", 20); len(lines) > 0 {
			t.Errorf("cleo differs from the server:\n  %s", strings.Join(lines, "\n  "))
		}
		if p, _, _ := cleo.counts(); p != 0 {
			t.Errorf("cleo has %d changes waiting", p)
		}
		if found := folderHolds(t, cleo.dir, []string{"Zorbiquelle alpha", "Quaxolotl"}); len(found) > 0 {
			t.Errorf("cleo's data folder still holds %v", found)
		}
	})
}
