package subjectaccess

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

func meta(id string) involve.Meta {
	return involve.Meta{ID: id, CreatedAt: "2026-01-10T09:00:00.000Z", UpdatedAt: "2026-01-10T09:00:00.000Z",
		CreatedBy: "Staffname Other", DeviceID: "device-of-staff"}
}

// example is a partner with every kind of record, and records of someone else mixed in.
func example() *Collector {
	c := NewCollector("p1")
	partner := &involve.Contributor{Meta: meta("p1"), Name: "Zorbicnamé <b>Testperson</b>", ContactDetails: "zorbic@example.org",
		AccessNeeds: "zorbicaccess", LivedExperience: []string{"zorbic lived"}, Number: 7, ContactPreference: "email",
		PaymentPreference: "payroll", AgreementStart: "2026-01-01"}
	other := &involve.Contributor{Meta: meta("p2"), Name: "Quillet Otherperson", Number: 8}
	given := &involve.Consent{Meta: meta("k1"), SubjectEntity: involve.EntityContributor, SubjectID: "p1",
		Purposes: []string{"analysis", "payments"}, LawfulBasis: "consent", NoticeVersion: "v3", Method: "written",
		GivenAt: "2026-01-10", GivenBy: "Themselves", CapturedBy: "Staffcaptor Name"}
	withdrawn := &involve.Consent{Meta: meta("k2"), SubjectEntity: involve.EntityContributor, SubjectID: "p1",
		Purposes: []string{"recontact"}, LawfulBasis: "consent", NoticeVersion: "v3", Method: "verbal", GivenAt: "2026-01-11",
		GivenBy: "Themselves", WithdrawnAt: "2026-02-01T10:00:00.000Z", WithdrawnBy: "Staffwithdrawer Name"}
	othersConsent := &involve.Consent{Meta: meta("k3"), SubjectEntity: involve.EntityContributor, SubjectID: "p2",
		Purposes: []string{"analysis"}, LawfulBasis: "consent", GivenBy: "Quillet Otherperson"}
	quote := &involve.Consent{Meta: meta("k4"), SubjectEntity: involve.EntityFeedback, SubjectID: "p1",
		Purposes: []string{"quotes"}, LawfulBasis: "consent", GivenBy: "Quillet feedback giver"}
	override := int64(4000)
	entry := &involve.TimeEntry{Meta: meta("e1"), ContributorID: "p1", ProjectID: "pr1", SessionID: "s1", Date: "2026-03-02",
		Unit: "hour", MinutesAttend: 90, RatePence: 2500, FeePence: 3750, FeeOverridePence: &override,
		OverrideReason: "zorbic longer meeting", ExpensesPence: 350, ReceiptRef: "zorbic receipt", Route: "payroll"}
	othersEntry := &involve.TimeEntry{Meta: meta("e2"), ContributorID: "p2", SessionID: "s2", Date: "2026-03-03", Task: "Quillet task"}
	session := &involve.Session{Meta: meta("s1"), SessionInput: involve.SessionInput{Title: "Steering group", Date: "2026-03-02"}}
	othersSession := &involve.Session{Meta: meta("s2"), SessionInput: involve.SessionInput{Title: "Quillet session", Date: "2026-03-03"}}
	clash := &involve.Conflict{Meta: meta("x1"), Entity: involve.EntityContributor, RecordID: "p1", Field: "contactDetails",
		Base: []byte(`"zorbic@old.example.org"`), Winner: involve.ConflictValue{Value: []byte(`"zorbic@example.org"`), By: "Staffone"},
		Loser: involve.ConflictValue{Value: []byte(`"zorbic@other.example.org"`), By: "Stafftwo"}, Status: "open"}
	entryClash := &involve.Conflict{Meta: meta("x2"), Entity: involve.EntityTimeEntry, RecordID: "e1", Field: "receiptRef",
		Winner: involve.ConflictValue{Value: []byte(`"zorbic receipt"`)}, Loser: involve.ConflictValue{Value: []byte(`"zorbic receipt 2"`)},
		Status: "resolved", Resolution: "kept", ResolvedAt: "2026-03-05T10:00:00.000Z", ResolvedBy: "Staffresolver"}
	othersClash := &involve.Conflict{Meta: meta("x3"), Entity: involve.EntityContributor, RecordID: "p2", Field: "name",
		Winner: involve.ConflictValue{Value: []byte(`"Quillet A"`)}, Loser: involve.ConflictValue{Value: []byte(`"Quillet B"`)}, Status: "open"}
	project := &involve.Project{Meta: meta("pr1"), ProjectInput: involve.ProjectInput{Name: "Diabetes pathway"}}
	for _, r := range []struct {
		entity string
		rec    any
	}{{involve.EntityProject, project}, {involve.EntitySession, session}, {involve.EntitySession, othersSession},
		{involve.EntityContributor, other}, {involve.EntityContributor, partner}, {involve.EntityConsent, given},
		{involve.EntityConsent, withdrawn}, {involve.EntityConsent, othersConsent}, {involve.EntityConsent, quote},
		{involve.EntityTimeEntry, entry}, {involve.EntityTimeEntry, othersEntry}, {involve.EntityConflict, clash},
		{involve.EntityConflict, entryClash}, {involve.EntityConflict, othersClash}} {
		c.Add(r.entity, r.rec)
	}
	return c
}

