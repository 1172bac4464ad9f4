package servertest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/xlsx"
	"github.com/xuri/excelize/v2"
)

// ReportTeam is what a test pushed for one team through the sync API, with the counts
// a report must show, worked out by hand from what was pushed (not by the report code).
type ReportTeam struct {
	Device   *Device
	Name     string // "A" or "B": every title and text starts with it
	Projects []*involve.Project
	Sessions []*involve.Session
}

// PushReportData pushes, through the real sync API, a small data set for a team:
//
//	S1 2026-03-01 workshop    Lambeth   project P1, 12 attendees: 5 feedback items (+1 deleted)
//	S2 2026-04-10 focus_group Southwark project P2,  7 attendees: 3 feedback items
//	S3 2026-05-20 workshop    Lambeth   project P1, deleted after 2 feedback items
//
// Feedback texts are "<name> item <n>", all with quote consent.
func PushReportData(t testing.TB, d *Device, name string) *ReportTeam {
	t.Helper()
	rt := &ReportTeam{Device: d, Name: name}
	for i := 1; i <= 2; i++ {
		p := &involve.Project{}
		p.ID, p.Name, p.Aim = uuid.Must(uuid.NewV7()).String(), fmt.Sprintf("%s project %d", name, i), "To listen"
		rt.Projects = append(rt.Projects, p)
	}
	spec := []struct {
		date, typ, borough string
		project, attendees int
	}{{"2026-03-01", "workshop", "E09000022", 0, 12}, {"2026-04-10", "focus_group", "E09000028", 1, 7}, {"2026-05-20", "workshop", "E09000022", 0, 4}}
	for i, sp := range spec {
		s := &involve.Session{}
		s.ID = uuid.Must(uuid.NewV7()).String()
		s.Title, s.Date, s.Type, s.Mode, s.Borough, s.Status = fmt.Sprintf("%s session %d", name, i+1), sp.date, sp.typ, "in_person", sp.borough, "held"
		s.ProjectID, s.Attendees, s.Standards, s.AccessSupport = rt.Projects[sp.project].ID, sp.attendees, []string{}, []string{}
		rt.Sessions = append(rt.Sessions, s)
	}
	var changes []syncapi.Change
	for _, p := range rt.Projects {
		changes = append(changes, d.Change("project", p, 0))
	}
	for _, s := range rt.Sessions {
		changes = append(changes, d.Change("session", s, 0))
	}
	n := 0
	fb := func(s *involve.Session) *involve.Feedback {
		n++
		f := NewFeedback(fmt.Sprintf("%s item %d", name, n))
		f.SessionID, f.QuoteConsent = s.ID, true
		return f
	}
	var deleted *involve.Feedback
	for range 5 {
		changes = append(changes, d.Change("feedback", fb(rt.Sessions[0]), 0))
	}
	deleted = fb(rt.Sessions[0])
	changes = append(changes, d.Change("feedback", deleted, 0))
	for range 3 {
		changes = append(changes, d.Change("feedback", fb(rt.Sessions[1]), 0))
	}
	for range 2 {
		changes = append(changes, d.Change("feedback", fb(rt.Sessions[2]), 0))
	}
	for i, r := range d.Push(changes...) {
		if r.Status != syncapi.StatusApplied {
			t.Fatalf("push of change %d: %+v", i, r)
		}
	}
	// Delete one feedback item and session S3 (edits from their pushed revisions).
	deleted.DeletedAt = involve.FormatTime(d.E.Clock.Now())
	s3 := rt.Sessions[2]
	s3.DeletedAt = deleted.DeletedAt
	for i, r := range d.Push(d.Change("feedback", deleted, deleted.Rev), d.Change("session", s3, s3.Rev)) {
		if r.Status != syncapi.StatusApplied {
			t.Fatalf("push of deletion %d: %+v", i, r)
		}
	}
	return rt
}

// reportCounts are the figures for a filter, by hand from PushReportData.
var reportCounts = map[string]struct{ sessions, feedback, people int }{
	"":                                  {2, 8, 19},
	"from=2026-04-01":                   {1, 3, 7},
	"to=2026-03-31":                     {1, 5, 12},
	"type=workshop":                     {1, 5, 12},
	"borough=E09000028":                 {1, 3, 7},
	"from=2026-03-01&to=2026-04-10":     {2, 8, 19},
	"from=2026-06-01":                   {0, 0, 0},
	"type=workshop&borough=E09000028":   {0, 0, 0},
	"from=2026-01-01&borough=E09000022": {1, 5, 12},
}

