package xlsx

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// kind is how a column's values are written.
type kind int

const (
	kText  kind = iota // short text
	kWrap              // long text, wrapped
	kDate              // a date (time.Time): an Excel date; YYYY-MM-DD in CSV
	kInt               // a whole number
	kMoney             // money (a money value, in pence): £ with two decimals; 12.34 in CSV
	kHours             // time (an hours value, in minutes): hours with two decimals
	kDec               // a number that may have decimals (float64)
)

// money is an amount in whole pence, written as pounds (a number with a £ format).
type money int64

// hours is a time in minutes, written as hours (a number).
type hours int

func (m money) pounds() float64 { return float64(m) / 100 }
func (h hours) value() float64  { return float64(h) / 60 }

// text is money as CSV writes it: 1234 → "12.34" (exact, no float).
func (m money) text() string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return sign + strconv.FormatInt(int64(m)/100, 10) + "." + fmt.Sprintf("%02d", int64(m)%100)
}

// column is one column of a row sheet and its CSV file.
type column struct {
	Name  string
	Width float64
	Kind  kind
}

var sessionColumns = []column{
	{"Date", 12, kDate},
	{"Title", 32, kWrap},
	{"Project", 24, kWrap},
	{"Type", 20, kText},
	{"Mode", 11, kText},
	{"Borough", 18, kText},
	{"Involvement level", 13, kText},
	{"Status", 11, kText},
	{"Purpose", 40, kWrap},
	{"Intended outcome", 40, kWrap},
	{"Attendees", 11, kInt},
	{"LEPs present", 22, kWrap},
	{"UK Standards", 28, kWrap},
	{"Facilitators", 22, kWrap},
	{"Went well", 40, kWrap},
	{"To improve", 40, kWrap},
	{"Notes", 60, kWrap},
}

var feedbackColumns = []column{
	{"Date", 12, kDate},
	{"Session", 30, kWrap},
	{"Source", 16, kText},
	{"Rating", 20, kText},
	{"Sentiment", 11, kText},
	{"Themes", 28, kWrap},
	{"Quote consent", 9, kText},
	{"Needs response", 10, kText},
	{"Age band", 13, kText},
	{"Ethnic group", 28, kWrap},
	{"Borough", 18, kText},
	{"Text", 80, kWrap},
}

// Columns of the small row sheets (written with the normal cell API, involvement.go).
var (
	actionColumns = []column{
		{"You said", 40, kWrap}, {"We did", 40, kWrap}, {"Theme", 20, kText}, {"Owner", 18, kText},
		{"Due", 12, kDate}, {"Status", 13, kText}, {"Reason if not done", 30, kWrap},
		{"Decision influenced", 30, kWrap}, {"Communicated back on", 14, kDate}, {"Channel", 16, kText},
		{"Published", 10, kText},
	}
	outcomeColumns = []column{
		{"Date", 12, kDate}, {"Project", 24, kWrap}, {"Description", 40, kWrap}, {"Impact on", 16, kText},
		{"Direction", 11, kText}, {"Intended", 10, kText}, {"Magnitude", 15, kText}, {"Evidence", 30, kWrap},
		{"Contributor view", 30, kWrap}, {"Staff view", 30, kWrap}, {"UK Standards", 28, kWrap},
	}
	lepColumns = []column{
		{"Contributor (pseudonymised)", 20, kText}, {"Project", 24, kWrap}, {"Entries", 9, kInt}, {"Hours", 10, kHours},
		{"Fees £", 12, kMoney}, {"Expenses £", 12, kMoney}, {"Claimed £", 12, kMoney}, {"Paid £", 12, kMoney},
		{"Days from claim to payment (median)", 16, kDec}, {"Days from claim to payment (longest)", 16, kInt},
	}
)

// pass streams the source once, feeding the builder and handing each row's values to
// the caller, checking ctx and reporting progress as it goes.
type pass struct {
	ctx         context.Context
	src         report.Source
	f           report.Filter
	b           *report.Builder
	ref         involve.ReferenceData
	progress    func(done, total int)
	done, total int
	vals        []any
}

func newPass(ctx context.Context, src report.Source, f report.Filter, now time.Time, opt Options) (*pass, error) {
	b, err := report.NewBuilder(ctx, src, f, now)
	if err != nil {
		return nil, err
	}
	p := &pass{ctx: ctx, src: src, f: f, b: b, ref: involve.Reference(), progress: opt.Progress}
	if c, ok := src.(report.Counter); ok && opt.Progress != nil {
		s, fb, err := c.Count(ctx, f)
		if err != nil {
			return nil, err
		}
		p.total = s + fb
	}
	return p, nil
}

