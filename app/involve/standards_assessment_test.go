package involve_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

const someUUID = "0190c5e2-7d4a-7b3c-8d2e-1f2a3b4c5d6e"

// sixRatings rates each standard amber, in reverse order (the record sorts them).
func sixRatings() []involve.StandardRating {
	var out []involve.StandardRating
	for i := 6; i >= 1; i-- {
		out = append(out, involve.StandardRating{Standard: string(rune('0' + i)), Rating: involve.RatingAmber})
	}
	return out
}

func validAssessment() involve.StandardsAssessment {
	return involve.StandardsAssessment{AssessedOn: "2026-11-30", Ratings: sixRatings()}
}

func TestStandardsAssessmentValid(t *testing.T) {
	a := validAssessment()
	a.Ratings[0].Evidence = "  Terms of reference agreed with partners\n"
	a.Ratings[0].Links = []string{" https://example.nhs.uk/board-minutes ", "", "session:" + someUUID, "action:" + someUUID,
		"outcome:" + someUUID, "https://example.nhs.uk/board-minutes"}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if a.Scope != involve.ScopeTeam {
		t.Errorf("scope %q, want the team by default", a.Scope)
	}
	for i, r := range a.Ratings {
		if r.Standard != string(rune('1'+i)) {
			t.Fatalf("ratings not in the standards' order: %+v", a.Ratings)
		}
	}
	six := a.Ratings[5]
	if six.Evidence != "Terms of reference agreed with partners" || len(six.Links) != 4 || six.Links[0] != "https://example.nhs.uk/board-minutes" {
		t.Errorf("rating not tidied: %+v", six)
	}
	if e, id, ok := involve.StandardLinkRecord(six.Links[2]); !ok || e != involve.EntityAction || id != someUUID {
		t.Errorf("record link: %q %q %v", e, id, ok)
	}
	if _, _, ok := involve.StandardLinkRecord(six.Links[0]); ok {
		t.Error("a web address is not a record link")
	}
	if !strings.Contains(a.Title(), "30 November 2026") {
		t.Errorf("title %q", a.Title())
	}
	for _, s := range involve.Reference().Standards {
		if involve.StandardStatements[s.Code] == "" {
			t.Errorf("standard %s has no statement", s.Code)
		}
	}
}

func TestStandardsAssessmentInvalid(t *testing.T) {
	long := strings.Repeat("x", involve.MaxText+1)
	for _, c := range []struct {
		name  string
		edit  func(a *involve.StandardsAssessment)
		field string
		msg   string
	}{
		{"NoDate", func(a *involve.StandardsAssessment) { a.AssessedOn = "" }, "assessedOn", "real date"},
		{"Future", func(a *involve.StandardsAssessment) { a.AssessedOn = "2999-01-01" }, "assessedOn", "today or in the past"},
		{"Scope", func(a *involve.StandardsAssessment) { a.Scope = "the ward" }, "scope", "whole team or a project"},
		{"PeriodBackwards", func(a *involve.StandardsAssessment) { a.From, a.To = "2026-04-01", "2026-03-31" }, "to", "after the start"},
		{"BadFrom", func(a *involve.StandardsAssessment) { a.From = "2026-02-30" }, "from", "real date"},
		{"FiveStandards", func(a *involve.StandardsAssessment) { a.Ratings = a.Ratings[:5] }, "ratings", "each of the 6"},
		{"SevenStandards", func(a *involve.StandardsAssessment) {
			a.Ratings = append(a.Ratings, involve.StandardRating{Standard: "1", Rating: "red"})
		}, "ratings", "each of the 6"},
		{"Twice", func(a *involve.StandardsAssessment) { a.Ratings[1].Standard = "6" }, "ratings.1.standard", "Governance: rate each standard once"},
		{"Unknown", func(a *involve.StandardsAssessment) { a.Ratings[2].Standard = "7" }, "ratings.2.standard", "select a UK Standard"},
		{"Rating", func(a *involve.StandardsAssessment) { a.Ratings[3].Rating = "purple" }, "ratings.3.rating", "Support and learning: select red, amber, green or not rated"},
		{"NoRating", func(a *involve.StandardsAssessment) { a.Ratings[3].Rating = "" }, "ratings.3.rating", "select red"},
		{"Evidence", func(a *involve.StandardsAssessment) { a.Ratings[0].Evidence = long }, "ratings.0.evidence", "5,000 characters or fewer"},
		{"NextSteps", func(a *involve.StandardsAssessment) { a.Ratings[0].NextSteps = long }, "ratings.0.nextSteps", "5,000 characters or fewer"},
		{"Script", func(a *involve.StandardsAssessment) { a.Ratings[0].Links = []string{"javascript:alert(1)"} }, "ratings.0.links", "https://"},
		{"File", func(a *involve.StandardsAssessment) { a.Ratings[0].Links = []string{"file:///etc/passwd"} }, "ratings.0.links", "https://"},
		{"NoHost", func(a *involve.StandardsAssessment) { a.Ratings[0].Links = []string{"https://"} }, "ratings.0.links", "https://"},
		{"Spaces", func(a *involve.StandardsAssessment) { a.Ratings[0].Links = []string{"https://a.nhs.uk/x y"} }, "ratings.0.links", "no spaces"},
		{"Password", func(a *involve.StandardsAssessment) {
			a.Ratings[0].Links = []string{"https://sam:secret@a.nhs.uk/"}
		}, "ratings.0.links", "user name or password"},
		{"LongLink", func(a *involve.StandardsAssessment) {
			a.Ratings[0].Links = []string{"https://a.nhs.uk/" + strings.Repeat("a", 500)}
		}, "ratings.0.links", "500 characters or fewer"},
		{"ElevenLinks", func(a *involve.StandardsAssessment) {
			for i := 0; i < 11; i++ {
				a.Ratings[0].Links = append(a.Ratings[0].Links, "https://a.nhs.uk/"+string(rune('a'+i)))
			}
		}, "ratings.0.links", "10 links or fewer"},
		{"BadRecord", func(a *involve.StandardsAssessment) { a.Ratings[0].Links = []string{"session:123"} }, "ratings.0.links", "does not name a session"},
		{"OtherRecord", func(a *involve.StandardsAssessment) {
			a.Ratings[0].Links = []string{"contributor:" + someUUID}
		}, "ratings.0.links", "https://"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := validAssessment()
			c.edit(&a)
			err := a.Validate()
			if involve.ErrorCode(err) != involve.EINVALID {
				t.Fatalf("want EINVALID, got %v", err)
			}
			for _, fe := range involve.ErrorFields(err) {
				if fe.Field == c.field && strings.Contains(fe.Message, c.msg) {
					return
				}
			}
			t.Errorf("want %s %q, got %+v", c.field, c.msg, involve.ErrorFields(err))
		})
	}
}