// Workbook is a downloaded workbook, reopened.
type Workbook struct {
	*excelize.File
	t testing.TB
}

// OpenWorkbook reopens a workbook from its bytes (excelize.OpenReader).
func OpenWorkbook(t testing.TB, body []byte) *Workbook {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the answer is not a workbook (%d bytes, starts %q): %v", len(body), body[:min(len(body), 40)], err)
	}
	t.Cleanup(func() { x.Close() })
	return &Workbook{File: x, t: t}
}

// Headline returns a Summary figure's value cell by its label ("Sessions held").
func (w *Workbook) Headline(label string) string {
	w.t.Helper()
	rows, err := w.GetRows(xlsx.SheetSummary)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) >= 2 && r[0] == label {
			return r[1]
		}
	}
	w.t.Fatalf("no headline figure %q on the Summary sheet", label)
	return ""
}

// Count is a headline figure as a number.
func (w *Workbook) Count(label string) int {
	w.t.Helper()
	v := w.Headline(label)
	n, err := strconv.Atoi(strings.ReplaceAll(v, ",", ""))
	if err != nil {
		w.t.Fatalf("headline %q = %q, not a whole number", label, v)
	}
	return n
}

// CellsWith counts the cells of a sheet (and its continuations) that start with prefix.
func (w *Workbook) CellsWith(sheet, prefix string) int {
	w.t.Helper()
	n := 0
	for _, name := range w.GetSheetList() {
		if name != sheet && !strings.HasPrefix(name, sheet+" (") {
			continue
		}
		rows, err := w.GetRows(name)
		if err != nil {
			w.t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				if strings.HasPrefix(c, prefix) {
					n++
				}
			}
		}
	}
	return n
}

