package involve_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func dim(basis string, counts map[string]int) *involve.TallyDim {
	return &involve.TallyDim{Basis: basis, Counts: counts}
}

func TestReferenceReachLists(t *testing.T) {
	ref := involve.Reference()
	for name, list := range map[string][]involve.RefItem{
		"sexes": ref.Sexes, "genderSameAsBirth": ref.GenderSameAsBirth, "sexualOrientations": ref.SexualOrientations,
		"religions": ref.Religions, "disabilities": ref.Disabilities, "unpaidCarers": ref.UnpaidCarers, "imdDeciles": ref.IMDDeciles,
	} {
		if len(list) < 3 || list[len(list)-1].Code != involve.PreferNotToSay {
			t.Errorf("%s: want Prefer not to say last, got %+v", name, list)
		}
	}
	if n := len(ref.IMDDeciles); n != 11 {
		t.Errorf("IMD deciles: %d items", n)
	}
	for _, q := range involve.ReachQuestions() {
		if q.Items[len(q.Items)-1].Code != involve.PreferNotToSay {
			t.Errorf("question %s has no Prefer not to say", q.Code)
		}
	}
}

func TestTallyID(t *testing.T) {
	a, b := involve.TallyIDFor("s1"), involve.TallyIDFor(" s1 ")
	if a != b || a == involve.TallyIDFor("s2") || len(a) != 36 {
		t.Fatalf("ids %s %s", a, b)
	}
	// fixed forever: two laptops (and two versions) must agree
	if got, want := involve.TallyIDFor("01890a5d-ac96-774b-bcce-b302099a8057"), involve.TallyIDFor("01890a5d-ac96-774b-bcce-b302099a8057"); got != want {
		t.Fatal("not deterministic")
	}
}

