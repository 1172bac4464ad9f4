// Package publish makes what Involve gives back to the people who took part: the
// "you said, we did" web page and email or newsletter text, from the same report
// model (report.Builder) as the Reports screen and the workbook.
//
// Everything it writes is meant for the public. So it is stricter than the workbook: a
// "you said" is shown only when every feedback item the action answers can be checked
// and agreed to be quoted (or the text does not repeat the item's words); no staff name,
// owner or record id is written; the page fetches nothing and runs no script.
package publish

import (
	"context"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// Options say who is publishing and when.
type Options struct {
	// Team is the organisation or team name shown as the author ("" leaves it out).
	Team string
	// Contact is the line telling readers how to get in touch ("" leaves it out).
	Contact string
	// Now is when it is made (zero: time.Now()).
	Now time.Time
	// ActionIDs, when not empty, picks these actions (of those the filter covers and
	// that are done) instead of every done action.
	ActionIDs []string
	// Language is the BCP 47 code of the language to write the actions' words in,
	// where they have a translation ("": English). The source must then be a
	// TranslationSource (translate.go).
	Language string
}

// Item is one "you said, we did".
type Item struct {
	ActionID string `json:"actionId"` // for the publication record; never written out
	// YouSaid is what people said, or "" when it cannot be shown (see About).
	YouSaid string `json:"youSaid"`
	// About is the theme's label ("" when the action has none): shown as "You told us
	// about …" when YouSaid is withheld.
	About string `json:"about"`
	WeDid string `json:"weDid"`
	// PosterCannotShow is true when the poster prints CannotShow in place of some of its
	// text (a script it cannot shape): the screen says so beside the action.
	PosterCannotShow bool `json:"posterCannotShow"`
	// Lang is English when the item stays in English in a publication in another
	// language (it has no translation); "" when it is in the publication's language.
	Lang string `json:"lang"`
}

// YouSaidWeDid is a publication's content.
type YouSaidWeDid struct {
	Team    string `json:"team"`
	Contact string `json:"contact"`
	// Period is the filter's dates in words: "1 April 2026 to 31 March 2027".
	Period  string `json:"period"`
	Project string `json:"project"` // the filter's project name, if one
	Made    string `json:"made"`    // "6 December 2026"
	Items   []Item `json:"items"`
	// Withheld counts the actions left out: done, but their "you said" cannot be shown
	// and they have no theme to say what they were about.
	Withheld int `json:"withheld"`
	// Language is the BCP 47 code of the actions' words ("": English), LanguageName its
	// own name ("Polski"), RTL whether it is written right to left, and Untranslated
	// how many items stay in English for want of a translation (translate.go).
	Language     string `json:"language"`
	LanguageName string `json:"languageName"`
	RTL          bool   `json:"rtl"`
	Untranslated int    `json:"untranslated"`
}

// Build reads the done actions the filter covers (or the ones picked) and decides what
// of each may be published. It streams the source twice: once through the report's
// Builder (which actions the filter covers), once over every live feedback item to
// check the consent of each item an action answers, wherever its session falls.
func Build(ctx context.Context, src report.Source, f report.Filter, opt Options) (*YouSaidWeDid, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if opt.Language != "" && !involve.ValidLanguage(opt.Language) {
		return nil, involve.Errorf(involve.EINVALID, "%q is not a language code: use one such as pl, es or ar", opt.Language)
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	b, err := report.Stream(ctx, src, f, now)
	if err != nil {
		return nil, err
	}
	return buildFrom(ctx, src, b, f, opt, now)
}

// buildFrom is Build with the filter's records already streamed through b (the board
// pack shares its Builder).
func buildFrom(ctx context.Context, src report.Source, b *report.Builder, f report.Filter, opt Options, now time.Time) (*YouSaidWeDid, error) {
	picked := map[string]bool{}
	for _, id := range opt.ActionIDs {
		picked[id] = true
	}
	var actions []*involve.Action
	for _, a := range b.Actions() {
		if a.Status != involve.ActionDone || strings.TrimSpace(a.WeDid) == "" {
			continue
		}
		if len(picked) > 0 && !picked[a.ID] {
			continue
		}
		actions = append(actions, a)
	}
	if len(picked) > 0 && len(actions) != len(picked) {
		return nil, involve.Errorf(involve.EINVALID,
			"%d of the actions picked are not done actions of this period and project: pick again", len(picked)-len(actions))
	}
	shareable, err := checkQuotes(ctx, src, b, actions)
	if err != nil {
		return nil, err
	}
	out := &YouSaidWeDid{Team: oneLine(opt.Team), Contact: oneLine(opt.Contact), Period: periodText(f),
		Made: involve.LongDate(now.Format("2006-01-02")), Items: []Item{}}
	if f.ProjectID != "" {
		out.Project = b.ProjectName(f.ProjectID)
	}
	for _, a := range actions {
		it := Item{ActionID: a.ID, WeDid: a.WeDid}
		if a.ThemeID != "" {
			it.About = b.ThemeLabel(a.ThemeID)
		}
		if shareable[a.ID] {
			it.YouSaid = a.YouSaid
		}
		if it.YouSaid == "" && it.About == "" {
			out.Withheld++
			continue
		}
		it.PosterCannotShow = posterCannotShow(it)
		out.Items = append(out.Items, it)
	}
	if opt.Language != "" && opt.Language != "en" && opt.Language != English {
		if err := translate(ctx, src, out, opt.Language); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkQuotes decides which actions' "you said" may be shown: not empty, passed by the
// report's own rule, and for each feedback item the action answers, the item is live
// (its consent can be read) and either agreed to be quoted or is not repeated in the
// text. An item that cannot be found (deleted, or not on this device) withholds it: a
// public page never guesses consent.
func checkQuotes(ctx context.Context, src report.Source, b *report.Builder, actions []*involve.Action) (map[string]bool, error) {
	ok := map[string]bool{}
	byFeedback := map[string][]*involve.Action{}
	found := map[string]bool{}
	for _, a := range actions {
		if strings.TrimSpace(a.YouSaid) == "" || !b.YouSaidQuotable(a) {
			continue
		}
		ok[a.ID] = true
		for _, id := range a.FeedbackIDs {
			byFeedback[id] = append(byFeedback[id], a)
		}
	}
	if len(byFeedback) == 0 {
		return ok, nil
	}
	err := src.Feedback(ctx, report.Filter{}, func(fb *involve.Feedback) error {
		as := byFeedback[fb.ID]
		if as == nil {
			return nil
		}
		found[fb.ID] = true
		text := strings.TrimSpace(fb.Text)
		if fb.QuoteConsent || text == "" {
			return nil
		}
		for _, a := range as {
			if strings.Contains(a.YouSaid, text) {
				ok[a.ID] = false
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for id, as := range byFeedback {
		if !found[id] {
			for _, a := range as {
				ok[a.ID] = false
			}
		}
	}
	return ok, nil
}

// periodText is the filter's dates in words.
func periodText(f report.Filter) string {
	switch {
	case f.From != "" && f.To != "":
		return involve.LongDate(f.From) + " to " + involve.LongDate(f.To)
	case f.From != "":
		return "since " + involve.LongDate(f.From)
	case f.To != "":
		return "up to " + involve.LongDate(f.To)
	}
	return ""
}

// oneLine trims a setting and keeps it to one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