// WorkbookText is every cell of every sheet, for "this never appears" checks.
func (w *Workbook) WorkbookText() string {
	var b strings.Builder
	for _, name := range w.GetSheetList() {
		rows, _ := w.GetRows(name)
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t"))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func reportSetup(t *testing.T, open Open) (*Env, *ReportTeam, *ReportTeam) {
	e := NewEnv(t, open)
	ta, tb := e.Team("Alpha"), e.Team("Beta")
	a := PushReportData(t, e.EnrolAs(ta.ID, involve.RoleNameLead), "A")
	b := PushReportData(t, e.EnrolAs(tb.ID, involve.RoleNameLead), "B")
	// Team B has more, so that a count that mixes the teams shows.
	extra := PushReportData(t, b.Device, "B")
	b.Sessions = append(b.Sessions, extra.Sessions...)
	return e, a, b
}

// testReportWorkbook: the summary workbook counts the device's team only, with the
// filters applied, is not gzipped, and is named and typed as a download.
func testReportWorkbook(t *testing.T, open Open) {
	e, a, b := reportSetup(t, open)
	for _, d := range []*ReportTeam{a, b} {
		for q, want := range reportCounts {
			r := e.Do("GET", "/v1/reports/summary.xlsx?"+q, d.Device.Token, nil, "Accept-Encoding", "gzip")
			if r.Status != http.StatusOK {
				t.Fatalf("team %s, %q: status %d: %s", d.Name, q, r.Status, r.Body)
			}
			mult := 1
			if d == b {
				mult = 2 // team B pushed the data set twice
			}
			wb := OpenWorkbook(t, r.Body)
			if got := wb.Count("Sessions held"); got != mult*want.sessions {
				t.Errorf("team %s, %q: Sessions held %d, want %d", d.Name, q, got, mult*want.sessions)
			}
			if got := wb.Count("Feedback items"); got != mult*want.feedback {
				t.Errorf("team %s, %q: Feedback items %d, want %d", d.Name, q, got, mult*want.feedback)
			}
			if got := wb.CellsWith(xlsx.SheetFeedback, d.Name+" item "); got != mult*want.feedback {
				t.Errorf("team %s, %q: %d feedback rows, want %d", d.Name, q, got, mult*want.feedback)
			}
			other := "B"
			if d == b {
				other = "A"
			}
			if text := wb.WorkbookText(); strings.Contains(text, other+" item ") || strings.Contains(text, other+" session ") ||
				strings.Contains(text, other+" project ") {
				t.Fatalf("team %s's workbook (%q) shows team %s's records", d.Name, q, other)
			}
		}
	}

	r := e.Do("GET", "/v1/reports/summary.xlsx?from=2026-03-01", a.Device.Token, nil, "Accept-Encoding", "gzip")
	if ct := r.Header.Get("Content-Type"); ct != server.XLSXContentType {
		t.Errorf("Content-Type %q", ct)
	}
	if ce := r.Header.Get("Content-Encoding"); ce != "" {
		t.Errorf("the workbook is sent with Content-Encoding %q: it is a zip already", ce)
	}
	if !bytes.HasPrefix(r.Body, []byte("PK\x03\x04")) {
		t.Errorf("the body is not a zip: %q", r.Body[:min(10, len(r.Body))])
	}
	disp, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
	if err != nil || disp != "attachment" || !strings.HasPrefix(params["filename"], "involve-alpha-") ||
		!strings.HasSuffix(params["filename"], "-summary-from-2026-03-01.xlsx") {
		t.Errorf("Content-Disposition %q (%v)", r.Header.Get("Content-Disposition"), err)
	}
	if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	wb := OpenWorkbook(t, r.Body)
	if got, want := strings.Join(wb.GetSheetList(), "|"), strings.Join(xlsx.Sheets, "|"); got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	if got := wb.CellsWith(xlsx.SheetSessions, "A session "); got != 2 {
		t.Errorf("Sessions sheet: %d sessions of team A, want 2 (S3 is deleted)", got)
	}
	if got := wb.Count("People reached"); got != 19 {
		t.Errorf("People reached %d, want 19", got)
	}
	// The project filter: one of the team's own projects.
	r = e.Do("GET", "/v1/reports/summary.xlsx?project="+url.QueryEscape(a.Projects[1].ID), a.Device.Token, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("project filter: %d %s", r.Status, r.Body)
	}
	if wb := OpenWorkbook(t, r.Body); wb.Count("Sessions held") != 1 || wb.Count("Feedback items") != 3 {
		t.Errorf("project filter: %d sessions, %d feedback; want 1, 3", wb.Count("Sessions held"), wb.Count("Feedback items"))
	}
	// Another team's project is just not there: nothing, not team B's records.
	r = e.Do("GET", "/v1/reports/summary.xlsx?project="+url.QueryEscape(b.Projects[0].ID), a.Device.Token, nil)
	if wb := OpenWorkbook(t, r.Body); wb.Count("Sessions held") != 0 || wb.Count("Feedback items") != 0 {
		t.Errorf("team B's project through team A's device: %d sessions, %d feedback", wb.Count("Sessions held"), wb.Count("Feedback items"))
	}

	// One audit line per export, with the filter.
	entries, err := e.Store.ListAudit(context.Background(), a.Device.Team.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	exports := 0
	for _, en := range entries {
		if en.Action == "export" {
			exports++
			if en.DeviceID != a.Device.ID || !strings.Contains(en.Detail, "summary.xlsx") {
				t.Errorf("export audit line %+v", en)
			}
		}
	}
	if exports != len(reportCounts)+3 {
		t.Errorf("%d export audit lines for team A, want %d", exports, len(reportCounts)+3)
	}
	if !strings.Contains(entries[2].Detail, `from="2026-03-01"`) || entries[2].Action != "export" {
		t.Errorf("audit of the export from 2026-03-01: %+v", entries[2])
	}
}

// testReportCSV: each CSV file, plain and gzipped, for the device's team only.
func testReportCSV(t *testing.T, open Open) {
	e, a, _ := reportSetup(t, open)
	for _, sheet := range xlsx.CSVSheets {
		for _, gz := range []bool{false, true} {
			enc := "identity"
			if gz {
				enc = "gzip"
			}
			r := e.Do("GET", "/v1/reports/"+sheet+".csv?from=2026-04-01", a.Device.Token, nil, "Accept-Encoding", enc)
			if r.Status != http.StatusOK {
				t.Fatalf("%s.csv: %d %s", sheet, r.Status, r.Body)
			}
			if ct := r.Header.Get("Content-Type"); ct != server.CSVContentType {
				t.Errorf("%s.csv Content-Type %q", sheet, ct)
			}
			body := r.Body
			if gz {
				if r.Header.Get("Content-Encoding") != "gzip" {
					t.Fatalf("%s.csv not gzipped for a client that accepts gzip", sheet)
				}
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			} else if r.Header.Get("Content-Encoding") != "" {
				t.Errorf("%s.csv gzipped for a client that does not accept it", sheet)
			}
			_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
			if want := "-" + sheet + "-from-2026-04-01.csv"; !strings.HasSuffix(params["filename"], want) {
				t.Errorf("%s.csv file name %q, want …%s", sheet, params["filename"], want)
			}
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
			if err != nil {
				t.Fatalf("%s.csv: %v\n%s", sheet, err, body)
			}
			text := string(body)
			switch sheet {
			case "sessions":
				if len(rows) != 2 || !strings.Contains(text, "A session 2") || strings.Contains(text, "B session") {
					t.Errorf("sessions.csv: %d rows, want a header and A session 2:\n%s", len(rows), text)
				}
			case "feedback":
				if len(rows) != 4 || strings.Count(text, "A item ") != 3 || strings.Contains(text, "B item") {
					t.Errorf("feedback.csv: %d rows, want a header and 3 of team A's items:\n%s", len(rows), text)
				}
			}
		}
	}
	wantError(t, e.Do("GET", "/v1/reports/notes.csv", a.Device.Token, nil), 404, syncapi.ENOTFOUND)
	wantError(t, e.Do("GET", "/v1/reports/summary.pdf", a.Device.Token, nil), 404, syncapi.ENOTFOUND)
	wantError(t, e.Do("GET", "/v1/reports/feedback.csv?to=someday", a.Device.Token, nil), 400, syncapi.EINVALID)
}

// testReportRefused: bad filters are 400 JSON before anything is written; a team
// parameter is refused; no token, a wrong one and a revoked device are 401.
func testReportRefused(t *testing.T, open Open) {
	e, a, b := reportSetup(t, open)
	tok := a.Device.Token
	for _, q := range []string{"from=2026-02-30", "to=yesterday", "from=2026-05-01&to=2026-04-01", "borough=Narnia",
		"type=party", "colour=blue", "from=2026-01-01&from=2026-02-01"} {
		r := e.Do("GET", "/v1/reports/summary.xlsx?"+q, tok, nil)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%q: Content-Type %q, want JSON", q, ct)
		}
		if r.Header.Get("Content-Disposition") != "" {
			t.Errorf("%q: an error answered as a download", q)
		}
		wantError(t, r, 400, syncapi.EINVALID)
	}
	msg := wantError(t, e.Do("GET", "/v1/reports/summary.xlsx?from=2026-02-30", tok, nil), 400, syncapi.EINVALID)
	if !strings.Contains(msg.Message, "Start date must be a real date") {
		t.Errorf("bad date message %q", msg.Message)
	}
	for _, q := range []string{"team=" + b.Device.Team.ID, "team=" + a.Device.Team.ID, "teamId=" + b.Device.Team.ID} {
		wantError(t, e.Do("GET", "/v1/reports/summary.xlsx?"+q, tok, nil), 403, syncapi.EFORBIDDEN)
		wantError(t, e.Do("GET", "/v1/reports/feedback.csv?"+q, tok, nil), 403, syncapi.EFORBIDDEN)
	}
	for _, p := range []string{"/v1/reports/summary.xlsx", "/v1/reports/feedback.csv", "/v1/reports/sessions.csv"} {
		r := e.Do("GET", p, "", nil)
		wantError(t, r, 401, syncapi.EUNAUTH)
		if r.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s 401 without WWW-Authenticate", p)
		}
		wantError(t, e.Do("GET", p, tok+"x", nil), 401, syncapi.EUNAUTH)
	}
	// Refused requests are not exports.
	entries, _ := e.Store.ListAudit(context.Background(), a.Device.Team.ID, 0)
	for _, en := range entries {
		if en.Action == "export" {
			t.Errorf("a refused report was audited as an export: %+v", en)
		}
	}
	if err := e.Store.RevokeDevice(context.Background(), a.Device.ID, e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/v1/reports/summary.xlsx", "/v1/reports/feedback.csv"} {
		wantError(t, e.Do("GET", p, tok, nil), 401, syncapi.EUNAUTH)
	}
	// Team B's device still works.
	if r := e.Do("GET", "/v1/reports/sessions.csv", b.Device.Token, nil); r.Status != 200 {
		t.Errorf("team B after team A's device was revoked: %d %s", r.Status, r.Body)
	}
}

