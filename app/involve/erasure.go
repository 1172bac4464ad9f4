package involve

import (
	"strconv"
	"strings"
)

// Erasure is the record of a lead's "Erase this person" or "Erase this comment" (UK
// GDPR Article 17; docs/privacy.md): it names what was erased, when and by whom, and
// never holds the erased content. It is synced like any record, kept for good, and
// every holder (each laptop and the server) applies it to what it holds, with the same
// pure functions below, so that all of them end with the same erased states:
//   - a Lived Experience Partner is reduced to "Erased contributor N": their name,
//     contact details, access needs, role, agreement dates and lived experience are
//     destroyed; the pseudonym's number and how they are paid are kept, because their
//     payments are;
//   - their consent records keep what was agreed, on which basis and when (evidence that
//     the data was processed lawfully) and lose who gave and who recorded it;
//   - their time and payment entries keep dates, time, rates, fees and payment dates
//     (HMRC: 6 years) and lose the task's description, the payment reference and the
//     reason a fee was overridden;
//   - a feedback item's words are replaced by ErasedText and it may no longer be quoted;
//     its quote consent records lose who gave them; a "you said" that copied the words
//     has them replaced by ErasedQuote. Rating, themes and the anonymous profile stay:
//     they identify nobody and are the session's reach;
//   - the item's responses (answers to a question set) have the words people wrote
//     (free-text answers and the words of "Other, please say") replaced by
//     ErasedAnswer; chosen answers, numbers and "Prefer not to say" stay, as
//     anonymous counts, and every answer keeps its place so that the response still
//     fits its version.
//
// Conflicts about erased records are destroyed, with the outbox entries, sync bases,
// earlier revisions and stored change results that held the old values.
type Erasure struct {
	Meta
	SubjectEntity string `json:"subjectEntity"` // EntityContributor or EntityFeedback
	SubjectID     string `json:"subjectId"`
	// Number is an erased partner's pseudonym number ("Erased contributor 7").
	Number int `json:"number"`
	// ErasedBy is the lead who erased it.
	ErasedBy string `json:"erasedBy"`
	// RequestID is the entry in the register of requests it answers ("" for none).
	RequestID string `json:"requestId"`
}

// EntityErasure is an erasure's entity name.
const EntityErasure = "erasure"

// ErasedText replaces the words of an erased feedback item.
const ErasedText = "[This comment was erased at the request of the person who gave it.]"

// ErasedAnswer replaces the words of an answer (free text, or "Other, please say") in
// the responses of an erased feedback item.
const ErasedAnswer = "[erased]"

// ErasedQuote replaces the words of an erased feedback item where a "you said" copied
// them.
const ErasedQuote = "[erased comment]"

func (e *Erasure) DocMeta() *Meta    { return &e.Meta }
func (e *Erasure) DocEntity() string { return EntityErasure }

// Parent is none: the subject is named softly (a capture laptop holds no partner, and
// the erasure outlives nothing it names).
func (e *Erasure) Parent() (string, string) { return "", "" }

// Title: "Erasure of Erased contributor 7" or "Erasure of a comment".
func (e *Erasure) Title() string {
	if e.SubjectEntity == EntityContributor {
		return "Erasure of " + ErasedPseudonym(e.Number)
	}
	return "Erasure of a comment"
}

// ErasedPseudonym names an erased partner.
func ErasedPseudonym(n int) string { return "Erased contributor " + strconv.Itoa(n) }

// Validate tidies the record and returns an EINVALID error listing every problem.
func (e *Erasure) Validate() error {
	trimAll(&e.SubjectEntity, &e.SubjectID, &e.ErasedBy, &e.RequestID)
	var p Problems
	switch e.SubjectEntity {
	case EntityContributor, EntityFeedback:
	default:
		p.Add("subjectEntity", "Select what to erase: a Lived Experience Partner or a feedback item")
	}
	if e.SubjectID == "" {
		p.Add("subjectId", "Select the record to erase")
	}
	if e.Number < 0 {
		p.Add("number", "Number must be 0 or more")
	}
	checkLen(&p, "erasedBy", "Erased by", e.ErasedBy, MaxShortText)
	return p.Err("erasure")
}

// erasureLabels name an erasure's fields for people (kinds).
var erasureLabels = map[string]string{"subjectEntity": "Erased", "subjectId": "Erased record", "number": "Number",
	"erasedBy": "Erased by", "requestId": "Request"}

