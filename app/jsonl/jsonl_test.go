package jsonl_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

const dataset = "testdata/dataset-300.jsonl"

// countKinds counts the lines of each kind in the data set, independently of the importer.
func countKinds(t *testing.T, path string) map[string]int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var k struct{ Kind string }
		if err := json.Unmarshal(sc.Bytes(), &k); err != nil {
			t.Fatal(err)
		}
		n[k.Kind]++
	}
	return n
}

func TestImportDataset(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	f, _ := os.Open(dataset)
	defer f.Close()
	res, err := jsonl.Import(ctx, db, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	kinds := countKinds(t, dataset)
	if res.Records != kinds["session"]+kinds["feedback"] || res.Format != "dataset" {
		t.Fatalf("result %+v, kinds %v", res, kinds)
	}
	h, _ := db.Home(ctx)
	if h.Counts.Sessions != kinds["session"] || h.Counts.Feedback != kinds["feedback"] {
		t.Fatalf("counts %+v, want %v", h.Counts, kinds)
	}

	// spot-check the mapping of the first session and its first feedback line
	fh, _ := os.Open(dataset)
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	sc.Scan()
	var ds struct {
		ID, Title, Date, Borough, Type, Notes string
		Attendees                             int
	}
	json.Unmarshal(sc.Bytes(), &ds)
	sc.Scan()
	var df struct {
		ID, Comment, Channel string
		Rating               int
		Themes               []string
		AgeBand              string `json:"age_band"`
	}
	json.Unmarshal(sc.Bytes(), &df)
	s, err := db.FindSessionByID(ctx, ds.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != ds.Title || s.Date != ds.Date || s.Notes != ds.Notes || s.Attendees != ds.Attendees ||
		involve.LabelOf(involve.Reference().Boroughs, s.Borough) != ds.Borough {
		t.Fatalf("session mapped wrongly: %+v from %+v", s.SessionInput, ds)
	}
	fb, err := db.FindFeedbackByID(ctx, df.ID)
	if err != nil {
		t.Fatal(err)
	}
	if fb.Text != df.Comment || fb.Rating == nil || *fb.Rating != df.Rating || len(fb.Themes) != len(df.Themes) || fb.AgeBand == "" {
		t.Fatalf("feedback mapped wrongly: %+v from %+v", fb.FeedbackInput, df)
	}
	themes, _ := db.FindThemes(ctx, true)
	byID := map[string]string{}
	for _, th := range themes {
		byID[th.ID] = strings.ToLower(th.Label)
	}
	for i, id := range fb.Themes {
		if byID[id] != df.Themes[i] {
			t.Errorf("theme %d: %q, want %q", i, byID[id], df.Themes[i])
		}
	}
	// imported text is searchable (the index is built at the end of the import)
	word := strings.Fields(strings.Trim(df.Comment, ".,"))[0]
	hits, err := db.Search(ctx, word, 200)
	found := false
	for _, h := range hits {
		found = found || h.ID == df.ID
	}
	if err != nil || !found {
		t.Fatalf("search %q did not find imported feedback %s (%d hits, %v)", word, df.ID, len(hits), err)
	}
	if hits, _ := db.Search(ctx, ds.Title, 5); len(hits) == 0 || hits[0].Kind != "session" {
		t.Fatalf("search by session title %q: %+v", ds.Title, hits)
	}
	// every imported record is waiting to sync
	pending, _, _ := db.OutboxCounts(ctx)
	if pending < res.Records {
		t.Fatalf("outbox has %d entries for %d imported records", pending, res.Records)
	}

	t.Run("ReimportIsHarmless", func(t *testing.T) {
		f, _ := os.Open(dataset)
		defer f.Close()
		// data set lines carry no revision, so a second import writes new revisions
		// of the same ids: nothing may be duplicated
		if _, err := jsonl.Import(ctx, db, f, nil); err != nil {
			t.Fatal(err)
		}
		h2, _ := db.Home(ctx)
		if h2.Counts != h.Counts {
			t.Fatalf("re-import changed counts: %+v -> %+v", h.Counts, h2.Counts)
		}
		// replaced rows are re-indexed once, not twice
		hits2, _ := db.Search(ctx, word, 200)
		if len(hits2) != len(hits) {
			t.Fatalf("search after re-import: %d hits, before %d", len(hits2), len(hits))
		}
	})
}

func export(t *testing.T, db *store.DB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := jsonl.Export(context.Background(), db, &buf, "test"); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withoutHeader drops the first line (it holds the export time and device).
func withoutHeader(b []byte) string {
	_, rest, _ := bytes.Cut(b, []byte("\n"))
	return string(rest)
}

func TestRoundTripLossless(t *testing.T) {
	ctx := context.Background()
	a := storetest.Open(t)
	f, _ := os.Open(dataset)
	defer f.Close()
	if _, err := jsonl.Import(ctx, a, f, nil); err != nil {
		t.Fatal(err)
	}
	// give the data everything the app can hold: a project, edits, a tombstone, odd text
	p, _ := a.CreateProject(ctx, involve.ProjectInput{Name: "Co-design £5 \"quick\"", Core20Plus5: []string{"core20"}})
	s, _ := a.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: "A&E <5 mins – café", Date: "2026-01-05",
		Type: "co_design", Standards: []string{"2", "5"}})
	a.SaveSessionNotes(ctx, s.ID, "Line one\nLine two with emoji 🙂 and naïve")
	th, _ := a.CreateTheme(ctx, "Parking")
	f1, _ := a.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "=cmd()", Themes: []string{th.ID}, QuoteConsent: true})
	f2, _ := a.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "deleted later"})
	a.DeleteFeedback(ctx, f2.ID)
	a.RenameTheme(ctx, th.ID, "Parking and drop-off")
	_ = f1

	first := export(t, a)
	b := storetest.Open(t)
	res, err := jsonl.Import(ctx, b, bytes.NewReader(first), nil)
	if err != nil {
		t.Fatal(err)
	}
	// only the starter themes, identical in every database, are already there
	if res.Format != "involve" || res.Skipped != len(involve.StarterThemes) {
		t.Fatalf("import of export: %+v", res)
	}
	second := export(t, b)
	if withoutHeader(first) != withoutHeader(second) {
		t.Fatal("import → export → import is not lossless: the exports differ")
	}
	// and importing the export again into the same database changes nothing
	res, err = jsonl.Import(ctx, b, bytes.NewReader(first), nil)
	if err != nil || res.Written != 0 || res.Skipped != res.Records {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	if _, err := b.FindFeedbackByID(ctx, f2.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Fatalf("tombstone not carried over: %v", err)
	}
}

