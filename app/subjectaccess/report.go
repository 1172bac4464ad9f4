// Package subjectaccess answers a subject access request (UK GDPR Article 15) for one
// Lived Experience Partner: from the records that concern them (their details, every
// consent record naming them, their time and payment entries and the sessions those
// name) it builds one report and writes it twice, as a readable, self-contained HTML
// page and as a versioned JSON file. The laptop's store (app/store) and the server's
// command (cmd/involve-server) gather the records; this package decides what the file
// says, so both give the same file. It holds nothing about anyone else: the names of
// the staff who recorded things are left out (see Withheld).
package subjectaccess

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// Format and Version name the JSON file's format; Version goes up when a field's
// meaning changes or one is removed (a new field does not change it).
const (
	Format  = "involve-subject-access"
	Version = 1
)

// SessionRef is a session a time entry names: what the file shows of it.
type SessionRef struct {
	ID      string
	Title   string
	Date    string
	Deleted bool
}

// Records are every record concerning one partner, with sealed fields opened, deleted
// ones included (a deleted record is still held until it is purged).
type Records struct {
	Contributor involve.Contributor
	Consents    []involve.Consent   // every consent record whose subject is the partner
	TimeEntries []involve.TimeEntry // every time entry of the partner
	Sessions    map[string]SessionRef
	Projects    map[string]string // project names by id, for the time entries
	// Conflicts about the partner's record, their consent records or their time
	// entries (values opened): each holds two versions of one of their fields.
	Conflicts []involve.Conflict
}

// Collector picks the records concerning one partner out of a stream of a team's
// records (the server reads them this way). Records of other kinds, or of other
// people, are dropped.
type Collector struct {
	id        string
	found     bool
	rec       Records
	sessions  map[string]SessionRef
	projects  map[string]string
	conflicts []involve.Conflict
}

// NewCollector collects the records of the partner contributorID.
func NewCollector(contributorID string) *Collector {
	return &Collector{id: contributorID, sessions: map[string]SessionRef{}, projects: map[string]string{}}
}

// Add looks at one record (a pointer to an involve type, sealed fields opened).
func (c *Collector) Add(entity string, rec any) {
	switch r := rec.(type) {
	case *involve.Contributor:
		if r.ID == c.id {
			c.rec.Contributor, c.found = *r, true
		}
	case *involve.Consent:
		if r.SubjectEntity == involve.EntityContributor && r.SubjectID == c.id {
			c.rec.Consents = append(c.rec.Consents, *r)
		}
	case *involve.TimeEntry:
		if r.ContributorID == c.id {
			c.rec.TimeEntries = append(c.rec.TimeEntries, *r)
		}
	case *involve.Session:
		c.sessions[r.ID] = SessionRef{ID: r.ID, Title: r.Title, Date: r.Date, Deleted: r.DeletedAt != ""}
	case *involve.Project:
		c.projects[r.ID] = r.Name
	case *involve.Conflict:
		c.conflicts = append(c.conflicts, *r)
	}
}

// ErrNoPartner: there is no Lived Experience Partner with that id.
var ErrNoPartner = errors.New("there is no Lived Experience Partner with that id")

// Records returns what was collected: only the sessions and projects the partner's
// time entries name.
func (c *Collector) Records() (Records, error) {
	if !c.found {
		return Records{}, ErrNoPartner
	}
	r := c.rec
	r.Sessions, r.Projects = map[string]SessionRef{}, map[string]string{}
	r.Conflicts = ConflictsAbout(c.id, r.Consents, r.TimeEntries, c.conflicts)
	for _, e := range r.TimeEntries {
		if s, ok := c.sessions[e.SessionID]; ok {
			r.Sessions[s.ID] = s
		}
		if n, ok := c.projects[e.ProjectID]; ok {
			r.Projects[e.ProjectID] = n
		}
	}
	return r, nil
}

// ConflictsAbout keeps the conflicts about the partner's own record (contributorID),
// their consent records or their time entries.
func ConflictsAbout(contributorID string, consents []involve.Consent, entries []involve.TimeEntry, all []involve.Conflict) []involve.Conflict {
	ours := map[string]bool{involve.EntityContributor + "\x00" + contributorID: true}
	for _, k := range consents {
		ours[involve.EntityConsent+"\x00"+k.ID] = true
	}
	for _, e := range entries {
		ours[involve.EntityTimeEntry+"\x00"+e.ID] = true
	}
	var out []involve.Conflict
	for _, c := range all {
		if ours[c.Entity+"\x00"+c.RecordID] {
			out = append(out, c)
		}
	}
	return out
}