func TestTallyValidate(t *testing.T) {
	t.Run("Normalizes", func(t *testing.T) {
		tl := involve.Tally{SessionID: " s ", FormsReturned: 3,
			AgeBand: dim("", map[string]int{"25_34": 4, "": 2, "not_stated": 1, "18_24": 0}),
			Sex:     dim(involve.BasisEstimated, map[string]int{"female": 0}),
		}
		if err := tl.Validate(); err != nil {
			t.Fatal(err)
		}
		if tl.SessionID != "s" || tl.Sex != nil || tl.AgeBand.Basis != involve.BasisSelfReported {
			t.Fatalf("%+v", tl)
		}
		if got := tl.AgeBand.Counts; len(got) != 2 || got["25_34"] != 4 || got[involve.NotStated] != 3 {
			t.Fatalf("counts %v", got)
		}
		// empty questions are left out of the state: a laptop that did not touch them
		// changes nothing when two tallies merge
		b, _ := json.Marshal(&tl)
		if strings.Contains(string(b), `"sex"`) || strings.Contains(string(b), `"religion"`) {
			t.Fatalf("state %s", b)
		}
	})
	for _, c := range []struct {
		name  string
		tally involve.Tally
		field string
	}{
		{"ErrSessionRequired", involve.Tally{}, "sessionId"},
		{"ErrFormsNegative", involve.Tally{SessionID: "s", FormsReturned: -1}, "formsReturned"},
		{"ErrCountNegative", involve.Tally{SessionID: "s", Religion: dim("", map[string]int{"none": -2})}, "religion"},
		{"ErrCountHuge", involve.Tally{SessionID: "s", Religion: dim("", map[string]int{"none": 2_000_000})}, "religion"},
		{"ErrUnknownCode", involve.Tally{SessionID: "s", Sex: dim("", map[string]int{"robot": 1})}, "sex"},
		{"ErrCodeOfAnotherList", involve.Tally{SessionID: "s", Ethnicity: dim("", map[string]int{"white": 1})}, "ethnicity"},
		{"ErrBasis", involve.Tally{SessionID: "s", Sex: dim("guessed", map[string]int{"male": 1})}, "sex"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.tally.Validate()
			if involve.ErrorCode(err) != involve.EINVALID {
				t.Fatalf("got %v", err)
			}
			fields := involve.ErrorFields(err)
			if len(fields) == 0 || fields[0].Field != c.field {
				t.Fatalf("fields %+v, want %s", fields, c.field)
			}
		})
	}
	t.Run("PlusGroupsPreferNotToSay", func(t *testing.T) {
		tl := involve.Tally{SessionID: "s", PlusGroups: dim("", map[string]int{"carers": 2, involve.PreferNotToSay: 1})}
		if err := tl.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestTallyWarnings(t *testing.T) {
	tl := &involve.Tally{SessionID: "s", FormsReturned: 12,
		AgeBand:    dim("", map[string]int{"25_34": 8}),   // + 2 profiles = 10: adds up
		Sex:        dim("", map[string]int{"female": 5}),  // + 2 = 7: does not
		PlusGroups: dim("", map[string]int{"carers": 30}), // never checked
	}
	profiles := []*involve.Attendee{{SessionID: "s"}, {SessionID: "s"}}
	got := involve.TallyWarnings(10, tl, profiles)
	if len(got) != 2 || got[0].Field != "sex" || got[0].Message != "Sex adds up to 7, but the total attendees is 10" || got[1].Field != "formsReturned" {
		t.Fatalf("warnings %+v", got)
	}
	if got := involve.TallyWarnings(0, tl, nil); len(got) != 1 || got[0].Field != "attendees" {
		t.Fatalf("no total: %+v", got)
	}
	if got := involve.TallyWarnings(1, nil, profiles); len(got) != 1 || got[0].Field != "profiles" {
		t.Fatalf("profiles: %+v", got)
	}
	if got := involve.TallyWarnings(0, nil, nil); len(got) != 0 {
		t.Fatalf("nothing counted: %+v", got)
	}
}

func TestAttendeeValidate(t *testing.T) {
	a := involve.Attendee{SessionID: "s", AgeBand: " 25_34 ", Ethnicity: "roma", IMDDecile: "2", PlusGroups: []string{"carers", "carers", ""}}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if a.AgeBand != "25_34" || len(a.PlusGroups) != 1 || involve.EthnicGroupOf(a.Ethnicity) != "white" {
		t.Fatalf("%+v", a)
	}
	bad := involve.Attendee{SessionID: "s", Sex: "x", IMDDecile: "11", Religion: involve.NotStated, PlusGroups: []string{"carers", involve.PreferNotToSay}}
	fields := involve.ErrorFields(bad.Validate())
	var names []string
	for _, f := range fields {
		names = append(names, f.Field)
	}
	if strings.Join(names, ",") != "sex,religion,imdDecile,plusGroups" {
		t.Fatalf("fields %v", names)
	}
	if err := (&involve.Attendee{}).Validate(); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatal("profile without a session accepted")
	}
}

func count(d *involve.ReachDimension, code string) int {
	for _, c := range d.Categories {
		if c.Code == code {
			return c.N
		}
	}
	return -1
}

func TestReach(t *testing.T) {
	b := involve.NewReachBuilder()
	s1 := &involve.Session{Meta: involve.Meta{ID: "s1"}, SessionInput: involve.SessionInput{Attendees: 20, Borough: "E09000022"}}
	s2 := &involve.Session{Meta: involve.Meta{ID: "s2"}, SessionInput: involve.SessionInput{Attendees: 0, Borough: "outside_london"}}
	s3 := &involve.Session{Meta: involve.Meta{ID: "s3"}, SessionInput: involve.SessionInput{Attendees: 7}} // nothing counted
	b.AddSession(s1)
	b.AddSession(s2)
	b.AddSession(s3)
	// s1: 20 attendees; 16 tallied by ethnicity (estimated), 2 profiles; IMD from profiles only
	b.AddTally(&involve.Tally{SessionID: "s1", FormsReturned: 2,
		Ethnicity:  dim(involve.BasisEstimated, map[string]int{"white_british": 6, "african": 4, "irish": 2, "prefer_not_to_say": 2, involve.NotStated: 2}),
		Borough:    dim(involve.BasisSelfReported, map[string]int{"E09000028": 10}),
		PlusGroups: dim(involve.BasisSelfReported, map[string]int{"carers": 3}),
	})
	b.AddAttendee(&involve.Attendee{SessionID: "s1", Ethnicity: "white_british", IMDDecile: "1", PlusGroups: []string{"carers", "homeless"}})
	b.AddAttendee(&involve.Attendee{SessionID: "s1", Ethnicity: "indian", IMDDecile: "7", Borough: "E09000028"})
	b.AddAttendee(&involve.Attendee{SessionID: "s1", Ethnicity: "indian", Meta: involve.Meta{DeletedAt: "2026-01-01T00:00:00.000Z"}})
	// s2: attendees left at 0: people reached from the largest count (5 + 1 profile)
	b.AddTally(&involve.Tally{SessionID: "s2", AgeBand: dim("", map[string]int{"18_24": 5})})
	b.AddAttendee(&involve.Attendee{SessionID: "s2", AgeBand: "16_17", Ethnicity: "caribbean", IMDDecile: "2"})
	// not in the builder: ignored
	b.AddTally(&involve.Tally{SessionID: "other", AgeBand: dim("", map[string]int{"18_24": 50})})
	b.AddAttendee(&involve.Attendee{SessionID: "other", Ethnicity: "arab"})

	r := b.Reach()
	if r.Sessions != 3 || r.SessionsCounted != 2 || r.PeopleReached != 20+6+7 || r.Profiles != 3 || r.FormsReturned != 2 {
		t.Fatalf("reach %+v", r)
	}
	eth := r.Dimension("ethnicity")
	// s1: 16 tallied + 2 profiles = 18 of 20: 2 more Not stated; s2: 1 profile of 6: 5; s3: 7
	if count(eth, "white_british") != 7 || count(eth, "indian") != 1 || count(eth, "caribbean") != 1 ||
		count(eth, "") != 2+2+5+7 || eth.Total != 33 || eth.Estimated != 16 || eth.SelfReported != 3 {
		t.Fatalf("ethnicity %+v", eth)
	}
	grp := r.Dimension("ethnicGroup")
	if count(grp, "white") != 9 || count(grp, "black") != 5 || count(grp, "asian") != 1 || count(grp, "prefer_not_to_say") != 2 || grp.Total != 33 {
		t.Fatalf("ethnic groups %+v", grp)
	}
	// stated a category: 6+4+2 tallied, 2 live profiles (s1), 1 (s2) = 15; not White British: 15-7 = 8
	if r.EthnicMinority != (involve.Share{Num: 8, Den: 15}) {
		t.Fatalf("ethnic minority %+v", r.EthnicMinority)
	}
	// IMD known for 3 people, 2 of them in deciles 1–2
	if r.Core20 != (involve.Share{Num: 2, Den: 3}) {
		t.Fatalf("core20 %+v", r.Core20)
	}
	age := r.Dimension("ageBand")
	if count(age, "18_24") != 5 || count(age, "16_17") != 1 || count(age, "") != 20+7 || age.Total != 33 {
		t.Fatalf("age %+v", age)
	}
	plus := r.Dimension("plusGroups")
	if count(plus, "carers") != 4 || count(plus, "homeless") != 1 || plus.Total != 33 || count(plus, "") != 0 {
		t.Fatalf("plus %+v", plus)
	}
	var boroughs []string
	for _, it := range r.BoroughsCovered {
		boroughs = append(boroughs, it.Label)
	}
	if strings.Join(boroughs, ",") != "Lambeth,Southwark" {
		t.Fatalf("boroughs %v", boroughs)
	}

	one := b.SessionReach("s2")
	if one.Sessions != 1 || one.PeopleReached != 6 || one.Core20 != (involve.Share{Num: 1, Den: 1}) {
		t.Fatalf("session reach %+v", one)
	}
	if none := b.SessionReach("nope"); none.Sessions != 0 || none.PeopleReached != 0 || len(none.Dimensions) == 0 {
		t.Fatalf("unknown session %+v", none)
	}
}

func TestReachOtherAnswer(t *testing.T) {
	b := involve.NewReachBuilder()
	b.AddSession(&involve.Session{Meta: involve.Meta{ID: "s"}, SessionInput: involve.SessionInput{Attendees: 3}})
	// a code from a newer list (stored by a newer version of the app)
	b.AddAttendee(&involve.Attendee{SessionID: "s", Religion: "pastafarian", Ethnicity: "martian"})
	r := b.Reach()
	if rel := r.Dimension("religion"); count(rel, "other_answer") != 1 || count(rel, "") != 2 {
		t.Fatalf("religion %+v", rel)
	}
	if g := r.Dimension("ethnicGroup"); count(g, "other_answer") != 1 || r.EthnicMinority.Den != 0 {
		t.Fatalf("groups %+v %+v", g, r.EthnicMinority)
	}
}

// Each question's code is the JSON name of its Tally and Attendee fields, and Dim and
// Answer find those fields.
func TestReachQuestionFields(t *testing.T) {
	for _, q := range involve.ReachQuestions() {
		var tally involve.Tally
		if err := json.Unmarshal([]byte(`{"`+q.Code+`":{"basis":"estimated"}}`), &tally); err != nil {
			t.Fatal(err)
		}
		if d := tally.Dim(q.Code); d == nil || *d == nil || (*d).Basis != "estimated" {
			t.Errorf("Tally.Dim(%q) does not find the field %q", q.Code, q.Code)
		}
		answer := `"x"`
		if q.Multi {
			answer = `["x"]`
		}
		var a involve.Attendee
		if err := json.Unmarshal([]byte(`{"`+q.Code+`":`+answer+`}`), &a); err != nil {
			t.Fatal(err)
		}
		if got := a.Answer(q.Code); len(got) != 1 || got[0] != "x" {
			t.Errorf("Attendee.Answer(%q) = %q, want [x]", q.Code, got)
		}
	}
	var tally involve.Tally
	if d := tally.Dim("nope"); d != nil {
		t.Errorf("Tally.Dim(unknown) = %v, want nil", d)
	}
	var a involve.Attendee
	if got := a.Answer("nope"); len(got) != 1 || got[0] != "" {
		t.Errorf(`Attendee.Answer(unknown) = %q, want [""]`, got)
	}
}