func TestImportErrors(t *testing.T) {
	ctx := context.Background()
	good, _ := os.ReadFile(dataset)
	lines := strings.Split(strings.TrimRight(string(good), "\n"), "\n")
	withLine := func(i int, repl string) string {
		c := append([]string(nil), lines...)
		c[i] = repl
		return strings.Join(c, "\n") + "\n"
	}
	cases := []struct {
		name, input string
		line        int
		want        string
	}{
		{"MalformedJSON", withLine(9, `{"kind":"feedback","id":`), 10, "not valid JSON"},
		{"UnknownField", withLine(4, strings.Replace(lines[4], `"comment"`, `"commnet"`, 1)), 5, "unknown field"},
		{"UnknownKind", withLine(2, `{"kind":"spaceship","id":"x"}`), 3, "unknown kind"},
		{"BadRating", withLine(3, strings.Replace(lines[3], `"rating":`, `"rating":9,"x":`, 1)), 4, ""},
		{"UnknownSession", withLine(5, strings.Replace(lines[5], lines[0][24:60], "00000000-0000-4000-8000-000000000000", 1)), 6, "session"},
		{"BadBorough", withLine(0, strings.Replace(lines[0], `"borough":"`, `"borough":"Atlantis`, 1)), 1, "borough"},
		{"WrongType", withLine(7, strings.Replace(lines[7], `"rating":`, `"rating":"five","y":`, 1)), 8, ""},
		// past the first batch of lines read ahead (pipeline.go), with blank lines
		{"LateUnknownField", "\n\n" + withLine(289, strings.Replace(lines[289], `"comment"`, `"commnet"`, 1)), 292, "unknown field"},
		// a problem found with the database (the session) on a line before one found
		// while reading ahead (JSON): the first line's is reported
		{"FirstProblemFirst", func() string {
			at := strings.Index(lines[279], `"session_id":"`) + len(`"session_id":"`)
			c := strings.Split(withLine(279, strings.Replace(lines[279], lines[279][at:at+36], "00000000-0000-4000-8000-000000000000", 1)), "\n")
			c[299] = `{"kind":"feedback","id":`
			return strings.Join(c, "\n")
		}(), 280, "session"},
		{"LateEmptyInput", strings.Repeat("\n", 600) + `{"kind":"feedback"`, 601, "not valid JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := storetest.Open(t)
			asLead(t, db)
			_, err := jsonl.Import(ctx, db, strings.NewReader(c.input), nil)
			var le *jsonl.LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a LineError", err)
			}
			if le.Line != c.line {
				t.Errorf("line %d, want %d (%v)", le.Line, c.line, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not mention %q", err, c.want)
			}
			h, _ := db.Home(ctx)
			if h.Counts.Sessions != 0 || h.Counts.Feedback != 0 {
				t.Fatalf("not all-or-nothing: %+v after a failed import", h.Counts)
			}
			if p, _, _ := db.OutboxCounts(ctx); p != 0 {
				t.Fatalf("outbox has %d entries after a failed import", p)
			}
		})
	}
}