// Report is the file's content; its JSON form is the machine-readable file.
type Report struct {
	Format      string         `json:"format"`
	Version     int            `json:"version"`
	MadeAt      string         `json:"madeAt"` // RFC 3339 UTC
	MadeBy      string         `json:"madeBy"` // the program and where it ran
	About       string         `json:"about"`
	Partner     Partner        `json:"partner"`
	Consents    []Consent      `json:"consents"`
	TimeEntries []TimeEntry    `json:"timeEntries"`
	Sessions    []Session      `json:"sessionsAttended"`
	Conflicts   []Conflict     `json:"conflicts"`
	Linked      LinkedMentions `json:"actionsAndOutcomes"`
	Reasons     []string       `json:"whyInvolveHoldsThis"`
	Withheld    []string       `json:"leftOut"`
}

// Partner is the partner's own record, every field.
type Partner struct {
	ID                    string   `json:"id"`
	Pseudonym             string   `json:"pseudonym"`
	Name                  string   `json:"name"`
	ContactPreference     string   `json:"contactPreference"`
	ContactDetails        string   `json:"contactDetails"`
	AccessNeeds           string   `json:"accessNeeds"`
	Role                  string   `json:"role"`
	AgreementStart        string   `json:"agreementStart"`
	AgreementEnd          string   `json:"agreementEnd"`
	LivedExperience       []string `json:"livedExperience"`
	PaymentPreference     string   `json:"paymentPreference"`
	DeclinesPayment       bool     `json:"declinesPayment"`
	PublicSectorEmployee  bool     `json:"publicSectorEmployee"`
	BenefitsAdviceOffered bool     `json:"benefitsAdviceOffered"`
	ConsentWithdrawnAt    string   `json:"consentWithdrawnAt"`
	CreatedAt             string   `json:"createdAt"`
	UpdatedAt             string   `json:"updatedAt"`
	DeletedAt             string   `json:"deletedAt"`
}

// Consent is one consent record naming the partner (withdrawn ones too).
type Consent struct {
	ID               string   `json:"id"`
	Purposes         []string `json:"purposes"`
	LawfulBasis      string   `json:"lawfulBasis"`
	SpecialCondition string   `json:"specialCondition"`
	NoticeVersion    string   `json:"noticeVersion"`
	Method           string   `json:"method"`
	GivenAt          string   `json:"givenAt"`
	GivenBy          string   `json:"givenBy"`
	WithdrawnAt      string   `json:"withdrawnAt"`
	CreatedAt        string   `json:"createdAt"`
	UpdatedAt        string   `json:"updatedAt"`
	DeletedAt        string   `json:"deletedAt"`
}

// TimeEntry is one entry of the partner's time and payment log.
type TimeEntry struct {
	ID               string `json:"id"`
	Date             string `json:"date"`
	SessionID        string `json:"sessionId"`
	ProjectID        string `json:"projectId"`
	Project          string `json:"project"`
	Task             string `json:"task"`
	Unit             string `json:"unit"`
	MinutesPrep      int    `json:"minutesPrep"`
	MinutesAttend    int    `json:"minutesAttend"`
	MinutesFollowUp  int    `json:"minutesFollowUp"`
	MinutesTravel    int    `json:"minutesTravel"`
	RatePence        int64  `json:"ratePence"`
	FeePence         int64  `json:"feePence"`
	FeeOverridePence *int64 `json:"feeOverridePence"`
	OverrideReason   string `json:"overrideReason"`
	FeeDuePence      int64  `json:"feeDuePence"`
	ExpensesPence    int64  `json:"expensesPence"`
	ReceiptRef       string `json:"receiptRef"`
	ClaimedOn        string `json:"claimedOn"`
	ApprovedOn       string `json:"approvedOn"`
	PaidOn           string `json:"paidOn"`
	Route            string `json:"route"`
	CreatedAt        string `json:"createdAt"`
	UpdatedAt        string `json:"updatedAt"`
	DeletedAt        string `json:"deletedAt"`
}

