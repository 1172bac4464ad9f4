package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverpostgres"
	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/subjectaccess"
	"github.com/hin-south-london/involve/app/syncapi"
)

func saID() string { return uuid.Must(uuid.NewV7()).String() }

// pushSAPartner pushes, from d, a partner whose identifying fields hold tag, with two
// consent records (one withdrawn), a project, a session and two time entries (one
// deleted) naming it; it returns the partner's id. The partner's pseudonym number is
// number (unique within the team, or the server renumbers it).
func pushSAPartner(t *testing.T, d, d2 *servertest.Device, tag string, number int, card *involve.RateCard) string {
	t.Helper()
	c := &involve.Contributor{Name: tag + "name Testperson", ContactDetails: tag + "@example.org", AccessNeeds: tag + "access",
		LivedExperience: []string{tag + "lived"}, Number: number}
	c.ID = saID()
	k1 := &involve.Consent{SubjectEntity: involve.EntityContributor, SubjectID: c.ID, Purposes: []string{"payments"},
		LawfulBasis: "consent", NoticeVersion: tag + "notice", Method: "written", GivenAt: "2026-02-01", GivenBy: tag + "giver",
		CapturedBy: tag + "Staffcaptor"}
	k1.ID = saID()
	k2 := *k1
	k2.ID, k2.Purposes, k2.WithdrawnAt, k2.WithdrawnBy = saID(), []string{"recontact"}, "2026-03-01T10:00:00.000Z", tag+"Staffwithdrawer"
	p := &involve.Project{ProjectInput: involve.ProjectInput{Name: tag + "project"}}
	p.ID = saID()
	s := &involve.Session{SessionInput: involve.SessionInput{ProjectID: p.ID, Title: tag + "session", Date: "2026-03-02", Type: "workshop"}}
	s.ID = saID()
	entry := func(date string) *involve.TimeEntry {
		e := &involve.TimeEntry{ContributorID: c.ID, ProjectID: p.ID, SessionID: s.ID, Task: tag + "task", Date: date,
			Unit: involve.UnitHour, MinutesAttend: 90, RateCardID: card.ID, RatePence: 2000,
			FeePence: involve.FeeFor(involve.UnitHour, 2000, 90), Route: "payroll", ExpensesPence: 350, ReceiptRef: tag + "receipt"}
		e.ID = saID()
		return e
	}
	e1, e2 := entry("2026-03-02"), entry("2026-03-03")
	res := d.Push(d.Change(involve.EntityProject, p, 0), d.Change(involve.EntitySession, s, 0),
		d.Change(involve.EntityContributor, c, 0), d.Change(involve.EntityConsent, k1, 0), d.Change(involve.EntityConsent, &k2, 0),
		d.Change(involve.EntityTimeEntry, e1, 0), d.Change(involve.EntityTimeEntry, e2, 0))
	for i, r := range res {
		if r.Status != syncapi.StatusApplied {
			t.Fatalf("push of partner %s: change %d %s (%s)", tag, i, r.Status, r.Reason)
		}
	}
	// the contact details edited on two laptops at once: a conflict
	one, two := *c, *c
	one.ContactDetails, two.ContactDetails = tag+"@one.example.org", tag+"@two.example.org"
	r1 := d.Push(d.Change(involve.EntityContributor, &one, res[2].Rev))
	r2 := d2.Push(d2.Change(involve.EntityContributor, &two, res[2].Rev))
	if r1[0].Status != syncapi.StatusApplied || len(r2[0].Conflicts) != 1 {
		t.Fatalf("edits on two laptops: %+v, %+v; want a conflict", r1[0], r2[0])
	}
	base := res[len(res)-1].Rev
	e2.DeletedAt = "2026-03-04T10:00:00.000Z"
	if r := d.Push(d.Change(involve.EntityTimeEntry, e2, base)); r[0].Status != syncapi.StatusApplied {
		t.Fatalf("delete of a time entry: %s (%s)", r[0].Status, r[0].Reason)
	}
	return c.ID
}

// TestSubjectAccess: involve-server subject-access writes, for one partner of a team,
// every record the server holds of them (counted against the store) and nothing of
// the other partner or of staff, opened with the team's key, audited.
func TestSubjectAccess(t *testing.T) {
	for _, kind := range servertest.StoreKinds() {
		t.Run(kind, func(t *testing.T) { testSubjectAccess(t, kind) })
	}
}

