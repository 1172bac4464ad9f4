package involve

import (
	"strconv"
	"time"
)

// PeopleReference is every list the Lived Experience Partner forms offer.
type PeopleReference struct {
	ContactPreferences   []RefItem `json:"contactPreferences"`
	PaymentRoutes        []RefItem `json:"paymentRoutes"`
	RateUnits            []RefItem `json:"rateUnits"`
	ConsentPurposes      []RefItem `json:"consentPurposes"`
	LawfulBases          []RefItem `json:"lawfulBases"`
	SpecialConditions    []RefItem `json:"specialConditions"`
	ConsentMethods       []RefItem `json:"consentMethods"`
	ConsentSubjects      []RefItem `json:"consentSubjects"`
	WithdrawnPurposesOff []string  `json:"withdrawnPurposesOff"`
}

// PeopleRef returns the shipped lists of the Lived Experience Partner forms.
func PeopleRef() PeopleReference { return peopleRef }

// Consent purposes.
const (
	PurposeAnalysis   = "analysis"
	PurposeEquality   = "equality_monitoring"
	PurposeQuotes     = "quotes"
	PurposePhotos     = "photos"
	PurposeRecontact  = "recontact"
	PurposePayments   = "payments"
	RouteDeclined     = "declined"
	UnitHour          = "hour"
	UnitHalfDay       = "half_day"
	UnitDay           = "day"
	UnitTask          = "task"
	MinutesPerHalfDay = 4 * 60
	MinutesPerDay     = 8 * 60
)

var peopleRef = PeopleReference{
	ContactPreferences: []RefItem{
		{Code: "email", Label: "Email"},
		{Code: "phone", Label: "Phone call"},
		{Code: "text", Label: "Text message"},
		{Code: "post", Label: "Post"},
		{Code: "via_organisation", Label: "Through a partner organisation"},
	},
	PaymentRoutes: []RefItem{
		{Code: "payroll", Label: "Payroll"},
		{Code: "supplier", Label: "Supplier invoice"},
		{Code: "voucher", Label: "Voucher"},
		{Code: RouteDeclined, Label: "Declined payment"},
	},
	RateUnits: []RefItem{
		{Code: UnitHour, Label: "Hour", Hint: "Fee = rate × total minutes ÷ 60, rounded to the nearest penny (halves up)"},
		{Code: UnitHalfDay, Label: "Half day", Hint: "One half day for each started 4 hours"},
		{Code: UnitDay, Label: "Day", Hint: "One day for each started 8 hours"},
		{Code: UnitTask, Label: "Task", Hint: "One fixed fee per entry, whatever the time"},
	},
	ConsentPurposes: []RefItem{
		{Code: PurposeAnalysis, Label: "Analysis of what they tell us"},
		{Code: PurposeEquality, Label: "Equality monitoring", Hint: "Special-category data: needs an Article 9 condition"},
		{Code: PurposeQuotes, Label: "Quoting their words"},
		{Code: PurposePhotos, Label: "Photos"},
		{Code: PurposeRecontact, Label: "Contacting them again"},
		{Code: PurposePayments, Label: "Paying them"},
	},
	LawfulBases: []RefItem{
		{Code: "consent", Label: "Consent", Hint: "UK GDPR Article 6(1)(a)"},
		{Code: "contract", Label: "Contract", Hint: "Article 6(1)(b)"},
		{Code: "legal_obligation", Label: "Legal obligation", Hint: "Article 6(1)(c)"},
		{Code: "vital_interests", Label: "Vital interests", Hint: "Article 6(1)(d)"},
		{Code: "public_task", Label: "Public task", Hint: "Article 6(1)(e)"},
		{Code: "legitimate_interests", Label: "Legitimate interests", Hint: "Article 6(1)(f)"},
	},
	SpecialConditions: []RefItem{
		{Code: "explicit_consent", Label: "Explicit consent", Hint: "Article 9(2)(a)"},
		{Code: "employment_social_protection", Label: "Employment, social security and social protection", Hint: "Article 9(2)(b)"},
		{Code: "vital_interests", Label: "Vital interests", Hint: "Article 9(2)(c)"},
		{Code: "not_for_profit", Label: "Not-for-profit bodies", Hint: "Article 9(2)(d)"},
		{Code: "made_public", Label: "Made public by the person", Hint: "Article 9(2)(e)"},
		{Code: "legal_claims", Label: "Legal claims or judicial acts", Hint: "Article 9(2)(f)"},
		{Code: "substantial_public_interest", Label: "Reasons of substantial public interest", Hint: "Article 9(2)(g)"},
		{Code: "health_social_care", Label: "Health or social care", Hint: "Article 9(2)(h)"},
		{Code: "public_health", Label: "Public health", Hint: "Article 9(2)(i)"},
		{Code: "archiving_research", Label: "Archiving, research and statistics", Hint: "Article 9(2)(j)"},
	},
	ConsentMethods: []RefItem{
		{Code: "written", Label: "Written (signed form)"},
		{Code: "verbal", Label: "Verbal (recorded by staff)"},
		{Code: "online", Label: "Online form"},
		{Code: "easy_read", Label: "Easy read form"},
		{Code: "bsl", Label: "British Sign Language"},
		{Code: "interpreter", Label: "Through an interpreter"},
		{Code: "other", Label: "Another way"},
	},
	ConsentSubjects: []RefItem{
		{Code: EntityContributor, Label: "Lived Experience Partner"},
		{Code: EntityFeedback, Label: "Feedback item (quote consent)"},
	},
	WithdrawnPurposesOff: []string{PurposeRecontact, PurposePhotos, PurposeQuotes},
}