var madeAt = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

// The collector keeps the partner's records and drops everyone else's; the report
// holds every value of theirs and no staff name.
func TestCollectAndBuild(t *testing.T) {
	recs, err := example().Records()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs.Consents) != 2 || len(recs.TimeEntries) != 1 || len(recs.Sessions) != 1 || len(recs.Projects) != 1 ||
		len(recs.Conflicts) != 2 {
		t.Fatalf("collected %d consents, %d entries, %d sessions, %d projects, %d conflicts", len(recs.Consents),
			len(recs.TimeEntries), len(recs.Sessions), len(recs.Projects), len(recs.Conflicts))
	}
	r := Build(recs, madeAt, "test")
	js, _ := json.Marshal(r)
	page, err := HTML(r)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]string{"JSON": string(js), "HTML": string(page)} {
		for _, s := range []string{"zorbic@example.org", "zorbicaccess", "zorbic lived", "zorbic longer meeting", "zorbic receipt",
			"Steering group", "Diabetes pathway", "Themselves", "zorbic@other.example.org", "zorbic receipt 2"} {
			if !strings.Contains(b, s) {
				t.Errorf("%s lacks %q", name, s)
			}
		}
		for _, s := range []string{"Quillet", "Staff", "device-of-staff"} {
			if strings.Contains(b, s) {
				t.Errorf("%s holds %q", name, s)
			}
		}
	}
	if strings.Contains(string(page), "<b>Testperson") || !strings.Contains(string(page), "&lt;b&gt;Testperson") {
		t.Error("the partner's name is not escaped in the page")
	}
	if len(r.Reasons) == 0 || !strings.Contains(strings.Join(r.Reasons, "\n"), "withdrawn 2026-02-01") {
		t.Errorf("reasons %q", r.Reasons)
	}
	if _, err := NewCollector("nobody").Records(); err != ErrNoPartner {
		t.Errorf("no partner: %v", err)
	}
}

// TestGoldenPage keeps testdata/example.html, which the frontend's Vitest suite runs
// axe on (frontend/src/test/subjectAccessPage.test.ts), the page this code writes:
// run with UPDATE_GOLDEN=1 to rewrite it after changing the page.
func TestGoldenPage(t *testing.T) {
	recs, err := example().Records()
	if err != nil {
		t.Fatal(err)
	}
	page, err := HTML(Build(recs, madeAt, "Involve test"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "example.html")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(want, page) {
		t.Fatalf("%s is not the page this code writes (%v): run UPDATE_GOLDEN=1 go test ./app/subjectaccess", path, err)
	}
}
