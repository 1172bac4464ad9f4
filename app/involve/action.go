package involve

import (
	"strings"
	"time"

	"github.com/google/uuid"
)

// Action statuses.
const (
	ActionPlanned     = "planned"
	ActionInProgress  = "in_progress"
	ActionDone        = "done"
	ActionNotPossible = "not_possible"
)

// ActionStatuses are the states of an action, in board order.
var ActionStatuses = []RefItem{
	{Code: ActionPlanned, Label: "Planned"},
	{Code: ActionInProgress, Label: "In progress"},
	{Code: ActionDone, Label: "Done"},
	{Code: ActionNotPossible, Label: "Not possible"},
}

// ActionChannels are the ways a "we did" is told back to the people who said it.
var ActionChannels = []RefItem{
	{Code: "newsletter", Label: "Newsletter"},
	{Code: "meeting", Label: "Meeting"},
	{Code: "email", Label: "Email"},
	{Code: "social_media", Label: "Social media"},
	{Code: "poster", Label: "Poster"},
	{Code: "website", Label: "Website"},
	{Code: "letter", Label: "Letter"},
	{Code: "other", Label: "Other"},
}

var (
	actionStatusSet  = codeSet(ActionStatuses)
	actionChannelSet = codeSet(ActionChannels)
)

// MaxActionFeedback caps the feedback items one action answers.
const MaxActionFeedback = 500

// Action is a "you said, we did" record: what people said (one or more feedback
// items, a theme), what the team did about it, and when and how that was told back.
// Its links to feedback are soft: an action outlives a deleted feedback item (the UI
// says "feedback no longer available"), so it has no parent; ProjectID and SessionID
// only file it.
type Action struct {
	Meta
	FeedbackIDs        []string `json:"feedbackIds"`
	ThemeID            string   `json:"themeId"`
	ProjectID          string   `json:"projectId"`
	SessionID          string   `json:"sessionId"`
	YouSaid            string   `json:"youSaid"`
	WeDid              string   `json:"weDid"`
	Owner              string   `json:"owner"`
	Due                string   `json:"due"` // YYYY-MM-DD
	Status             string   `json:"status"`
	ReasonNotPossible  string   `json:"reasonNotPossible"`
	DecisionInfluenced string   `json:"decisionInfluenced"`
	CommunicatedOn     string   `json:"communicatedOn"` // YYYY-MM-DD
	Channel            string   `json:"channel"`
	Published          bool     `json:"published"`
}

func (a *Action) DocMeta() *Meta              { return &a.Meta }
func (a *Action) DocEntity() string           { return EntityAction }
func (a *Action) Parent() (string, string)    { return "", "" }
func (a *Action) Title() string               { return shortTitle(a.YouSaid, "Action") }
func (a *Action) Closed() bool                { return a.Status == ActionDone || a.Status == ActionNotPossible }
func (a *Action) Communicated() bool          { return a.CommunicatedOn != "" }
func (a *Action) OverdueOn(today string) bool { return a.Due != "" && a.Due < today && !a.Closed() }

// Normalize trims text, tidies the id list and fills the default status.
func (a *Action) Normalize() {
	trimAll(&a.ThemeID, &a.ProjectID, &a.SessionID, &a.Owner, &a.Due, &a.Status, &a.CommunicatedOn, &a.Channel)
	a.YouSaid, a.WeDid = trimText(a.YouSaid), trimText(a.WeDid)
	a.ReasonNotPossible, a.DecisionInfluenced = trimText(a.ReasonNotPossible), trimText(a.DecisionInfluenced)
	a.FeedbackIDs = uniqueCodes(a.FeedbackIDs)
	if a.Status == "" {
		a.Status = ActionPlanned
	}
}

