package involve

import "time"

// PrivacyRequest is one entry of the register of information-rights requests (issue
// 13): what was asked (access, erasure, withdrawal of consent, rectification,
// objection), when and how it came in, by whom, when it is due, and what was done. It
// never holds the erased content itself. Who asked and what was done are sealed
// fields (SealedFields); the register is a lead's (HeldBy RoleLead).
type PrivacyRequest struct {
	Meta
	RequestType string `json:"requestType"` // access, erasure, withdrawal, rectification, objection
	ReceivedOn  string `json:"receivedOn"`  // YYYY-MM-DD
	ReceivedVia string `json:"receivedVia"` // email, letter, phone, in_person, other
	// ContributorID is the Lived Experience Partner who asked; Requester describes
	// anyone else who asked, in a few words (sealed). Exactly one is set.
	ContributorID string `json:"contributorId"`
	Requester     string `json:"requester"`
	// ExtendedMonths (0 to 2) extends the month allowed by up to two further months
	// (UK GDPR Article 12(3)); ExtensionReason says why (sealed).
	ExtendedMonths  int    `json:"extendedMonths"`
	ExtensionReason string `json:"extensionReason"`
	Status          string `json:"status"` // open, done, refused
	DoneOn          string `json:"doneOn"` // YYYY-MM-DD: when it was done or refused
	DoneBy          string `json:"doneBy"` // sealed
	// ActionTaken is what was done (sealed), never the erased content itself.
	ActionTaken   string `json:"actionTaken"`
	RefusalReason string `json:"refusalReason"` // sealed
}

// The kinds of request.
const (
	RequestAccess        = "access"
	RequestErasure       = "erasure"
	RequestWithdrawal    = "withdrawal"
	RequestRectification = "rectification"
	RequestObjection     = "objection"
)

// The states of a request.
const (
	RequestOpen    = "open"
	RequestDone    = "done"
	RequestRefused = "refused"
)

// MaxRequestExtension is the most a request's time may be extended, in months.
const MaxRequestExtension = 2

// RequestDueSoonDays: an open request due within this many days is "due soon".
const RequestDueSoonDays = 7

// PrivacyRequestTypes are the kinds of request, as the register names them.
var PrivacyRequestTypes = []RefItem{
	{Code: RequestAccess, Label: "Access", Hint: "A copy of their data (subject access)"},
	{Code: RequestErasure, Label: "Erasure"},
	{Code: RequestWithdrawal, Label: "Withdrawal of consent"},
	{Code: RequestRectification, Label: "Rectification", Hint: "Correcting their data"},
	{Code: RequestObjection, Label: "Objection", Hint: "To a use of their data"},
}

// PrivacyRequestChannels are the ways a request can come in.
var PrivacyRequestChannels = []RefItem{
	{Code: "email", Label: "Email"},
	{Code: "letter", Label: "Letter"},
	{Code: "phone", Label: "Phone"},
	{Code: "in_person", Label: "In person"},
	{Code: "other", Label: "Other"},
}

// PrivacyRequestStatuses are the states of a request.
var PrivacyRequestStatuses = []RefItem{
	{Code: RequestOpen, Label: "Open"},
	{Code: RequestDone, Label: "Done"},
	{Code: RequestRefused, Label: "Refused"},
}

var (
	requestTypeSet    = codeSet(PrivacyRequestTypes)
	requestChannelSet = codeSet(PrivacyRequestChannels)
	requestStatusSet  = codeSet(PrivacyRequestStatuses)
)

func (r *PrivacyRequest) DocMeta() *Meta    { return &r.Meta }
func (r *PrivacyRequest) DocEntity() string { return EntityPrivacyRequest }

// Parent is none: the partner is named softly, so the entry outlives their erasure.
func (r *PrivacyRequest) Parent() (string, string) { return "", "" }

// Title: "Erasure request received 3 March 2026" (never who asked).
func (r *PrivacyRequest) Title() string {
	return refLabel(PrivacyRequestTypes, r.RequestType, "Information rights") + " request received " + LongDate(r.ReceivedOn)
}

// DueBy is the date the answer is due: ExtendedMonths+1 calendar months after the day
// it was received ("" when that date is not valid).
func (r *PrivacyRequest) DueBy() string {
	ext := r.ExtendedMonths
	if ext < 0 || ext > MaxRequestExtension {
		ext = 0
	}
	return MonthsAfter(r.ReceivedOn, 1+ext)
}

// MonthsAfter is the date n calendar months after d (YYYY-MM-DD), by the ICO's rule for
// the time limit of a request: the corresponding calendar date of that month, or its
// last day when it has no such date (31 January + 1 month = 28 or 29 February). "" when
// d is not a real date.
func MonthsAfter(d string, n int) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil || len(d) != 10 {
		return ""
	}
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	day := t.Day()
	if last := first.AddDate(0, 1, -1).Day(); day > last {
		day = last
	}
	return time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// Validate tidies the request and returns an EINVALID error listing every problem.