var (
	contactPrefSet   = codeSet(peopleRef.ContactPreferences)
	paymentRouteSet  = codeSet(peopleRef.PaymentRoutes)
	rateUnitSet      = codeSet(peopleRef.RateUnits)
	purposeSet       = codeSet(peopleRef.ConsentPurposes)
	lawfulBasisSet   = codeSet(peopleRef.LawfulBases)
	specialCondSet   = codeSet(peopleRef.SpecialConditions)
	consentMethodSet = codeSet(peopleRef.ConsentMethods)
)

// unitLabel names a rate unit in messages ("hourly rate", "day rate").
func unitRateName(unit string) string {
	switch unit {
	case UnitHour:
		return "hourly rate"
	case UnitHalfDay:
		return "half-day rate"
	case UnitDay:
		return "day rate"
	case UnitTask:
		return "task rate"
	}
	return "rate"
}

// LongDate writes a YYYY-MM-DD date as NHS.UK content does: "3 March 2026".
func LongDate(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.Format("2 January 2006")
}

// Pounds writes pence as money: 2550 → "£25.50".
func Pounds(pence int64) string {
	sign := ""
	if pence < 0 {
		sign, pence = "-", -pence
	}
	p := pence % 100
	s := itoa(int(pence / 100))
	if p < 10 {
		return sign + "£" + s + ".0" + strconv.Itoa(int(p))
	}
	return sign + "£" + s + "." + strconv.Itoa(int(p))
}

// DaysBetween is the number of calendar days from a to b (YYYY-MM-DD; b before a gives
// a negative number).
func DaysBetween(a, b string) int {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// ContributorView is a contributor as lists and their page show them: once consent is
// withdrawn, pseudonymised (Contributor is then Pseudonymised()) and with no usable
// purpose but payments.
type ContributorView struct {
	Contributor
	Pseudonym string `json:"pseudonym"`
	Withdrawn bool   `json:"withdrawn"`
	// Purposes are those of the live consent records not withdrawn: what Involve may do
	// with this person's data now.
	Purposes     []string `json:"purposes"`
	CanRecontact bool     `json:"canRecontact"`
	CanUsePhotos bool     `json:"canUsePhotos"`
	CanQuote     bool     `json:"canQuote"`
	Consents     int      `json:"consents"`
}

// ViewContributor makes the view of c from its consent records.
func ViewContributor(c Contributor, consents []*Consent) ContributorView {
	v := ContributorView{Contributor: c, Pseudonym: c.Pseudonym(), Withdrawn: c.Withdrawn(), Purposes: []string{}}
	if v.LivedExperience == nil {
		v.LivedExperience = []string{}
	}
	for _, k := range consents {
		v.Consents++
		if k.Withdrawn() || k.DeletedAt != "" {
			continue
		}
		v.Purposes = uniqueCodes(append(v.Purposes, k.Purposes...))
	}
	if v.Withdrawn {
		v.Contributor = c.Pseudonymised()
		v.Purposes = []string{}
	}
	for _, p := range v.Purposes {
		switch p {
		case PurposeRecontact:
			v.CanRecontact = true
		case PurposePhotos:
			v.CanUsePhotos = true
		case PurposeQuotes:
			v.CanQuote = true
		}
	}
	return v
}

// TimeEntryView is a time entry as the log shows it.
type TimeEntryView struct {
	TimeEntry
	Minutes      int    `json:"minutes"`
	FeeDuePence  int64  `json:"feeDuePence"`
	ProjectName  string `json:"projectName"`
	SessionTitle string `json:"sessionTitle"`
}

// FeePreview is the fee a time entry would get, worked out as it is typed.
type FeePreview struct {
	RateCardID  string `json:"rateCardId"`
	RateTitle   string `json:"rateTitle"`
	RatePence   int64  `json:"ratePence"`
	Unit        string `json:"unit"`
	Minutes     int    `json:"minutes"`
	FeePence    int64  `json:"feePence"`
	FeeDuePence int64  `json:"feeDuePence"`
	Declined    bool   `json:"declined"`
	// Problem is why no fee can be worked out (no rate in force on the date), "" when
	// there is a fee.
	Problem string `json:"problem"`
}

// LEPTotal is one line of the Lived Experience Partner totals: time, fees and
// expenses, and how long claims took to be paid.
type LEPTotal struct {
	Key           string `json:"key"`   // contributor id, project id ("" none) or month (YYYY-MM)
	Label         string `json:"label"` // name (or pseudonym once consent is withdrawn), project name, "April 2026"
	Pseudonym     string `json:"pseudonym,omitempty"`
	Entries       int    `json:"entries"`
	Minutes       int    `json:"minutes"`
	FeesPence     int64  `json:"feesPence"`
	ExpensesPence int64  `json:"expensesPence"`
	PaidClaims    int    `json:"paidClaims"` // entries with both a claim and a payment date
	// MedianDaysToPay and MaxDaysToPay: days from claim to payment over PaidClaims.
	MedianDaysToPay float64 `json:"medianDaysToPay"`
	MaxDaysToPay    int     `json:"maxDaysToPay"`
}

// LEPTotals are the totals for a period (dates of the work, inclusive; "" open).
type LEPTotals struct {
	From          string     `json:"from"`
	To            string     `json:"to"`
	All           LEPTotal   `json:"all"`
	ByContributor []LEPTotal `json:"byContributor"`
	ByProject     []LEPTotal `json:"byProject"`
	ByMonth       []LEPTotal `json:"byMonth"`
}