// ErasureSubject returns the record whose erasure covers rec: a partner for the
// partner, their consent records and time entries; a feedback item for the item and
// its quote consent records and its responses. ok is false for any other record.
func ErasureSubject(rec any) (entity, id string, ok bool) {
	switch r := rec.(type) {
	case *Contributor:
		return EntityContributor, r.ID, true
	case *Consent:
		return r.SubjectEntity, r.SubjectID, r.SubjectEntity == EntityContributor || r.SubjectEntity == EntityFeedback
	case *TimeEntry:
		return EntityContributor, r.ContributorID, true
	case *Feedback:
		return EntityFeedback, r.ID, true
	case *Response:
		return EntityFeedback, r.FeedbackID, true
	}
	return "", "", false
}

// Covers reports whether rec is within the erasure: its subject, or a record of it.
func (e *Erasure) Covers(rec any) bool {
	entity, id, ok := ErasureSubject(rec)
	return ok && entity == e.SubjectEntity && id == e.SubjectID
}

// Apply rewrites rec, a record the erasure covers, to its erased form (the same on every
// holder: it reads nothing but rec and the erasure), and reports whether anything
// changed. It works on sealed and opened records alike: what it keeps is never sealed,
// and what it destroys it clears. A record it does not cover is left alone.
func (e *Erasure) Apply(rec any) bool {
	if !e.Covers(rec) {
		return false
	}
	at := e.CreatedAt
	switch r := rec.(type) {
	case *Contributor:
		before := *r
		r.Name, r.ContactPreference, r.ContactDetails, r.AccessNeeds, r.Role = "", "", "", "", ""
		r.AgreementStart, r.AgreementEnd, r.LivedExperience, r.BenefitsAdviceOffered = "", "", nil, false
		if r.ConsentWithdrawnAt == "" {
			r.ConsentWithdrawnAt = at
		}
		if r.ErasedAt == "" {
			r.ErasedAt = at
		}
		return !sameContributorAfterErasure(&before, r)
	case *Consent:
		changed := r.GivenBy != "" || r.CapturedBy != "" || r.WithdrawnBy != "" || r.ErasedAt == ""
		r.GivenBy, r.CapturedBy, r.WithdrawnBy = "", "", ""
		if r.ErasedAt == "" {
			r.ErasedAt = at
		}
		return changed
	case *TimeEntry:
		changed := r.Task != "" || r.ReceiptRef != "" || r.OverrideReason != "" || r.ErasedAt == ""
		r.Task, r.ReceiptRef, r.OverrideReason = "", "", ""
		if r.ErasedAt == "" {
			r.ErasedAt = at
		}
		return changed
	case *Feedback:
		changed := r.Text != ErasedText || r.QuoteConsent
		r.Text, r.QuoteConsent = ErasedText, false
		return changed
	case *Response:
		changed := false
		for i := range r.Answers {
			if a := &r.Answers[i]; a.Text != "" && a.Text != ErasedAnswer {
				a.Text, changed = ErasedAnswer, true
			}
		}
		return changed
	}
	return false
}

func sameContributorAfterErasure(a, b *Contributor) bool {
	return a.Name == b.Name && a.ContactPreference == b.ContactPreference && a.ContactDetails == b.ContactDetails &&
		a.AccessNeeds == b.AccessNeeds && a.Role == b.Role && a.AgreementStart == b.AgreementStart &&
		a.AgreementEnd == b.AgreementEnd && len(a.LivedExperience) == 0 && a.BenefitsAdviceOffered == b.BenefitsAdviceOffered &&
		a.ConsentWithdrawnAt == b.ConsentWithdrawnAt && a.ErasedAt == b.ErasedAt
}

// EraseQuoted replaces, in an action's "you said", the words of an erased feedback item
// (text, as the holder had it before erasing the item) with ErasedQuote, when the
// action names the item. It reports whether anything changed.
func EraseQuoted(a *Action, feedbackID, text string) bool {
	if strings.TrimSpace(text) == "" || text == ErasedText {
		return false
	}
	named := false
	for _, id := range a.FeedbackIDs {
		named = named || id == feedbackID
	}
	if !named || !strings.Contains(a.YouSaid, text) {
		return false
	}
	a.YouSaid = strings.ReplaceAll(a.YouSaid, text, ErasedQuote)
	return true
}

// Erased reports whether a feedback item's words were erased.
func (in *FeedbackInput) Erased() bool { return in.Text == ErasedText }