// Validate normalizes the action and returns an EINVALID error listing every problem.
// Whether the linked records still exist is not checked: the links are soft.
func (a *Action) Validate() error {
	a.Normalize()
	var p Problems
	if strings.TrimSpace(a.YouSaid) == "" { // also no-break and other Unicode spaces only
		p.Add("youSaid", "Enter what people said")
	}
	checkLen(&p, "youSaid", "You said", a.YouSaid, MaxText)
	checkLen(&p, "weDid", "We did", a.WeDid, MaxText)
	checkLen(&p, "owner", "Owner", a.Owner, MaxShortText)
	checkLen(&p, "reasonNotPossible", "Reason", a.ReasonNotPossible, MaxText)
	checkLen(&p, "decisionInfluenced", "Decision influenced", a.DecisionInfluenced, MaxText)
	if !actionStatusSet[a.Status] {
		p.Add("status", "Select planned, in progress, done or not possible")
	}
	if a.Status == ActionDone && a.WeDid == "" {
		p.Add("weDid", "Enter what you did, or choose another status")
	}
	if a.Status == ActionNotPossible && a.ReasonNotPossible == "" {
		p.Add("reasonNotPossible", "Enter why it was not possible")
	}
	if a.Due != "" && !ValidDate(a.Due) {
		p.Add("due", "Due date must be a real date")
	}
	switch {
	case a.CommunicatedOn != "" && !ValidDate(a.CommunicatedOn):
		p.Add("communicatedOn", "Date communicated back must be a real date")
	case a.CommunicatedOn != "" && a.CommunicatedOn > LatestToday():
		p.Add("communicatedOn", "Date communicated back must be today or in the past")
	}
	if a.Channel != "" && !actionChannelSet[a.Channel] {
		p.Add("channel", "Select how it was communicated back from the list")
	}
	if a.Channel != "" && a.CommunicatedOn == "" && !p.Has("communicatedOn") {
		p.Add("communicatedOn", "Enter the date it was communicated back")
	}
	if len(a.FeedbackIDs) > MaxActionFeedback {
		p.Add("feedbackIds", "Link "+itoa(MaxActionFeedback)+" feedback items or fewer")
	} else if !allUUIDs(a.FeedbackIDs) {
		p.Add("feedbackIds", "Select feedback items from the list")
	}
	checkRef(&p, "themeId", "Select a theme from the list", a.ThemeID)
	checkRef(&p, "projectId", "Select a project from the list", a.ProjectID)
	checkRef(&p, "sessionId", "Select a session from the list", a.SessionID)
	return p.Err("action")
}

// LatestToday is the latest calendar date anywhere on Earth now (UTC+14): a date
// "not in the future" is checked against it, so a laptop a few time zones ahead of the
// server is never refused.
var LatestToday = func() string { return time.Now().UTC().Add(14 * time.Hour).Format("2006-01-02") }

func allUUIDs(ids []string) bool {
	for _, id := range ids {
		if !isUUID(id) {
			return false
		}
	}
	return true
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}

func checkRef(p *Problems, field, msg, id string) {
	if id != "" && !isUUID(id) {
		p.Add(field, msg)
	}
}

// shortTitle is the first line of s, cut to about 80 characters, or def.
func shortTitle(s, def string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if s == "" {
		return def
	}
	r := []rune(s)
	if len(r) > 80 {
		return strings.TrimSpace(string(r[:79])) + "…"
	}
	return s
}

// actionLabels name the fields of an action for people (kinds).
var actionLabels = map[string]string{
	"feedbackIds": "Feedback items", "themeId": "Theme", "projectId": "Project", "sessionId": "Session",
	"youSaid": "You said", "weDid": "We did", "owner": "Owner", "due": "Due date", "status": "Status",
	"reasonNotPossible": "Why it was not possible", "decisionInfluenced": "Decision influenced",
	"communicatedOn": "Date communicated back", "channel": "How it was communicated back",
	"published": "Published",
}

// ActionFeedback is one feedback item an action answers, as the action shows it.
// Missing is true when the item has been deleted (the link is soft).
type ActionFeedback struct {
	ID           string `json:"id"`
	SessionID    string `json:"sessionId"`
	SessionTitle string `json:"sessionTitle"`
	Text         string `json:"text"`
	Missing      bool   `json:"missing"`
}

// ActionView is an action with what lists show beside it.
type ActionView struct {
	Action
	Overdue      bool             `json:"overdue"`
	Feedback     []ActionFeedback `json:"feedback"` // in FeedbackIDs order
	ThemeLabel   string           `json:"themeLabel"`
	ProjectName  string           `json:"projectName"`
	SessionTitle string           `json:"sessionTitle"`
}

// ActionFilter selects actions for lists ("" = any).
type ActionFilter struct {
	Status     string `json:"status"`
	ProjectID  string `json:"projectId"`
	SessionID  string `json:"sessionId"`
	FeedbackID string `json:"feedbackId"`
}

// ActionColumn is one status of the actions board.
type ActionColumn struct {
	Status  string       `json:"status"`
	Label   string       `json:"label"`
	Actions []ActionView `json:"actions"` // overdue first, then by due date
}

// PendingFeedback is a feedback item marked "needs response" that no action answers.
type PendingFeedback struct {
	ID           string `json:"id"`
	SessionID    string `json:"sessionId"`
	SessionTitle string `json:"sessionTitle"`
	SessionDate  string `json:"sessionDate"`
	Text         string `json:"text"`
	CreatedAt    string `json:"createdAt"`
}

// ActionsBoard is the "you said, we did" board: actions by status and the feedback
// still waiting for one.
type ActionsBoard struct {
	Today              string            `json:"today"`
	Columns            []ActionColumn    `json:"columns"`
	Overdue            int               `json:"overdue"`
	NeedsResponse      []PendingFeedback `json:"needsResponse"` // oldest first, at most NeedsResponseLimit
	NeedsResponseTotal int               `json:"needsResponseTotal"`
}

// NeedsResponseLimit caps the board's list of feedback waiting for an action.
const NeedsResponseLimit = 200