func testSubjectAccess(t *testing.T, kind string) {
	ctx := context.Background()
	dir := t.TempDir()
	keyFile := filepath.Join(t.TempDir(), "master.key")
	where := []string{"--data-dir", dir, "--key-file", keyFile}
	if kind == "postgres" {
		where = []string{"--db", servertest.FreshSchemaURL(t), "--key-file", keyFile}
	}
	cmd := func(want int, args ...string) (string, string) {
		t.Helper()
		return runCmd(t, want, append(args, where...)...)
	}
	cmd(0, "team", "add", "Alpha")
	var st serverstore.Store
	var err error
	if kind == "postgres" {
		st, err = serverpostgres.Open(ctx, where[1])
	} else {
		st, err = serversqlite.Open(ctx, filepath.Join(dir, serversqlite.FileName))
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	master, _, err := server.LoadKeyFile(keyFile, false)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := server.NewKeys(master, st)
	if err != nil {
		t.Fatal(err)
	}
	e := servertest.NewEnvOn(t, st, func(c *server.Config) { c.Keys = keys })
	tm, err := st.FindTeam(ctx, "Alpha")
	if err != nil {
		t.Fatal(err)
	}
	d, d2 := e.EnrolAs(tm.ID, involve.RoleNameLead), e.EnrolAs(tm.ID, involve.RoleNameLead)
	card := &involve.RateCard{Unit: involve.UnitHour, AmountPence: 2000, Source: "Policy", EffectiveFrom: "2026-01-01"}
	card.ID = saID()
	if r := d.Push(d.Change(involve.EntityRateCard, card, 0)); r[0].Status != syncapi.StatusApplied {
		t.Fatalf("rate card: %s (%s)", r[0].Status, r[0].Reason)
	}
	id := pushSAPartner(t, d, d2, "zorbic", 3, card)
	pushSAPartner(t, d, d2, "quillet", 4, card)
	// the store's own count of the partner's records, by kind
	count := map[string]int{}
	sessions := map[string]bool{}
	err = st.Records(ctx, tm.ID, func(r serverstore.Record) error {
		var m struct {
			ContributorID string `json:"contributorId"`
			SubjectID     string `json:"subjectId"`
			SessionID     string `json:"sessionId"`
			RecordID      string `json:"recordId"`
		}
		_ = json.Unmarshal(r.State, &m)
		switch {
		case r.Entity == involve.EntityContributor && r.ID == id,
			r.Entity == involve.EntityConsent && m.SubjectID == id,
			r.Entity == involve.EntityConflict && m.RecordID == id: // (conflicts of the consents and entries: none made here)
			count[r.Entity]++
		case r.Entity == involve.EntityTimeEntry && m.ContributorID == id:
			count[r.Entity]++
			sessions[m.SessionID] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e.Server.Close()
	st.Close()
	if count[involve.EntityConsent] != 2 || count[involve.EntityTimeEntry] != 2 || len(sessions) != 1 || count[involve.EntityConflict] != 1 {
		t.Fatalf("the test's data: %v, sessions %v", count, sessions)
	}

	out := filepath.Join(t.TempDir(), "sar")
	t.Setenv("USER", "saroperator")
	stdout, _ := cmd(0, "subject-access", "--team", "Alpha", "--contributor", id, "--out", out)
	base := filepath.Join(out, "subject-access-"+id)
	page, err := os.ReadFile(base + ".html")
	if err != nil {
		t.Fatalf("%v (printed %q)", err, stdout)
	}
	js, _ := os.ReadFile(base + ".json")
	var r subjectaccess.Report
	if err := json.Unmarshal(js, &r); err != nil {
		t.Fatal(err)
	}
	if r.Partner.ID != id || len(r.Consents) != count[involve.EntityConsent] || len(r.TimeEntries) != count[involve.EntityTimeEntry] ||
		len(r.Sessions) != len(sessions) || len(r.Conflicts) != count[involve.EntityConflict] {
		t.Errorf("file: partner %q, %d consents, %d time entries, %d sessions; store: %v, %d sessions",
			r.Partner.ID, len(r.Consents), len(r.TimeEntries), len(r.Sessions), count, len(sessions))
	}
	for _, s := range []string{"zorbicname Testperson", "zorbicaccess", "zorbiclived", "zorbicnotice",
		"zorbicgiver", "zorbicsession", "zorbictask", "zorbicreceipt", "zorbicproject", "zorbic@one.example.org", "zorbic@two.example.org"} {
		if !strings.Contains(string(page), s) || !strings.Contains(string(js), s) {
			t.Errorf("the files lack %q (opened with the team's key)", s)
		}
	}
	for name, b := range map[string][]byte{"HTML": page, "JSON": js} {
		low := strings.ToLower(string(b))
		for _, s := range []string{"quillet", "staffcaptor", "staffwithdrawer", "sealed1."} {
			if strings.Contains(low, s) {
				t.Errorf("the %s file holds %q", name, s)
			}
		}
		if fi, err := os.Stat(base + map[string]string{"HTML": ".html", "JSON": ".json"}[name]); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s file mode %v, %v", name, fi.Mode(), err)
		}
	}
	if n := strings.Count(string(page), "<h1"); n != 1 {
		t.Errorf("%d h1", n)
	}
	for _, tb := range regexp.MustCompile(`(?s)<table>.*?</table>`).FindAllString(string(page), -1) {
		if !strings.Contains(tb, "<caption") || !strings.Contains(tb, "<th scope=") {
			t.Errorf("a table without a caption or header cells:\n%.300s", tb)
		}
	}
	audit, _ := cmd(0, "audit", "--team", "Alpha")
	var line string
	for _, l := range strings.Split(audit, "\n") {
		if strings.Contains(l, "subject_access") {
			line = l
		}
	}
	if !strings.Contains(line, id) || !strings.Contains(line, "saroperator") {
		t.Errorf("no subject_access audit line naming the partner and the operator:\n%s", audit)
	}

	t.Run("UnknownPartner", func(t *testing.T) {
		_, stderr := cmd(1, "subject-access", "--team", "Alpha", "--contributor", saID(), "--out", out)
		if !strings.Contains(stderr, "holds no Lived Experience Partner") {
			t.Errorf("stderr %q", stderr)
		}
	})
}