// failingStore fails every feedback page after the first (a database that goes away
// in the middle of a report).
type failingStore struct {
	serverstore.Store
	pages atomic.Int32
}

func (s *failingStore) RecordsAfter(ctx context.Context, teamID, entity, afterID string, limit int) ([]serverstore.Record, error) {
	if entity == involve.EntityFeedback && s.pages.Add(1) > 1 {
		return nil, errors.New("database went away")
	}
	return s.Store.RecordsAfter(ctx, teamID, entity, afterID, limit)
}

// testReportFailsMidStream: an error before the first byte is a JSON 500 (the
// workbook: excelize writes its zip at the end); an error after it aborts the
// connection, so the client sees a failed download and never a short file that looks
// complete (a CSV file is written as it is made).
func testReportFailsMidStream(t *testing.T, open Open) {
	st := open(t)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fs := &failingStore{Store: st}
	e := NewEnvOn(t, fs)
	d := e.EnrolAs(e.Team("T").ID, involve.RoleNameLead)
	rt := PushReportData(t, d, "A")
	// More than one page of feedback, and more than the CSV writer's buffer.
	var changes []syncapi.Change
	for i := range serverstore.RecordsPage + 100 {
		f := NewFeedback(fmt.Sprintf("A long item %d %s", i, strings.Repeat("words ", 50)))
		f.SessionID, f.QuoteConsent = rt.Sessions[0].ID, true
		changes = append(changes, d.Change("feedback", f, 0))
	}
	d.Push(changes...)

	fs.pages.Store(0)
	wantError(t, e.Do("GET", "/v1/reports/summary.xlsx", d.Token, nil), 500, syncapi.EINTERNAL)

	fs.pages.Store(0)
	req, _ := http.NewRequest("GET", e.Server.URL+"/v1/reports/feedback.csv", nil)
	req.Header.Set("Authorization", "Bearer "+d.Token)
	req.Header.Set("Accept-Encoding", "identity")
	res, err := e.Server.Client().Do(req)
	if err != nil {
		t.Fatalf("the download did not start: %v", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || len(body) == 0 {
		t.Fatalf("status %d after %d bytes: the test should fail after the first byte", res.StatusCode, len(body))
	}
	if err == nil {
		t.Errorf("a CSV download that failed half way read as complete (%d bytes, %d lines)", len(body), bytes.Count(body, []byte("\n")))
	}
}

// testReportDocs: a tally, an action, an outcome, a contributor and a time entry pushed
// through the real sync API appear in the team's workbook and CSV files (the
// contributor by pseudonym only), and never in another team's.
func testReportDocs(t *testing.T, open Open) {
	e, a, b := reportSetup(t, open)
	d := a.Device
	newID := func() string { return uuid.Must(uuid.NewV7()).String() }
	s1, p1 := a.Sessions[0], a.Projects[0] // 2026-03-01, 12 attendees
	tally := &involve.Tally{SessionID: s1.ID,
		Sex: &involve.TallyDim{Basis: involve.BasisSelfReported, Counts: map[string]int{"female": 8, "male": 4}}}
	tally.ID = involve.TallyIDFor(s1.ID)
	action := &involve.Action{SessionID: s1.ID, ProjectID: p1.ID, YouSaid: "A said: the signs are confusing", WeDid: "A did: new signs",
		Status: involve.ActionDone, CommunicatedOn: "2026-03-20", Channel: "newsletter", FeedbackIDs: []string{}}
	action.ID = newID()
	outcome := &involve.Outcome{ProjectID: p1.ID, Description: "A outcome: clinic hours changed", Direction: "positive",
		Magnitude: "decision_changed", ImpactOn: []string{"decision"}, Date: "2026-03-25",
		SessionIDs: []string{}, ActionIDs: []string{}, Standards: []string{}}
	outcome.ID = newID()
	contributor := &involve.Contributor{Name: "Alpha Secretname", Number: 1, LivedExperience: []string{}}
	contributor.ID = newID()
	consent := &involve.Consent{SubjectEntity: involve.EntityContributor, SubjectID: contributor.ID, Purposes: []string{"payments"},
		LawfulBasis: "consent", NoticeVersion: "v1", Method: "written", GivenAt: "2026-02-01", GivenBy: "Alpha"}
	consent.ID = newID()
	card := &involve.RateCard{Unit: "hour", AmountPence: 1800, Source: "Policy", EffectiveFrom: "2026-01-01"}
	card.ID = newID()
	entry := &involve.TimeEntry{ContributorID: contributor.ID, SessionID: s1.ID, Date: "2026-03-01", Unit: "hour",
		MinutesAttend: 150, RateCardID: card.ID, RatePence: 1800, FeePence: 4500, ClaimedOn: "2026-03-02", ApprovedOn: "2026-03-03",
		PaidOn: "2026-03-12", Route: "payroll"}
	entry.ID = newID()
	changes := []syncapi.Change{d.Change(involve.EntityTally, tally, 0), d.Change(involve.EntityAction, action, 0),
		d.Change(involve.EntityOutcome, outcome, 0), d.Change(involve.EntityContributor, contributor, 0),
		d.Change(involve.EntityConsent, consent, 0), d.Change(involve.EntityRateCard, card, 0),
		d.Change(involve.EntityTimeEntry, entry, 0)}
	for i, r := range d.Push(changes...) {
		if r.Status != syncapi.StatusApplied {
			t.Fatalf("push of doc %d (%s): %+v", i, changes[i].Entity, r)
		}
	}

	get := func(dev *Device, q string) *Workbook {
		t.Helper()
		r := e.Do("GET", "/v1/reports/summary.xlsx"+q, dev.Token, nil)
		if r.Status != http.StatusOK {
			t.Fatalf("summary.xlsx%s: %d %s", q, r.Status, r.Body)
		}
		return OpenWorkbook(t, r.Body)
	}
	wa := get(d, "")
	text := wa.WorkbookText()
	for _, want := range []string{action.YouSaid, action.WeDid, outcome.Description, "Contributor 1", "Female"} {
		if !strings.Contains(text, want) {
			t.Errorf("team A's workbook does not show %q", want)
		}
	}
	if strings.Contains(text, "Secretname") {
		t.Errorf("team A's workbook names the contributor")
	}
	if got := wa.Count("Actions completed"); got != 1 {
		t.Errorf("Actions completed %d, want 1", got)
	}
	if got := wa.Count("Outcomes by magnitude"); got != 1 {
		t.Errorf("Outcomes %d, want 1", got)
	}
	if got := wa.Headline("LEP hours"); got != "2.50" && got != "2.5" {
		t.Errorf("LEP hours %q, want 2.5", got)
	}
	rows, err := wa.GetRows(xlsx.SheetLEP, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) < 2 || rows[1][0] != "Contributor 1" || rows[1][4] != "45" || rows[1][9] != "10" {
		t.Errorf("LEP contribution rows %q %v", rows, err)
	}
	// Another period: the action, tally and time entry belong to S1 (1 March).
	if text := get(d, "?from=2026-04-01").WorkbookText(); strings.Contains(text, action.YouSaid) || strings.Contains(text, "Contributor 1") {
		t.Errorf("records of a session outside the period are in the workbook")
	}
	// Team B sees none of it.
	if text := get(b.Device, "").WorkbookText(); strings.Contains(text, "A said") || strings.Contains(text, "A outcome") ||
		strings.Contains(text, "Contributor 1") || strings.Contains(text, "Secretname") {
		t.Errorf("team B's workbook shows team A's records")
	}
	for _, dev := range []*Device{d, b.Device} {
		for _, sheet := range []string{"actions", "outcomes", "lep"} {
			r := e.Do("GET", "/v1/reports/"+sheet+".csv", dev.Token, nil, "Accept-Encoding", "identity")
			if r.Status != http.StatusOK {
				t.Fatalf("%s.csv: %d %s", sheet, r.Status, r.Body)
			}
			recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.Body, []byte("\uFEFF")))).ReadAll()
			if err != nil {
				t.Fatalf("%s.csv: %v", sheet, err)
			}
			want := 2
			if dev != d {
				want = 1
			}
			if len(recs) != want || strings.Contains(string(r.Body), "Secretname") {
				t.Errorf("%s.csv for team %s: %d lines, want %d:\n%s", sheet, dev.Team.Name, len(recs), want, r.Body)
			}
		}
	}
}
