package involve

// EntityPublication: a "you said, we did" given back to the public (issue 16).
const EntityPublication = "publication"

// Publication formats: what was made.
const (
	PublicationWebPage   = "web_page"
	PublicationEmailText = "email_text"
	PublicationEmailHTML = "email_html"
	PublicationPoster    = "poster"
)

// PublicationFormats are the kinds of "you said, we did" the app makes.
var PublicationFormats = []RefItem{
	{Code: PublicationWebPage, Label: "Web page"},
	{Code: PublicationEmailText, Label: "Email or newsletter text"},
	{Code: PublicationEmailHTML, Label: "Email or newsletter (formatted)"},
	{Code: PublicationPoster, Label: "Poster or leaflet"},
}

var publicationFormatSet = codeSet(PublicationFormats)

// MaxPublicationActions caps the actions one publication gives back.
const MaxPublicationActions = 500

// Publication records that a "you said, we did" was made and given back: what, when,
// through which channel, for which period and project, and which actions it holds.
// Recording it marks those actions communicated back (store.RecordPublication). It
// holds no text of the actions (they are the record of that) and names nobody.
type Publication struct {
	Meta
	Format      string   `json:"format"`      // PublicationFormats
	Channel     string   `json:"channel"`     // ActionChannels: where it went
	PublishedOn string   `json:"publishedOn"` // YYYY-MM-DD, today or earlier
	Note        string   `json:"note"`        // "Autumn newsletter", "Clinic notice board"
	From        string   `json:"from"`        // the period it covers (optional)
	To          string   `json:"to"`
	ProjectID   string   `json:"projectId"` // the project it covers, if one
	ActionIDs   []string `json:"actionIds"`
	// Language is the BCP 47 code of the language its actions' words were in when
	// translated ("" or absent: English; publish.Options.Language).
	Language string `json:"language,omitempty"`
}

func (p *Publication) DocMeta() *Meta           { return &p.Meta }
func (p *Publication) DocEntity() string        { return EntityPublication }
func (p *Publication) Parent() (string, string) { return "", "" }
func (p *Publication) Title() string {
	what := LabelOf(PublicationFormats, p.Format)
	if p.Note != "" {
		what += ": " + p.Note
	}
	return shortTitle(what+" ("+LongDate(p.PublishedOn)+")", "Publication")
}

// Normalize trims the text and tidies the action list.
func (p *Publication) Normalize() {
	trimAll(&p.Format, &p.Channel, &p.PublishedOn, &p.From, &p.To, &p.ProjectID, &p.Language)
	p.Note = trimText(p.Note)
	p.ActionIDs = uniqueCodes(p.ActionIDs)
}

// Validate normalizes the publication and returns an EINVALID error listing every
// problem. Whether the actions still exist is not checked here: the links are soft,
// like an action's links to feedback.
func (p *Publication) Validate() error {
	p.Normalize()
	var pr Problems
	if !publicationFormatSet[p.Format] {
		pr.Add("format", "Select what was made from the list")
	}
	if !actionChannelSet[p.Channel] {
		pr.Add("channel", "Select where it was published from the list")
	}
	switch {
	case !ValidDate(p.PublishedOn):
		pr.Add("publishedOn", "Date published must be a real date")
	case p.PublishedOn > LatestToday():
		pr.Add("publishedOn", "Date published must be today or in the past")
	}
	checkLen(&pr, "note", "Note", p.Note, MaxShortText)
	if p.From != "" && !ValidDate(p.From) {
		pr.Add("from", "Start date must be a real date")
	}
	if p.To != "" && !ValidDate(p.To) {
		pr.Add("to", "End date must be a real date")
	}
	if p.From != "" && p.To != "" && ValidDate(p.From) && ValidDate(p.To) && p.To < p.From {
		pr.Add("to", "End date must be the same as or after the start date")
	}
	checkRef(&pr, "projectId", "Select a project from the list", p.ProjectID)
	if p.Language != "" && !ValidLanguage(p.Language) {
		pr.Add("language", "Select the language from the list")
	}
	switch {
	case len(p.ActionIDs) == 0:
		pr.Add("actionIds", "Choose at least one action to publish")
	case len(p.ActionIDs) > MaxPublicationActions:
		pr.Add("actionIds", "Publish "+itoa(MaxPublicationActions)+" actions or fewer at once")
	case !allUUIDs(p.ActionIDs):
		pr.Add("actionIds", "Select actions from the list")
	}
	return pr.Err("publication")
}

// publicationLabels name the fields of a publication for people (kinds).
var publicationLabels = map[string]string{
	"format": "What was made", "channel": "Where it was published", "publishedOn": "Date published",
	"note": "Note", "from": "Period start", "to": "Period end", "projectId": "Project", "actionIds": "Actions",
	"language": "Language",
}
