package store_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/subjectaccess"
)

// saPartner makes a partner whose every identifying field holds tag, with two consent
// records (one withdrawn), two time entries (one deleted) naming a session of their
// own, and a consent record captured by staff.
func saPartner(t *testing.T, db *store.DB, tag string, p involve.Project) *involve.Contributor {
	t.Helper()
	ctx := context.Background()
	c, k, err := db.CreateContributor(ctx, &involve.Contributor{Name: tag + "name Testperson", ContactDetails: tag + "@example.org",
		AccessNeeds: tag + "access", LivedExperience: []string{tag + "lived"}, Role: tag + "role", PaymentPreference: "payroll"},
		&involve.Consent{Purposes: []string{"analysis", "payments"}, LawfulBasis: "consent", NoticeVersion: tag + "notice",
			Method: "written", GivenAt: "2026-01-10", GivenBy: tag + "giver", CapturedBy: tag + "Staffcaptor"})
	if err != nil {
		t.Fatal(err)
	}
	_ = k
	k2, err := db.AddConsent(ctx, &involve.Consent{SubjectEntity: involve.EntityContributor, SubjectID: c.ID,
		Purposes: []string{"recontact"}, LawfulBasis: "consent", NoticeVersion: tag + "notice2", Method: "verbal",
		GivenAt: "2026-02-01", GivenBy: tag + "giver2", CapturedBy: tag + "Staffcaptor"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.WithdrawConsent(ctx, k2.ID); err != nil {
		t.Fatal(err)
	}
	s, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: tag + "session", Date: "2026-03-03", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	for i, date := range []string{"2026-03-03", "2026-03-04"} {
		e, err := db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c.ID, ProjectID: p.ID, SessionID: s.ID,
			Task: tag + "task", Date: date, MinutesAttend: 90, ExpensesPence: 1250, ReceiptRef: tag + "receipt"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if err := db.DeleteDoc(ctx, involve.EntityTimeEntry, e.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	return c
}

// The subject-access file holds every record of the person (counted against the
// database) and nothing of anyone else (issue 13).
func TestSubjectAccessFile(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	k := storetest.InstallTeamKey(t, db)
	connect(t, db)
	mustRate(t, db, "hour", 2000, "2026-01-01", "")
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Shared project"})
	if err != nil {
		t.Fatal(err)
	}
	a := saPartner(t, db, "zorbic", p)
	b := saPartner(t, db, "quillet", p)
	// conflicts pulled from the server: about A's details and A's time entry, and about B
	entries, err := db.FindTimeEntries(ctx, a.ID)
	if err != nil || len(entries) != 1 {
		t.Fatalf("%v %v", entries, err)
	}
	clash := func(entity, record, field, base, win, lose string) *involve.Conflict {
		c := &involve.Conflict{Entity: entity, RecordID: record, Field: field, Base: []byte(`"` + base + `"`),
			Winner: involve.ConflictValue{Value: []byte(`"` + win + `"`), Rev: 9, By: "Staffwinner"},
			Loser:  involve.ConflictValue{Value: []byte(`"` + lose + `"`), Rev: 8, By: "Staffloser"}, Status: involve.ConflictOpen}
		c.ID, c.CreatedAt, c.UpdatedAt = newID(), "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00.000Z"
		return c
	}
	pullPage(t, db, "lead", "") // made a lead first: a raised role pulls again from the start, applying nothing
	pullPage(t, db, "lead", "1",
		sealedPulled(t, k, involve.EntityConflict, clash(involve.EntityContributor, a.ID, "contactDetails", "zorbic@old.example.org", "zorbic@example.org", "zorbic@lost.example.org"), 101, 1),
		sealedPulled(t, k, involve.EntityConflict, clash(involve.EntityTimeEntry, entries[0].ID, "receiptRef", "zorbicreceipt", "zorbicreceipt", "zorbicreceipt-other"), 102, 2),
		sealedPulled(t, k, involve.EntityConflict, clash(involve.EntityContributor, b.ID, "accessNeeds", "quilletaccess", "quilletaccess a", "quilletaccess b"), 103, 3))

	recs, err := db.SubjectAccess(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	files, err := subjectaccess.Write(dir, subjectaccess.Build(recs, time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), "test"))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(files.HTML)
	js, _ := os.ReadFile(files.JSON)

	t.Run("EveryRecordCountedAgainstTheDatabase", func(t *testing.T) {
		var r subjectaccess.Report
		if err := json.Unmarshal(js, &r); err != nil {
			t.Fatal(err)
		}
		if r.Format != subjectaccess.Format || r.Version != subjectaccess.Version || r.Partner.ID != a.ID {
			t.Fatalf("format %q v%d, partner %q", r.Format, r.Version, r.Partner.ID)
		}
		consents := countRows(t, db, "docs WHERE entity = 'consent' AND parent_id = ?", a.ID)
		entries := countRows(t, db, "docs WHERE entity = 'time_entry' AND parent_id = ?", a.ID)
		sessions := countRows(t, db, "sessions WHERE id IN (SELECT d.state ->> '$.sessionId' FROM docs d WHERE d.entity = 'time_entry' AND d.parent_id = ?)", a.ID)
		conflicts := countRows(t, db, "conflicts WHERE record_id = ? OR record_id IN (SELECT id FROM docs WHERE parent_id = ?)", a.ID, a.ID)
		if consents != 2 || entries != 2 || sessions != 1 || conflicts != 2 {
			t.Fatalf("the test's data: %d consents, %d entries, %d sessions, %d conflicts", consents, entries, sessions, conflicts)
		}
		if len(r.Consents) != consents || len(r.TimeEntries) != entries || len(r.Sessions) != sessions || len(r.Conflicts) != conflicts {
			t.Errorf("file: %d consents, %d time entries, %d sessions, %d conflicts; database: %d, %d, %d, %d",
				len(r.Consents), len(r.TimeEntries), len(r.Sessions), len(r.Conflicts), consents, entries, sessions, conflicts)
		}
		withdrawn, deleted := 0, 0
		for _, k := range r.Consents {
			if k.WithdrawnAt != "" {
				withdrawn++
			}
		}
		for _, e := range r.TimeEntries {
			if e.DeletedAt != "" {
				deleted++
			}
		}
		if withdrawn != 1 || deleted != 1 {
			t.Errorf("withdrawn consents %d, deleted time entries %d: want 1 and 1", withdrawn, deleted)
		}
		if r.Linked.Linked || r.Linked.Note == "" {
			t.Errorf("actions and outcomes: %+v", r.Linked)
		}
	})
	t.Run("EveryValueOfThePerson", func(t *testing.T) {
		for _, s := range []string{"zorbicname Testperson", "zorbic@example.org", "zorbicaccess", "zorbiclived", "zorbicrole",
			"zorbicnotice", "zorbicnotice2", "zorbicgiver", "zorbicgiver2", "zorbicsession", "zorbictask", "zorbicreceipt", a.ID,
			"zorbic@lost.example.org", "zorbicreceipt-other"} {
			for name, b := range map[string][]byte{"HTML": page, "JSON": js} {
				if !strings.Contains(string(b), s) {
					t.Errorf("the %s file lacks %q", name, s)
				}
			}
		}
	})
	t.Run("NothingOfAnyoneElse", func(t *testing.T) {
		for name, b := range map[string][]byte{"HTML": page, "JSON": js} {
			low := strings.ToLower(string(b))
			for _, s := range []string{"quillet", "staffcaptor", "staffwinner", "staffloser", "sealed1."} {
				if strings.Contains(low, s) {
					t.Errorf("the %s file holds %q: someone else's data", name, s)
				}
			}
		}
	})
	t.Run("HTMLStructure", func(t *testing.T) { checkSubjectAccessHTML(t, string(page)) })
	t.Run("FileModes", func(t *testing.T) {
		for _, p := range []string{files.HTML, files.JSON} {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: %v %v, want 0600", p, fi.Mode(), err)
			}
		}
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v %v, want 0700", dir, fi.Mode(), err)
		}
	})
	t.Run("NotFound", func(t *testing.T) {
		if _, err := db.SubjectAccess(ctx, "no-such-id"); involve.ErrorCode(err) != involve.ENOTFOUND {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("LockedIsELOCKED", func(t *testing.T) {
		db.Lock()
		defer storetest.Unlock(t, db)
		if _, err := db.SubjectAccess(ctx, a.ID); involve.ErrorCode(err) != involve.ELOCKED {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("LeadOnly", func(t *testing.T) {
		pullPage(t, db, "lead", "4")
		if _, err := db.SubjectAccess(ctx, a.ID); err != nil {
			t.Fatalf("a lead's laptop: %v", err)
		}
		pullPage(t, db, "staff", "5")
		_, err := db.SubjectAccess(ctx, a.ID)
		if involve.ErrorCode(err) != involve.EFORBIDDEN || !strings.Contains(involve.ErrorMessage(err), "Only a lead's laptop") {
			t.Fatalf("a staff laptop: %v", err)
		}
	})
}

// checkSubjectAccessHTML is a structural check of the page: one h1, lang en-GB, every
// table with a caption and header cells with a scope, nothing fetched from elsewhere.
func checkSubjectAccessHTML(t *testing.T, page string) {
	t.Helper()
	if n := strings.Count(page, "<h1"); n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
	if !strings.Contains(page, `<html lang="en-GB">`) {
		t.Error(`no <html lang="en-GB">`)
	}
	tables := regexp.MustCompile(`(?s)<table>.*?</table>`).FindAllString(page, -1)
	if len(tables) < 3 {
		t.Errorf("%d tables, want the details, consents, time entries and sessions", len(tables))
	}
	for _, tb := range tables {
		if !strings.Contains(tb, "<caption") || !strings.Contains(tb, "<th scope=") {
			t.Errorf("a table without a caption or header cells with a scope:\n%.300s", tb)
		}
		if strings.Count(tb, "<th>") != 0 {
			t.Errorf("a header cell without a scope:\n%.300s", tb)
		}
	}
	for _, bad := range []string{"<script", "src=", "href=", "@import", "url(", "<link", "<img"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q: it must need nothing from elsewhere", bad)
		}
	}
}