func (r *PrivacyRequest) Validate() error {
	trimAll(&r.RequestType, &r.ReceivedOn, &r.ReceivedVia, &r.ContributorID, &r.Requester, &r.Status, &r.DoneOn, &r.DoneBy)
	r.ExtensionReason, r.ActionTaken, r.RefusalReason = trimText(r.ExtensionReason), trimText(r.ActionTaken), trimText(r.RefusalReason)
	if r.Status == "" {
		r.Status = RequestOpen
	}
	var p Problems
	if r.RequestType == "" {
		p.Add("requestType", "Select what was asked for")
	} else if !requestTypeSet[r.RequestType] {
		p.Add("requestType", "Select access, erasure, withdrawal of consent, rectification or objection")
	}
	switch {
	case r.ReceivedOn == "":
		p.Add("receivedOn", "Enter the date the request was received")
	case !ValidDate(r.ReceivedOn):
		p.Add("receivedOn", "Date received must be a real date")
	}
	if r.ReceivedVia == "" {
		p.Add("receivedVia", "Select how the request was received")
	} else if !requestChannelSet[r.ReceivedVia] {
		p.Add("receivedVia", "Select email, letter, phone, in person or other")
	}
	switch {
	case r.ContributorID == "" && r.Requester == "":
		p.Add("requester", "Select the Lived Experience Partner who asked, or describe who asked")
	case r.ContributorID != "" && r.Requester != "":
		p.Add("requester", "Select a Lived Experience Partner or describe who asked, not both")
	}
	checkRef(&p, "contributorId", "Select a Lived Experience Partner from the list", r.ContributorID)
	checkLen(&p, "requester", "Who asked", r.Requester, MaxShortText)
	if r.ExtendedMonths < 0 || r.ExtendedMonths > MaxRequestExtension {
		p.Add("extendedMonths", "Extension must be 0, 1 or 2 months")
	} else if r.ExtendedMonths > 0 && r.ExtensionReason == "" {
		p.Add("extensionReason", "Enter why the time to answer was extended")
	}
	checkLen(&p, "extensionReason", "Reason for the extension", r.ExtensionReason, MaxText)
	if !requestStatusSet[r.Status] {
		p.Add("status", "Select open, done or refused")
	}
	checkOptDate(&p, "doneOn", "Date done", r.DoneOn)
	switch r.Status {
	case RequestOpen:
		if r.DoneOn != "" {
			p.Add("doneOn", "Remove the date done, or select done or refused")
		}
	case RequestDone, RequestRefused:
		if r.DoneOn == "" {
			p.Add("doneOn", "Enter the date the request was "+r.Status)
		}
		if r.DoneBy == "" {
			p.Add("doneBy", "Enter who dealt with the request")
		}
	}
	if r.Status == RequestDone && r.ActionTaken == "" {
		p.Add("actionTaken", "Enter what was done")
	}
	if r.Status == RequestRefused && r.RefusalReason == "" {
		p.Add("refusalReason", "Enter why the request was refused")
	}
	if !p.Has("doneOn") && !p.Has("receivedOn") && r.DoneOn != "" && r.DoneOn < r.ReceivedOn {
		p.Add("doneOn", "Date done must be the same as or after the date received")
	}
	checkLen(&p, "doneBy", "Done by", r.DoneBy, MaxShortText)
	checkLen(&p, "actionTaken", "What was done", r.ActionTaken, MaxText)
	checkLen(&p, "refusalReason", "Reason for refusing", r.RefusalReason, MaxText)
	checkNotSealedForm(&p, r, privacyRequestLabels)
	return p.Err("request")
}

// PrivacyRequestView is a request as the register shows it: its due date and whether
// it is overdue or due soon on Today.
type PrivacyRequestView struct {
	PrivacyRequest
	DueBy   string `json:"dueBy"`
	Overdue bool   `json:"overdue"`
	DueSoon bool   `json:"dueSoon"`
	// ContributorName is the partner's name when one asked (their pseudonym once
	// they withdrew; "" when the partner is not on this laptop), and
	// ContributorPseudonym their pseudonym ("Contributor 7").
	ContributorName      string `json:"contributorName"`
	ContributorPseudonym string `json:"contributorPseudonym"`
}

// ViewOn decorates the request for the register on the day today (YYYY-MM-DD).
func (r PrivacyRequest) ViewOn(today string) PrivacyRequestView {
	v := PrivacyRequestView{PrivacyRequest: r, DueBy: r.DueBy()}
	if (r.Status == RequestOpen || r.Status == "") && v.DueBy != "" {
		v.Overdue = v.DueBy < today
		v.DueSoon = !v.Overdue && DaysBetween(today, v.DueBy) <= RequestDueSoonDays
	}
	return v
}

// PrivacyRegister is the register of requests as the Requests screen shows it: overdue
// first, then due soon, other open requests, then those done or refused.
type PrivacyRegister struct {
	Today    string               `json:"today"`
	Requests []PrivacyRequestView `json:"requests"`
	Types    []RefItem            `json:"types"`
	Channels []RefItem            `json:"channels"`
	Statuses []RefItem            `json:"statuses"`
}

// refLabel is the label of code in items, or def.
func refLabel(items []RefItem, code, def string) string {
	for _, it := range items {
		if it.Code == code {
			return it.Label
		}
	}
	return def
}

// privacyRequestLabels name the fields of a request for people (kinds).
var privacyRequestLabels = map[string]string{"requestType": "Kind of request", "receivedOn": "Date received",
	"receivedVia": "How it was received", "contributorId": "Lived Experience Partner", "requester": "Who asked",
	"extendedMonths": "Extension", "extensionReason": "Reason for the extension", "status": "Status",
	"doneOn": "Date done", "doneBy": "Done by", "actionTaken": "What was done", "refusalReason": "Reason for refusing"}