// tick counts a row: ctx is checked every 256 rows, progress reported every 1,000.
func (p *pass) tick() error {
	p.done++
	if p.done%256 == 0 {
		if err := p.ctx.Err(); err != nil {
			return err
		}
	}
	if p.done%1000 == 0 && p.progress != nil {
		p.progress(p.done, max(p.total, p.done))
	}
	return nil
}

// finish reports the final progress.
func (p *pass) finish() error {
	if err := p.ctx.Err(); err != nil {
		return err
	}
	if p.progress != nil {
		p.progress(p.done, max(p.total, p.done))
	}
	return nil
}

// sessions streams the sessions; fn (which may be nil) gets each row's values, a
// slice reused from row to row.
func (p *pass) sessions(fn func([]any) error) error {
	return p.src.Sessions(p.ctx, p.f, func(s *involve.Session) error {
		p.b.AddSession(s)
		if fn != nil {
			if err := fn(p.sessionRow(s)); err != nil {
				return err
			}
		}
		return p.tick()
	})
}

// feedback streams the feedback items (after sessions).
func (p *pass) feedback(fn func([]any) error) error {
	return p.src.Feedback(p.ctx, p.f, func(fb *involve.Feedback) error {
		p.b.AddFeedback(fb)
		if fn != nil {
			if err := fn(p.feedbackRow(fb)); err != nil {
				return err
			}
		}
		return p.tick()
	})
}

func (p *pass) row(n int) []any {
	if cap(p.vals) < n {
		p.vals = make([]any, n)
	}
	p.vals = p.vals[:n]
	clear(p.vals)
	return p.vals
}

func (p *pass) sessionRow(s *involve.Session) []any {
	r := p.ref
	v := p.row(len(sessionColumns))
	v[0] = dateValue(s.Date)
	v[1] = s.Title
	v[2] = p.b.ProjectName(s.ProjectID)
	v[3] = label(r.SessionTypes, s.Type)
	v[4] = label(r.SessionModes, s.Mode)
	v[5] = label(r.Boroughs, s.Borough)
	v[6] = label(r.InvolvementLevels, s.InvolvementLevel)
	v[7] = label(r.SessionStatuses, s.Status)
	v[8] = s.Purpose
	v[9] = s.IntendedOutcome
	v[10] = s.Attendees
	v[11] = s.LEPsPresent
	v[12] = standards(r, s.Standards)
	v[13] = s.Facilitators
	v[14] = s.WentWell
	v[15] = s.ToImprove
	v[16] = s.Notes
	return v
}

func (p *pass) feedbackRow(fb *involve.Feedback) []any {
	r := p.ref
	v := p.row(len(feedbackColumns))
	date, title, _ := p.b.Session(fb.SessionID)
	v[0] = dateValue(date)
	v[1] = title
	v[2] = label(r.FeedbackSources, fb.Source)
	if fb.Rating == nil {
		v[3] = "Not given"
	} else {
		v[3] = label(r.Ratings, strconv.Itoa(*fb.Rating))
	}
	v[4] = report.SentimentLabel(fb.Rating)
	themes := make([]string, 0, len(fb.Themes))
	for _, id := range fb.Themes {
		themes = append(themes, p.b.ThemeLabel(id))
	}
	v[5] = strings.Join(themes, "; ")
	v[6] = yesNo(fb.QuoteConsent)
	v[7] = yesNo(fb.NeedsResponse)
	if l := label(r.AgeBands, fb.AgeBand); l == fb.AgeBand && l != "" {
		v[8] = label(involve.LegacyAgeBands, fb.AgeBand)
	} else {
		v[8] = l
	}
	v[9] = label(r.EthnicGroups, fb.EthnicGroup)
	v[10] = label(r.Boroughs, fb.Borough)
	if fb.QuoteConsent {
		v[11] = fb.Text
	} else {
		v[11] = NoConsentText
	}
	return v
}

// label is a reference code's label ("" for no code; the code itself if unknown).
func label(items []involve.RefItem, code string) string {
	if code == "" {
		return ""
	}
	return involve.LabelOf(items, code)
}

func standards(r involve.ReferenceData, codes []string) string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		out = append(out, c+" "+label(r.Standards, c))
	}
	return strings.Join(out, "; ")
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// dateValue is a YYYY-MM-DD date as a time.Time (midnight UTC) for a date cell, or
// the text itself when it is not a date (nil when empty).
func dateValue(s string) any {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t
}
