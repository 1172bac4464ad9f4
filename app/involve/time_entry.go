package involve

// TimeEntry is one line of a contributor's time and payment log: the time they gave to
// a session or a task on a date, the fee for it (computed from the rate card in force
// on that date, or overridden with a reason), expenses with a receipt reference, and
// the claim's progress: claimed, approved and paid dates, and the payment route.
type TimeEntry struct {
	Meta
	ContributorID   string `json:"contributorId"`
	ProjectID       string `json:"projectId"`
	SessionID       string `json:"sessionId"`
	Task            string `json:"task"`
	Date            string `json:"date"`
	Unit            string `json:"unit"` // the rate unit that applies: hour (default), half_day, day, task
	MinutesPrep     int    `json:"minutesPrep"`
	MinutesAttend   int    `json:"minutesAttend"`
	MinutesFollowUp int    `json:"minutesFollowUp"`
	MinutesTravel   int    `json:"minutesTravel"`
	// RateCardID, RatePence and FeePence are computed when the entry is saved (FeeFor the
	// rate card in force on Date); a later change to the rate card does not change them.
	RateCardID       string `json:"rateCardId"`
	RatePence        int64  `json:"ratePence"`
	FeePence         int64  `json:"feePence"`
	FeeOverridePence *int64 `json:"feeOverridePence"`
	OverrideReason   string `json:"overrideReason"`
	ExpensesPence    int64  `json:"expensesPence"`
	ReceiptRef       string `json:"receiptRef"`
	ClaimedOn        string `json:"claimedOn"`
	ApprovedOn       string `json:"approvedOn"`
	PaidOn           string `json:"paidOn"`
	Route            string `json:"route"` // payroll, supplier, voucher, declined
	// ErasedAt is set when its partner was erased (Erasure): the task's description,
	// the payment reference and the override reason are gone; the amounts and dates
	// are kept.
	ErasedAt string `json:"erasedAt,omitempty"`
}

func (e *TimeEntry) DocMeta() *Meta           { return &e.Meta }
func (e *TimeEntry) DocEntity() string        { return EntityTimeEntry }
func (e *TimeEntry) Parent() (string, string) { return EntityContributor, e.ContributorID }

// Title: "Time on 3 March 2026" (no names: titles show in conflict lists).
func (e *TimeEntry) Title() string { return "Time on " + LongDate(e.Date) }

// Minutes is the total time given: preparation, attending, follow-up and travel.
func (e *TimeEntry) Minutes() int {
	return e.MinutesPrep + e.MinutesAttend + e.MinutesFollowUp + e.MinutesTravel
}

// FeeDue is the fee to pay: the override when there is one, else the computed fee;
// nothing when payment is declined.
func (e *TimeEntry) FeeDue() int64 {
	if e.Route == RouteDeclined {
		return 0
	}
	if e.FeeOverridePence != nil {
		return *e.FeeOverridePence
	}
	return e.FeePence
}