// everyKind fills db with one record of every kind a database holds, tombstones and
// withdrawn consent included, through the store's own methods.
func everyKind(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Bus routes"})
	must(err)
	qs, err := db.CreateQuestionSet(ctx, questionSet())
	must(err)
	s, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: "Drop-in", Date: "2026-11-24", Type: "workshop", Attendees: 12,
		QuestionSets: []string{qs.ID}, NoFFT: true})
	must(err)
	f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "The 37 never comes", QuoteConsent: true})
	must(err)
	// a question set's translation, and a feedback item that is only answers
	_, err = db.SaveTranslation(ctx, &involve.Translation{Of: qs.ID, Language: "es", LanguageName: "Español",
		Texts: map[string]string{"name": "Encuesta de autobuses"}})
	must(err)
	_, _, err = db.CreateFeedbackWithAnswers(ctx, involve.FeedbackInput{SessionID: s.ID, Source: "comment_card"},
		[]involve.ResponseInput{{QuestionSetID: qs.ID, Language: "es", Answers: []involve.Answer{{Question: "often", Choices: []string{"daily"}}}}})
	must(err)
	consent := func(subjectEntity, subjectID string, purposes ...string) *involve.Consent {
		return &involve.Consent{SubjectEntity: subjectEntity, SubjectID: subjectID, Purposes: purposes, LawfulBasis: "consent",
			NoticeVersion: "v3", Method: "written", GivenAt: "2026-01-10", GivenBy: "Themselves"}
	}
	c, k, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Priya Shah", AccessNeeds: "Step-free", PaymentPreference: "payroll",
		LivedExperience: []string{"Carer"}}, consent("", "", "analysis", "payments"))
	must(err)
	c2, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Sam"}, consent("", "", "recontact"))
	must(err)
	_, err = db.WithdrawQuoteConsent(ctx, f.ID) // a consent record made and withdrawn, quoteConsent off
	must(err)
	r, err := db.CreateRateCard(ctx, &involve.RateCard{Unit: "hour", AmountPence: 2500, Source: "Policy £25", EffectiveFrom: "2026-01-01"})
	must(err)
	_, err = db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c.ID, SessionID: s.ID, Date: "2026-11-24", MinutesAttend: 90})
	must(err)
	fee := int64(1000)
	e2, err := db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c2.ID, Task: "Read papers", Date: "2025-06-01", MinutesPrep: 30,
		FeeOverridePence: &fee, OverrideReason: "Agreed"})
	must(err)
	must(db.DeleteDoc(ctx, involve.EntityTimeEntry, e2.ID))
	_, err = db.WithdrawConsent(ctx, k.ID) // the contributor is marked withdrawn
	must(err)
	_, err = db.SaveTally(ctx, s.ID, involve.Tally{}, involve.Tally{FormsReturned: 5,
		Sex: &involve.TallyDim{Basis: "estimated", Counts: map[string]int{involve.ReachQuestions()[1].Items[0].Code: 3}}})
	must(err)
	a, err := db.CreateAttendee(ctx, involve.Attendee{SessionID: s.ID, AgeBand: involve.ReachQuestions()[0].Items[2].Code})
	must(err)
	_, err = db.CreateAttendee(ctx, involve.Attendee{SessionID: s.ID})
	must(err)
	must(db.DeleteDoc(ctx, involve.EntityAttendee, a.ID))
	act, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{f.ID}, WeDid: "Asked for a new timetable", Status: "done"})
	must(err)
	gone, err := db.CreateAction(ctx, &involve.Action{YouSaid: "Deleted later"})
	must(err)
	must(db.DeleteDoc(ctx, involve.EntityAction, gone.ID))
	_, err = db.CreateOutcome(ctx, &involve.Outcome{ProjectID: p.ID, Description: "Timetable changed", Direction: "positive",
		Magnitude: "decision_changed", ActionIDs: []string{act.ID}, SessionIDs: []string{s.ID}, Standards: []string{"5"}})
	must(err)
	_ = r
	done, err := db.CreateAction(ctx, &involve.Action{YouSaid: "Signs", WeDid: "New signs", Status: involve.ActionDone})
	must(err)
	// an action's words in Polish (a translation of an action, not of a question set)
	_, err = db.SaveTranslation(ctx, &involve.Translation{Of: involve.ActionOf(done.ID), Language: "pl", LanguageName: "Polski",
		Texts: map[string]string{"youSaid": "Oznakowanie", "weDid": "Nowe znaki"}})
	must(err)
	_, err = db.RecordPublication(ctx, &involve.Publication{Format: involve.PublicationWebPage, Channel: "website",
		PublishedOn: "2026-11-30", ActionIDs: []string{done.ID}})
	must(err)
	// the register of requests is a lead's: the laptop is one
	asLead(t, db)
	_, err = db.CreatePrivacyRequest(ctx, &involve.PrivacyRequest{RequestType: "access", ReceivedOn: "2026-11-20", ReceivedVia: "email",
		ContributorID: c.ID})
	must(err)
	_, err = db.CreatePrivacyRequest(ctx, &involve.PrivacyRequest{RequestType: "erasure", ReceivedOn: "2026-11-21", ReceivedVia: "letter",
		Requester: "A former attendee's daughter", Status: "done", DoneOn: "2026-11-23", DoneBy: "Sam", ActionTaken: "Feedback item erased"})
	must(err)
	// The retention schedule and a hold: a lead's to set.
	_, err = db.SetRetentionRule(ctx, involve.RetentionRule{RecordKind: involve.RetainDeleted, Period: 60, Unit: involve.UnitDays, Anchor: involve.AnchorDeletion})
	must(err)
	_, err = db.KeepUntil(ctx, involve.RetentionHold{RecordEntity: involve.EntityAction, RecordID: gone.ID, RecordKind: involve.RetainDeleted,
		Until: "2099-01-01", Reason: "Priya Shah asked us to keep it"})
	must(err)
	// A self-assessment against the UK Standards: a lead's to make.
	sa := &involve.StandardsAssessment{AssessedOn: "2026-11-30", Scope: p.ID, From: "2026-04-01", To: "2026-11-30"}
	for _, std := range involve.Reference().Standards {
		sa.Ratings = append(sa.Ratings, involve.StandardRating{Standard: std.Code, Rating: involve.RatingAmber,
			Evidence: "Partners co-chair the group", Links: []string{"https://example.nhs.uk/minutes", "action:" + act.ID}, NextSteps: "Pay on time"})
	}
	_, err = db.CreateStandardsAssessment(ctx, sa)
	must(err)
	// An erasure, of a partner made for the purpose (a lead's, as above).
	c3, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Erased Person", PaymentPreference: "voucher"}, consent("", "", "payments"))
	must(err)
	_, err = db.Erase(ctx, involve.EntityContributor, c3.ID, "")
	must(err)
	// A benchmark population (a lead's to import).
	_, err = db.ImportBenchmarkPopulation(ctx, involve.BenchmarkPopulation{Name: "Census 2021", Source: "ONS", Year: 2021,
		Dimension: "borough"}, "category,count\nLambeth,317498\nSouthwark,307637\n")
	must(err)
}