// Session is a session the partner took part in as a partner (a time entry names it).
type Session struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Date    string `json:"date"`
	Deleted bool   `json:"deleted"`
}

// Conflict is one field of the partner's records edited on two devices at once: both
// values are kept until someone resolves it.
type Conflict struct {
	ID          string          `json:"id"`
	RecordKind  string          `json:"recordKind"` // contributor, consent or time_entry
	RecordID    string          `json:"recordId"`
	Field       string          `json:"field"`
	Base        json.RawMessage `json:"base"`
	WinnerValue json.RawMessage `json:"winnerValue"` // the value the record holds
	LoserValue  json.RawMessage `json:"loserValue"`  // the other value
	Status      string          `json:"status"`
	Resolution  string          `json:"resolution"`
	ResolvedAt  string          `json:"resolvedAt"`
	CreatedAt   string          `json:"createdAt"`
	DeletedAt   string          `json:"deletedAt"`
}

// LinkedMentions says whether actions and outcomes link to people.
type LinkedMentions struct {
	Linked bool   `json:"linked"`
	Note   string `json:"note"`
}

// linkNote: Involve's actions and outcomes have no field naming a partner.
const linkNote = "Involve's actions (\"you said, we did\") and outcomes are not linked to any person: " +
	"no action or outcome names a Lived Experience Partner, so none is listed here. " +
	"An outcome may quote partners' views in its free text; the team can search those on request."

// withheld is what the file leaves out, and why.
var withheld = []string{
	"The names of the staff who recorded, changed or withdrew these records, and the devices they used: " +
		"these are about staff, not about you. The team can tell you who handled your records if you ask.",
	"Records about other people, including other partners at the same sessions.",
	"The names of the staff on each side of a conflict (an edit made on two devices at once), and who resolved it.",
}

// Build makes the report of recs, made at now by madeBy ("Involve 1.4 on a lead's laptop").
func Build(recs Records, now time.Time, madeBy string) Report {
	c := recs.Contributor
	r := Report{Format: Format, Version: Version, MadeAt: involve.FormatTime(now), MadeBy: madeBy,
		About: "Everything Involve holds about one Lived Experience Partner, made to answer a subject access request " +
			"(UK GDPR Article 15).",
		Linked: LinkedMentions{Linked: false, Note: linkNote}, Withheld: withheld,
		Consents: []Consent{}, TimeEntries: []TimeEntry{}, Sessions: []Session{}, Conflicts: []Conflict{}, Reasons: []string{}}
	for _, k := range recs.Conflicts {
		r.Conflicts = append(r.Conflicts, Conflict{ID: k.ID, RecordKind: k.Entity, RecordID: k.RecordID, Field: k.Field,
			Base: rawOrNull(k.Base), WinnerValue: rawOrNull(k.Winner.Value), LoserValue: rawOrNull(k.Loser.Value),
			Status: k.Status, Resolution: k.Resolution, ResolvedAt: k.ResolvedAt, CreatedAt: k.CreatedAt, DeletedAt: k.DeletedAt})
	}
	lived := append([]string{}, c.LivedExperience...)
	r.Partner = Partner{ID: c.ID, Pseudonym: c.Pseudonym(), Name: c.Name, ContactPreference: c.ContactPreference,
		ContactDetails: c.ContactDetails, AccessNeeds: c.AccessNeeds, Role: c.Role, AgreementStart: c.AgreementStart,
		AgreementEnd: c.AgreementEnd, LivedExperience: lived, PaymentPreference: c.PaymentPreference,
		DeclinesPayment: c.DeclinesPayment, PublicSectorEmployee: c.PublicSectorEmployee,
		BenefitsAdviceOffered: c.BenefitsAdviceOffered, ConsentWithdrawnAt: c.ConsentWithdrawnAt,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, DeletedAt: c.DeletedAt}
	cons := append([]involve.Consent{}, recs.Consents...)
	sort.SliceStable(cons, func(i, j int) bool { return cons[i].GivenAt < cons[j].GivenAt })
	seen := map[string]bool{}
	for _, k := range cons {
		r.Consents = append(r.Consents, Consent{ID: k.ID, Purposes: append([]string{}, k.Purposes...),
			LawfulBasis: k.LawfulBasis, SpecialCondition: k.SpecialCondition, NoticeVersion: k.NoticeVersion,
			Method: k.Method, GivenAt: k.GivenAt, GivenBy: k.GivenBy, WithdrawnAt: k.WithdrawnAt,
			CreatedAt: k.CreatedAt, UpdatedAt: k.UpdatedAt, DeletedAt: k.DeletedAt})
		if k.DeletedAt != "" {
			continue
		}
		for _, reason := range reasons(k) {
			if !seen[reason] {
				seen[reason] = true
				r.Reasons = append(r.Reasons, reason)
			}
		}
	}
	es := append([]involve.TimeEntry{}, recs.TimeEntries...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Date < es[j].Date })
	sessions := map[string]bool{}
	for _, e := range es {
		r.TimeEntries = append(r.TimeEntries, TimeEntry{ID: e.ID, Date: e.Date, SessionID: e.SessionID,
			ProjectID: e.ProjectID, Project: recs.Projects[e.ProjectID], Task: e.Task, Unit: e.Unit,
			MinutesPrep: e.MinutesPrep, MinutesAttend: e.MinutesAttend, MinutesFollowUp: e.MinutesFollowUp,
			MinutesTravel: e.MinutesTravel, RatePence: e.RatePence, FeePence: e.FeePence,
			FeeOverridePence: e.FeeOverridePence, OverrideReason: e.OverrideReason, FeeDuePence: e.FeeDue(),
			ExpensesPence: e.ExpensesPence, ReceiptRef: e.ReceiptRef, ClaimedOn: e.ClaimedOn, ApprovedOn: e.ApprovedOn,
			PaidOn: e.PaidOn, Route: e.Route, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt, DeletedAt: e.DeletedAt})
		if s, ok := recs.Sessions[e.SessionID]; ok && !sessions[s.ID] {
			sessions[s.ID] = true
			r.Sessions = append(r.Sessions, Session{ID: s.ID, Title: s.Title, Date: s.Date, Deleted: s.Deleted})
		}
	}
	sort.SliceStable(r.Sessions, func(i, j int) bool { return r.Sessions[i].Date < r.Sessions[j].Date })
	return r
}

