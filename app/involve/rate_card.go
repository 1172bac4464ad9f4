package involve

import "sort"

// RateCard is a dated rate for paying Lived Experience Partners: rates change, so they
// are data, never constants. Amounts are whole pence. Periods are inclusive dates;
// an empty EffectiveTo means "until further notice". Two cards of the same unit may
// not overlap (the store checks, against the other live cards).
type RateCard struct {
	Meta
	Unit          string `json:"unit"` // hour, half_day, day, task
	AmountPence   int64  `json:"amountPence"`
	Source        string `json:"source"` // where the rate comes from (policy, guidance)
	EffectiveFrom string `json:"effectiveFrom"`
	EffectiveTo   string `json:"effectiveTo"`
}

func (r *RateCard) DocMeta() *Meta           { return &r.Meta }
func (r *RateCard) DocEntity() string        { return EntityRateCard }
func (r *RateCard) Parent() (string, string) { return "", "" }

// Title: "£25.00 per hour from 1 April 2026".
func (r *RateCard) Title() string {
	s := Pounds(r.AmountPence) + " per " + unitWord(r.Unit) + " from " + LongDate(r.EffectiveFrom)
	if r.EffectiveTo != "" {
		s += " to " + LongDate(r.EffectiveTo)
	}
	return s
}

func unitWord(unit string) string {
	switch unit {
	case UnitHalfDay:
		return "half day"
	case "":
		return "unit"
	}
	return unit
}

// InForce reports whether the card applies on date (YYYY-MM-DD).
func (r *RateCard) InForce(date string) bool {
	return r.EffectiveFrom <= date && (r.EffectiveTo == "" || date <= r.EffectiveTo)
}

// Overlaps reports whether two cards of the same unit share a day.
func (r *RateCard) Overlaps(o *RateCard) bool {
	if r.Unit != o.Unit {
		return false
	}
	endR, endO := r.EffectiveTo, o.EffectiveTo
	if endR == "" {
		endR = "9999-12-31"
	}
	if endO == "" {
		endO = "9999-12-31"
	}
	return r.EffectiveFrom <= endO && o.EffectiveFrom <= endR
}

// Validate tidies the card and returns an EINVALID error listing every problem.
func (r *RateCard) Validate() error {
	trimAll(&r.Unit, &r.Source, &r.EffectiveFrom, &r.EffectiveTo)
	var p Problems
	if r.Unit == "" {
		p.Add("unit", "Select what the rate is for: an hour, a half day, a day or a task")
	} else if !rateUnitSet[r.Unit] {
		p.Add("unit", "Select hour, half day, day or task")
	}
	if r.AmountPence <= 0 {
		p.Add("amountPence", "Enter an amount more than £0")
	} else if r.AmountPence > 1_000_000_00 {
		p.Add("amountPence", "Amount must be £1,000,000 or less")
	}
	if r.Source == "" {
		p.Add("source", "Enter where the rate comes from, like the policy or guidance")
	}
	checkLen(&p, "source", "Source", r.Source, MaxShortText)
	switch {
	case r.EffectiveFrom == "":
		p.Add("effectiveFrom", "Enter the date the rate starts")
	case !ValidDate(r.EffectiveFrom):
		p.Add("effectiveFrom", "Date the rate starts must be a real date")
	}
	if r.EffectiveTo != "" && !ValidDate(r.EffectiveTo) {
		p.Add("effectiveTo", "Date the rate ends must be a real date")
	} else if r.EffectiveTo != "" && !p.Has("effectiveFrom") && r.EffectiveTo < r.EffectiveFrom {
		p.Add("effectiveTo", "Date the rate ends must be the same as or after the date it starts")
	}
	return p.Err("rate")
}

// CheckRateOverlap returns an EINVALID error when card overlaps one of others (the
// live cards, which may include card itself: same id is skipped).
func CheckRateOverlap(card *RateCard, others []*RateCard) error {
	for _, o := range others {
		if o.ID == card.ID || o.DeletedAt != "" || !card.Overlaps(o) {
			continue
		}
		var p Problems
		p.Add("effectiveFrom", "These dates overlap the "+unitRateName(card.Unit)+" "+o.Title()+
			". End that rate the day before this one starts, or change these dates")
		return p.Err("rate")
	}
	return nil
}

// RateInForce returns the card of unit in force on date, or nil. Cards that overlap
// (made on two laptops at once, before either saw the other) are resolved the same way
// everywhere: the latest start wins, then the highest id.
func RateInForce(cards []*RateCard, unit, date string) *RateCard {
	var live []*RateCard
	for _, c := range cards {
		if c.DeletedAt == "" && c.Unit == unit && c.InForce(date) {
			live = append(live, c)
		}
	}
	if len(live) == 0 {
		return nil
	}
	sort.Slice(live, func(i, j int) bool {
		if live[i].EffectiveFrom != live[j].EffectiveFrom {
			return live[i].EffectiveFrom > live[j].EffectiveFrom
		}
		return live[i].ID > live[j].ID
	})
	return live[0]
}

// UnitsFor is how many units of a rate a number of minutes makes: for an hourly rate
// the number of minutes itself (the fee is pro rata, see FeeFor); half days and days
// count each started 4 or 8 hours (at least one); a task is always one.
func UnitsFor(unit string, minutes int) int {
	switch unit {
	case UnitHalfDay:
		return max(1, (minutes+MinutesPerHalfDay-1)/MinutesPerHalfDay)
	case UnitDay:
		return max(1, (minutes+MinutesPerDay-1)/MinutesPerDay)
	case UnitTask:
		return 1
	}
	return minutes
}

// FeeFor is the fee in pence for minutes at a rate: hourly = amount × minutes ÷ 60
// rounded to the nearest penny, halves up (time is whole minutes); other units =
// amount × UnitsFor.
func FeeFor(unit string, amountPence int64, minutes int) int64 {
	if minutes < 0 {
		minutes = 0
	}
	if unit == UnitHour {
		return (amountPence*int64(minutes) + 30) / 60
	}
	return amountPence * int64(UnitsFor(unit, minutes))
}

// rateCardLabels name the fields of a rate card for people (kinds).
var rateCardLabels = map[string]string{"unit": "Unit", "amountPence": "Amount", "source": "Source",
	"effectiveFrom": "Starts", "effectiveTo": "Ends"}