// Erased reports whether the partner was erased.
func (c *Contributor) Erased() bool { return c.ErasedAt != "" }

// ErasureSummary says, before a lead erases, what will be destroyed and what kept and
// why (the app shows it; the command line prints it).
type ErasureSummary struct {
	SubjectEntity string   `json:"subjectEntity"`
	SubjectID     string   `json:"subjectId"`
	Title         string   `json:"title"`     // the name, or "Contributor 7", or the comment's first words
	Pseudonym     string   `json:"pseudonym"` // what it will be called afterwards
	Destroyed     []string `json:"destroyed"` // what is destroyed, in plain words
	Kept          []string `json:"kept"`      // what is kept, each with why
	Consents      int      `json:"consents"`
	TimeEntries   int      `json:"timeEntries"`
	Conflicts     int      `json:"conflicts"`
	Actions       int      `json:"actions"` // "you said" that quote the comment
	Backups       int      `json:"backups"` // local backups that will be rewritten or deleted
}

// ErasureResult is what an erasure did on the laptop that made it.
type ErasureResult struct {
	Erasure Erasure        `json:"erasure"`
	Summary ErasureSummary `json:"summary"`
	// Local backups made before the erasure: rewritten without the erased content, or
	// deleted where that could not be done (file names).
	BackupsRewritten []string `json:"backupsRewritten"`
	BackupsDeleted   []string `json:"backupsDeleted"`
}

// DescribeContributorErasure fills what erasing a partner destroys and keeps.
func DescribeContributorErasure(s *ErasureSummary, number int) {
	s.Pseudonym = ErasedPseudonym(number)
	s.Destroyed = []string{"Their name, contact details, contact preference, access needs, role, agreement dates and lived experience"}
	if s.Consents > 0 {
		s.Destroyed = append(s.Destroyed, "Who gave and who recorded "+their(s.Consents, "consent record", "consent records"))
	}
	if s.TimeEntries > 0 {
		s.Destroyed = append(s.Destroyed, "The task descriptions, payment references and fee override reasons of "+
			their(s.TimeEntries, "time entry", "time entries"))
	}
	s.Destroyed = append(s.Destroyed, earlier(s.Conflicts, "these records", "them"))
	s.Kept = []string{
		"The dates, time given, rates, fees, expenses and payment dates of their time entries, under \"" + s.Pseudonym +
			"\": payment records must be kept for 6 years (HMRC)",
		"What each consent record covered, its lawful basis and dates: evidence that their data was processed lawfully",
		"How they are paid (payroll, supplier, voucher or declined), so the kept payments add up",
	}
}

// DescribeFeedbackErasure fills what erasing a feedback item destroys and keeps.
func DescribeFeedbackErasure(s *ErasureSummary) {
	s.Pseudonym = "Erased comment"
	s.Destroyed = []string{"The words of the comment, everywhere (the search index too), and permission to quote it",
		"Any words written in its answers to question sets (free text and \"Other, please say\")"}
	if s.Consents > 0 {
		s.Destroyed = append(s.Destroyed, "Who gave and who recorded "+their(s.Consents, "quote consent record", "quote consent records"))
	}
	if s.Actions > 0 {
		s.Destroyed = append(s.Destroyed, "The comment's words where "+Plural(s.Actions, "\"you said\" entry quotes", "\"you said\" entries quote")+" them")
	}
	s.Destroyed = append(s.Destroyed, earlier(s.Conflicts, "it", "it"))
	s.Kept = []string{
		"Its rating, themes, source and anonymous profile (age band, ethnic group, borough): they identify nobody and count in the session's reach",
		"The choices and numbers of its answers to question sets: they identify nobody and count in the results",
	}
}

// their: "their consent record", "each of their 3 consent records".
func their(n int, one, many string) string {
	if n == 1 {
		return "their " + one
	}
	return "each of their " + strconv.Itoa(n) + " " + many
}

// earlier: every earlier version of what (pronoun once named), with the conflicts
// about it if there are any.
func earlier(conflicts int, what, pronoun string) string {
	if conflicts == 0 {
		return "Every earlier version of " + what + ", on every laptop and on the server"
	}
	return Plural(conflicts, "sync conflict", "sync conflicts") + " about " + what + ", and every earlier version of " +
		pronoun + ", on every laptop and on the server"
}

// Plural writes a count with its noun: "1 action", "3 actions".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