// reasons says in words why a consent record lets Involve hold the partner's data.
func reasons(k involve.Consent) []string {
	ref := involve.PeopleRef()
	var out []string
	for _, p := range k.Purposes {
		s := involve.LabelOf(ref.ConsentPurposes, p) + " (lawful basis: " + involve.LabelOf(ref.LawfulBases, k.LawfulBasis) + ")"
		if k.Withdrawn() {
			s += ": consent withdrawn " + dateOf(k.WithdrawnAt)
		}
		out = append(out, s)
	}
	if k.SpecialCondition != "" {
		out = append(out, "Special-category data (Article 9): "+involve.LabelOf(ref.SpecialConditions, k.SpecialCondition))
	}
	return out
}

func rawOrNull(v json.RawMessage) json.RawMessage {
	if len(v) == 0 || !json.Valid(v) {
		return json.RawMessage("null")
	}
	return append(json.RawMessage(nil), v...)
}

func dateOf(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}

// safeName keeps a file name to letters, digits and hyphens.
var safeName = regexp.MustCompile(`[^A-Za-z0-9-]+`)

// Files are the paths Write wrote.
type Files struct {
	HTML string `json:"html"`
	JSON string `json:"json"`
}

// Write writes the report into dir (made 0700 if it does not exist) as
// subject-access-<id>.html and .json, each readable by its owner only (0600). An
// existing file of the same name is replaced.
func Write(dir string, r Report) (Files, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Files{}, fmt.Errorf("make the folder %s: %w", dir, err)
	}
	base := filepath.Join(dir, "subject-access-"+safeName.ReplaceAllString(r.Partner.ID, "_"))
	f := Files{HTML: base + ".html", JSON: base + ".json"}
	js, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return Files{}, err
	}
	page, err := HTML(r)
	if err != nil {
		return Files{}, err
	}
	if err := writeFile(f.JSON, append(js, '\n')); err != nil {
		return Files{}, err
	}
	if err := writeFile(f.HTML, page); err != nil {
		os.Remove(f.JSON)
		return Files{}, err
	}
	return f, nil
}

// writeFile writes data to path through a temporary file, mode 0600.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".subject-access-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
