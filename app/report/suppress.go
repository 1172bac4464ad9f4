package report

import (
	"encoding/json"
	"strconv"
)

// SuppressBelow is the small-number rule: demographic and reach counts from 1 to
// SuppressBelow-1 are shown as "<5", never as the number.
const SuppressBelow = 5

// SuppressedText is shown for a count from 1 to 4; WithheldText for a larger count
// withheld so that a suppressed one cannot be worked out from the total.
const (
	SuppressedText = "<5"
	WithheldText   = "*"
	NoValueText    = "–"
)

// SuppressionRule is the rule in words, for the Notes sheet and the Reports screen.
const SuppressionRule = "Small numbers are suppressed to protect people's privacy: in every demographic or reach count, " +
	"values from 1 to 4 are shown as \"<5\", and their percentages are withheld (\"–\"). Where only one value in a list " +
	"would be suppressed, the next smallest value is also withheld (shown as \"*\") so that the small one cannot be " +
	"worked out from the total. A percentage is also withheld when the people it counts, or the rest, number 1 to 4."

// Count is a number of people that may be suppressed.
type Count struct {
	N          int  // the true count (never shown when Suppressed or Withheld)
	Suppressed bool // 1..4: shown as "<5"
	Withheld   bool // withheld so a suppressed count cannot be derived: shown as "*"
}

// NewCount applies the primary rule to n.
func NewCount(n int) Count { return Count{N: n, Suppressed: n > 0 && n < SuppressBelow} }

// Hidden reports whether the number must not be shown.
func (c Count) Hidden() bool { return c.Suppressed || c.Withheld }

// Text is the count as shown.
func (c Count) Text() string {
	switch {
	case c.Suppressed:
		return SuppressedText
	case c.Withheld:
		return WithheldText
	}
	return strconv.Itoa(c.N)
}

// MarshalJSON never reveals a hidden count: {"value": 12, "text": "12"} or
// {"value": null, "text": "<5"}.
func (c Count) MarshalJSON() ([]byte, error) {
	v := struct {
		Value *int   `json:"value"`
		Text  string `json:"text"`
	}{Text: c.Text()}
	if !c.Hidden() {
		n := c.N
		v.Value = &n
	}
	return json.Marshal(v)
}

// Percent is a share that may be unknown (no denominator) or withheld.
type Percent struct {
	Num, Den int
	Withheld bool
}

// Known reports whether the percentage can be shown.
func (p Percent) Known() bool { return p.Den > 0 && !p.Withheld }

// Fraction is the share from 0 to 1 (0 when not Known).
func (p Percent) Fraction() float64 {
	if !p.Known() {
		return 0
	}
	return float64(p.Num) / float64(p.Den)
}

// Text is the percentage as shown, to the nearest whole number ("–" when unknown or
// withheld).
func (p Percent) Text() string {
	if !p.Known() {
		return NoValueText
	}
	return strconv.FormatFloat(p.Fraction()*100, 'f', 0, 64) + "%"
}

// MarshalJSON: {"value": 0.42, "text": "42%"} or {"value": null, "text": "–"};
// "withheld": true when there was something to count but small numbers hide it (so a
// screen can tell "withheld" from "not recorded").
func (p Percent) MarshalJSON() ([]byte, error) {
	v := struct {
		Value    *float64 `json:"value"`
		Text     string   `json:"text"`
		Withheld bool     `json:"withheld,omitempty"`
	}{Text: p.Text(), Withheld: p.Den > 0 && p.Withheld}
	if p.Known() {
		f := p.Fraction()
		v.Value = &f
	}
	return json.Marshal(v)
}

// PeoplePercent is num of den people, withheld when either the people counted or the
// rest number 1 to 4 (either would reveal a small group).
func PeoplePercent(num, den int) Percent {
	small := func(n int) bool { return n > 0 && n < SuppressBelow }
	return Percent{Num: num, Den: den, Withheld: den > 0 && (small(num) || small(den-num))}
}

// SuppressList applies the rule to one list of category counts (one dimension; the
// counts are read from each Category's Count.N): primary suppression of 1..4, and,
// when exactly one count is suppressed, the next smallest non-zero count withheld too.
// Percentages (of total) follow their counts.
func SuppressList(cats []Category, total int) {
	primary := 0
	for i := range cats {
		cats[i].Count = NewCount(cats[i].Count.N)
		if cats[i].Count.Suppressed {
			primary++
		}
	}
	if primary == 1 {
		best := -1
		for i, c := range cats {
			if c.Count.N > 0 && !c.Count.Suppressed && (best < 0 || c.Count.N < cats[best].Count.N) {
				best = i
			}
		}
		if best >= 0 {
			cats[best].Count.Withheld = true
		}
	}
	for i := range cats {
		cats[i].Percent = Percent{Num: cats[i].Count.N, Den: total, Withheld: cats[i].Count.Hidden()}
	}
}
