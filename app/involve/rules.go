package involve

// Rules that span records: a contributor only with a consent record, a consent record
// never moved to another subject, a time entry's fee from the rate card it names
// (CheckRateOverlap is in rate_card.go). The laptop's store applies them in its write transactions and the
// server applies the same functions to what laptops push, so both refuse the same
// things with the same code (EINVALID) and the same words.

// CheckContributorConsent returns an EINVALID error when next, a contributor as it is
// to be stored, breaks a consent rule. prev is the contributor as stored before (nil
// when new); consents are the consent records naming it as their subject (any state;
// those of another subject are ignored). The rules, as the laptop keeps them:
//   - a contributor is made with a consent record (CreateContributor makes both in one
//     transaction): Involve keeps a person's details only with a record of their
//     consent, whatever later happens to that record;
//   - a contributor whose consent was withdrawn is shown by name again (its withdrawal
//     cleared) only when a consent record that is neither withdrawn nor deleted exists
//     (AddConsent).
func CheckContributorConsent(prev, next *Contributor, consents []*Consent) error {
	if next.DeletedAt != "" {
		return nil
	}
	var has, live bool
	for _, k := range consents {
		if k.SubjectEntity != EntityContributor || k.SubjectID != next.ID {
			continue
		}
		has = true
		live = live || (!k.Withdrawn() && k.DeletedAt == "")
	}
	var p Problems
	switch {
	case prev == nil && !has:
		p.Add("consent", "Record their consent: Involve keeps a Lived Experience Partner's details only with a consent record")
	case prev != nil && prev.Withdrawn() && !next.Withdrawn() && !live:
		p.Add("consentWithdrawnAt", "Their consent has been withdrawn. Record new consent before their details are shown again")
	}
	return p.Err("Lived Experience Partner")
}

// CheckConsentChange returns an EINVALID error when next, a consent record as it is to
// be stored, is moved to another subject than it had (prev, nil when new): a consent
// record is evidence of what one person, or the giver of one feedback item, agreed to.
func CheckConsentChange(prev, next *Consent) error {
	var p Problems
	if prev != nil && (prev.SubjectEntity != next.SubjectEntity || prev.SubjectID != next.SubjectID) {
		p.Add("subjectId", "A consent record cannot be moved to someone else. Record their consent separately")
	}
	return p.Err("consent")
}

// CheckFee returns an EINVALID error when the fee of a time entry is not the one its
// rate card gives (ApplyFee): cards are the states the rate card it names has had (its
// current one and earlier ones, so that an entry priced before a change of the card
// reached the laptop still passes; none when the entry names no card or the card is
// unknown). The rate must be the card's amount, the card (of the entry's unit) must
// cover the entry's date, and the fee must be that rate for the entry's time (nothing
// when payment is declined). An entry that names no card has no rate and no computed fee,
// and needs an overridden fee with a reason, or declined payment. An override (with
// its reason, checked by Validate) is the one way to pay another amount, as on the
// laptop.
func CheckFee(e *TimeEntry, cards []*RateCard) error {
	unit := e.Unit
	if unit == "" {
		unit = UnitHour
	}
	declined := e.Route == RouteDeclined
	var p Problems
	if declined && e.FeeOverridePence != nil {
		p.Add("feeOverridePence", "Payment is declined, so there is no fee to override")
	}
	if e.RateCardID == "" {
		switch {
		case e.RatePence != 0 || e.FeePence != 0:
			p.Add("feePence", "The fee must come from a rate card, but the entry names none. Enter the fee with a reason instead")
		case !declined && e.FeeOverridePence == nil:
			p.Add("date", "There is no "+unitRateName(unit)+" for this entry. Add a rate card that covers "+LongDate(e.Date)+
				", or enter the fee with a reason")
		}
		return p.Err("time entry")
	}
	// Amount and dates are matched each on its own: a laptop may have merged a change
	// of the card's amount from one laptop with a change of its dates from another.
	amount, dates := false, false
	for _, c := range cards {
		if c.ID == e.RateCardID && c.Unit == unit {
			amount = amount || c.AmountPence == e.RatePence
			dates = dates || c.InForce(e.Date)
		}
	}
	switch {
	case !amount:
		p.Add("ratePence", "The rate "+Pounds(e.RatePence)+" is not the amount of the "+unitRateName(unit)+
			" card the entry names. Open the entry and save it again to work the fee out from the rate cards")
	case !dates:
		p.Add("date", "The "+unitRateName(unit)+" card the entry names does not cover "+LongDate(e.Date)+
			". Open the entry and save it again to work the fee out from the rate cards")
	}
	want := FeeFor(unit, e.RatePence, e.Minutes())
	if declined {
		want = 0
	}
	if e.FeePence != want {
		p.Add("feePence", "The fee must be "+Pounds(want)+" for this time at "+Pounds(e.RatePence)+" per "+unitWord(unit)+
			". To pay another amount, enter the fee with a reason")
	}
	return p.Err("time entry")
}