// questionSet is a small question set: a required choice and an optional text.
func questionSet() *involve.QuestionSet {
	return &involve.QuestionSet{Name: "Bus survey", Purpose: "Your answers help us decide the new routes.",
		Questions: []involve.Question{
			{ID: "often", Type: involve.QuestionSingle, Text: "How often do you take the bus?", Required: true,
				Choices: []involve.Choice{{Code: "daily", Label: "Every day"}, {Code: "weekly", Label: "Every week"}}},
			{ID: "why", Type: involve.QuestionText, Text: "What would help you?"},
		}}
}

// asLead makes db a lead laptop, as a pull page from the server would.
func asLead(t *testing.T, db *store.DB) {
	t.Helper()
	if _, err := syncer.ApplyPull(context.Background(), db, syncapi.PullResponse{Role: involve.RoleNameLead}); err != nil {
		t.Fatal(err)
	}
}

// exportKinds counts an export's lines by kind, and tombstones by kind.
func exportKinds(t *testing.T, b []byte) (all, deleted map[string]int) {
	t.Helper()
	all, deleted = map[string]int{}, map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(withoutHeader(b)), "\n") {
		var k struct {
			Kind      string
			DeletedAt string `json:"deletedAt"`
		}
		if err := json.Unmarshal([]byte(line), &k); err != nil {
			t.Fatal(err)
		}
		all[k.Kind]++
		if k.DeletedAt != "" {
			deleted[k.Kind]++
		}
	}
	return all, deleted
}