// Validate tidies the entry and returns an EINVALID error listing every problem. The
// fee is checked by ApplyFee, which needs the rate cards.
func (e *TimeEntry) Validate() error {
	trimAll(&e.ContributorID, &e.ProjectID, &e.SessionID, &e.Date, &e.Unit, &e.ReceiptRef, &e.ClaimedOn,
		&e.ApprovedOn, &e.PaidOn, &e.Route, &e.RateCardID)
	e.Task, e.OverrideReason = trimText(e.Task), trimText(e.OverrideReason)
	if e.Unit == "" {
		e.Unit = UnitHour
	}
	var p Problems
	if e.ContributorID == "" {
		p.Add("contributorId", "Select the Lived Experience Partner")
	}
	erased := e.ErasedAt != ""
	if e.SessionID == "" && e.Task == "" && !erased {
		p.Add("task", "Select a session or describe the task")
	}
	checkLen(&p, "task", "Task", e.Task, MaxShortText)
	switch {
	case e.Date == "":
		p.Add("date", "Enter the date of the work")
	case !ValidDate(e.Date):
		p.Add("date", "Date of the work must be a real date")
	}
	if !rateUnitSet[e.Unit] {
		p.Add("unit", "Select hour, half day, day or task")
	}
	for _, m := range []struct {
		field, label string
		v            int
	}{{"minutesPrep", "Preparation", e.MinutesPrep}, {"minutesAttend", "Attending", e.MinutesAttend},
		{"minutesFollowUp", "Follow-up", e.MinutesFollowUp}, {"minutesTravel", "Travel", e.MinutesTravel}} {
		if m.v < 0 {
			p.Add(m.field, m.label+" time must be 0 minutes or more")
		} else if m.v > 24*60 {
			p.Add(m.field, m.label+" time must be 24 hours or less")
		}
	}
	if e.Minutes() <= 0 && e.Unit != UnitTask && !p.Has("minutesPrep") && !p.Has("minutesAttend") {
		p.Add("minutesAttend", "Enter the time they gave")
	}
	if e.FeeOverridePence != nil {
		if *e.FeeOverridePence < 0 {
			p.Add("feeOverridePence", "Fee must be £0 or more")
		}
		if e.OverrideReason == "" && !erased {
			p.Add("overrideReason", "Enter why the fee is different from the rate card")
		}
	}
	checkLen(&p, "overrideReason", "Reason", e.OverrideReason, MaxText)
	if e.ExpensesPence < 0 {
		p.Add("expensesPence", "Expenses must be £0 or more")
	} else if e.ExpensesPence > 0 && e.ReceiptRef == "" && !erased {
		p.Add("receiptRef", "Enter the receipt reference for the expenses")
	}
	checkLen(&p, "receiptRef", "Receipt reference", e.ReceiptRef, MaxShortText)
	checkOptDate(&p, "claimedOn", "Date claimed", e.ClaimedOn)
	checkOptDate(&p, "approvedOn", "Date approved", e.ApprovedOn)
	checkOptDate(&p, "paidOn", "Date paid", e.PaidOn)
	if !p.Has("claimedOn") && !p.Has("date") && e.ClaimedOn != "" && e.Date != "" && e.ClaimedOn < e.Date {
		p.Add("claimedOn", "Date claimed must be the same as or after the date of the work")
	}
	if !p.Has("approvedOn") && e.ApprovedOn != "" {
		if e.ClaimedOn == "" {
			p.Add("claimedOn", "Enter the date claimed: the claim has been approved")
		} else if !p.Has("claimedOn") && e.ApprovedOn < e.ClaimedOn {
			p.Add("approvedOn", "Date approved must be the same as or after the date claimed")
		}
	}
	if !p.Has("paidOn") && e.PaidOn != "" {
		if e.ApprovedOn == "" {
			p.Add("approvedOn", "Enter the date approved: the claim has been paid")
		} else if !p.Has("approvedOn") && e.PaidOn < e.ApprovedOn {
			p.Add("paidOn", "Date paid must be the same as or after the date approved")
		}
	}
	if e.Route != "" && !paymentRouteSet[e.Route] {
		p.Add("route", "Select payroll, supplier, voucher or declined")
	}
	checkNotSealedForm(&p, e, timeEntryLabels)
	return p.Err("time entry")
}

// ApplyFee computes the entry's fee from the rate cards (every live card; the one of
// its unit in force on its date applies). A contributor who declines payment gets no
// fee and the route "declined". With no rate in force the fee cannot be worked out: an
// EINVALID error naming the date, unless the fee is overridden or declined.
func (e *TimeEntry) ApplyFee(cards []*RateCard, declinesPayment bool) error {
	if e.Unit == "" {
		e.Unit = UnitHour
	}
	if declinesPayment {
		e.Route = RouteDeclined
	}
	if e.Route == RouteDeclined {
		e.FeeOverridePence, e.OverrideReason = nil, ""
	}
	e.RateCardID, e.RatePence, e.FeePence = "", 0, 0
	if !ValidDate(e.Date) {
		return nil // Validate reports the date
	}
	rc := RateInForce(cards, e.Unit, e.Date)
	if rc == nil {
		if e.Route == RouteDeclined || e.FeeOverridePence != nil {
			return nil
		}
		var p Problems
		p.Add("date", "There is no "+unitRateName(e.Unit)+" in force on "+LongDate(e.Date)+
			". Add a rate card that covers this date, or enter the fee with a reason")
		return p.Err("time entry")
	}
	e.RateCardID, e.RatePence = rc.ID, rc.AmountPence
	if e.Route != RouteDeclined {
		e.FeePence = FeeFor(e.Unit, rc.AmountPence, e.Minutes())
	}
	return nil
}

// DaysClaimToPaid is the number of days from claim to payment, and whether both dates
// are known.
func (e *TimeEntry) DaysClaimToPaid() (int, bool) {
	if !ValidDate(e.ClaimedOn) || !ValidDate(e.PaidOn) {
		return 0, false
	}
	return DaysBetween(e.ClaimedOn, e.PaidOn), true
}

// timeEntryLabels name the fields of a time entry for people (kinds).
var timeEntryLabels = map[string]string{"contributorId": "Lived Experience Partner", "projectId": "Project", "sessionId": "Session",
	"task": "Task", "date": "Date", "unit": "Rate unit", "minutesPrep": "Preparation minutes",
	"minutesAttend": "Attending minutes", "minutesFollowUp": "Follow-up minutes", "minutesTravel": "Travel minutes",
	"rateCardId": "Rate card", "ratePence": "Rate", "feePence": "Fee", "feeOverridePence": "Fee override",
	"overrideReason": "Reason for the fee", "expensesPence": "Expenses", "receiptRef": "Receipt reference",
	"claimedOn": "Date claimed", "approvedOn": "Date approved", "paidOn": "Date paid", "route": "Payment route"}