// TestRoundTripEveryKind: every kind of record, the records of involvement included,
// with tombstones, goes through export → import → export unchanged, and a second
// import of the same file writes nothing.
func TestRoundTripEveryKind(t *testing.T) {
	ctx := context.Background()
	// two laptops of one team: the sealed fields of the export open on the second
	k, err := lockbox.NewTeamKey()
	if err != nil {
		t.Fatal(err)
	}
	defer k.Wipe()
	a := storetest.Open(t)
	if err := a.InstallTeamKey(ctx, k); err != nil {
		t.Fatal(err)
	}
	everyKind(t, a)
	first := export(t, a)
	all, deleted := exportKinds(t, first)
	for _, k := range involve.DocKinds() {
		if all[k.Entity] == 0 {
			t.Errorf("the export has no %s", k.Entity)
		}
	}
	for _, k := range []string{involve.EntityAttendee, involve.EntityAction, involve.EntityTimeEntry} {
		if deleted[k] == 0 {
			t.Errorf("the export has no deleted %s", k)
		}
	}
	b := storetest.Open(t)
	asLead(t, b)
	if err := b.InstallTeamKey(ctx, k); err != nil {
		t.Fatal(err)
	}
	asLead(t, b)
	res, err := jsonl.Import(ctx, b, bytes.NewReader(first), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped != len(involve.StarterThemes) || res.Written != res.Records-res.Skipped {
		t.Fatalf("import of the export: %+v", res)
	}
	second := export(t, b)
	if withoutHeader(first) != withoutHeader(second) {
		t.Fatalf("export → import → export is not lossless:\nfirst:\n%s\nsecond:\n%s", withoutHeader(first), withoutHeader(second))
	}
	res, err = jsonl.Import(ctx, b, bytes.NewReader(first), nil)
	if err != nil || res.Written != 0 || res.Skipped != res.Records {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	// the records read back as the app shows them
	cs, err := b.FindContributors(ctx)
	if err != nil || len(cs) != 3 {
		t.Fatalf("contributors after import: %+v %v", cs, err)
	}
	for _, c := range cs {
		if c.Erased() && c.Name != "Erased contributor 3" {
			t.Errorf("erased contributor imported as %q, want the pseudonym", c.Name)
		} else if c.Withdrawn && !c.Erased() && c.Name != "Contributor 1" {
			t.Errorf("withdrawn contributor imported as %q, want the pseudonym", c.Name)
		}
	}
}

// TestImportDocWithoutParent: a record of involvement whose parent (a tally's session,
// an attendee's session, an outcome's project, a time entry's or consent record's
// contributor, a quote consent's feedback item) is neither in the database nor earlier
// in the file fails the import at its line, naming the parent, and nothing of the
// file is written.
func TestImportDocWithoutParent(t *testing.T) {
	ctx := context.Background()
	src := storetest.Open(t)
	everyKind(t, src)
	// readable: the laptops below have keys of their own
	var clear bytes.Buffer
	if _, err := jsonl.ExportWith(ctx, src, &clear, jsonl.ExportOptions{AppVersion: "test", Decrypt: true}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(clear.String(), "\n"), "\n")
	for _, c := range []struct{ kind, field, parent string }{
		{involve.EntityTally, "sessionId", "session"},
		{involve.EntityAttendee, "sessionId", "session"},
		{involve.EntityOutcome, "projectId", "project"},
		{involve.EntityTimeEntry, "contributorId", "contributor"},
		{involve.EntityConsent, "subjectId", ""},
	} {
		t.Run(c.kind, func(t *testing.T) {
			i := -1
			for j, l := range lines {
				if strings.HasPrefix(l, `{"kind":"`+c.kind+`",`) {
					i = j
					break
				}
			}
			if i < 0 {
				t.Fatalf("no %s line in the export", c.kind)
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(lines[i]), &m); err != nil {
				t.Fatal(err)
			}
			m[c.field] = "00000000-0000-4000-8000-000000000000"
			b, _ := json.Marshal(m)
			input := append(append(append([]string{}, lines[:i]...), string(b)), lines[i+1:]...)
			db := storetest.Open(t)
			asLead(t, db)
			_, err := jsonl.Import(ctx, db, strings.NewReader(strings.Join(input, "\n")+"\n"), nil)
			var le *jsonl.LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a LineError", err)
			}
			if le.Line != i+1 || !strings.Contains(err.Error(), "00000000-0000-4000-8000-000000000000") ||
				!strings.Contains(err.Error(), c.parent) || !strings.Contains(err.Error(), "not in the database or earlier in the file") {
				t.Errorf("error %q at line %d, want line %d naming the missing %s", err, le.Line, i+1, c.parent)
			}
			h, _ := db.Home(ctx)
			if h.Counts.Sessions != 0 || h.Counts.Feedback != 0 {
				t.Fatalf("not all-or-nothing: %+v after a failed import", h.Counts)
			}
			for _, k := range involve.DocKinds() {
				if docs, _ := db.FindDocs(ctx, k.Entity, ""); len(docs) != 0 {
					t.Errorf("%d %s records after a failed import", len(docs), k.Entity)
				}
			}
			if p, _, _ := db.OutboxCounts(ctx); p != 0 {
				t.Fatalf("outbox has %d entries after a failed import", p)
			}
		})
	}
}

// TestImportLeadSettingsElsewhere: a lead laptop's export imports on a staff laptop (a
// new laptop, a move): the retention schedule and its holds, which only a lead may
// change, and the register of requests, which only a lead's laptop holds, are skipped (they come from the server at the next sync), not queued for a
// server that would refuse them, and the rest is imported.
func TestImportLeadSettingsElsewhere(t *testing.T) {
	ctx := context.Background()
	k, err := lockbox.NewTeamKey()
	if err != nil {
		t.Fatal(err)
	}
	defer k.Wipe()
	a := storetest.Open(t)
	if err := a.InstallTeamKey(ctx, k); err != nil {
		t.Fatal(err)
	}
	everyKind(t, a)
	first := export(t, a)
	b := storetest.Open(t)
	if err := b.InstallTeamKey(ctx, k); err != nil {
		t.Fatal(err)
	}
	res, err := jsonl.Import(ctx, b, bytes.NewReader(first), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped < 4 || res.Written+res.Skipped != res.Records {
		t.Errorf("import on a staff laptop: %+v, want the rule, the hold and the two requests skipped", res)
	}
	for _, e := range []string{involve.EntityRetentionRule, involve.EntityRetentionHold, involve.EntityPrivacyRequest} {
		if docs, _ := b.FindDocs(ctx, e, ""); len(docs) != 0 {
			t.Errorf("%d %s records stored on a staff laptop", len(docs), e)
		}
	}
	if s, _ := b.RetentionSchedule(ctx); s[6].Period != 30 {
		t.Errorf("the staff laptop's schedule changed: %+v", s[6])
	}
}
