package desktop

import (
	"context"
	"io"
	"sort"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/publish"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
)

// YouSaidWeDidPreview is what the "you said, we did" screen shows before anything is
// made: the done actions of the filter that may be published (with what the public
// would read), how many are left out, and the team's name and contact line.
// Its fields are publish.YouSaidWeDid's, written out rather than embedded: Wails's
// binding generator leaves out the namespace of an embedded struct's field types.
type YouSaidWeDidPreview struct {
	Team     string         `json:"team"`
	Contact  string         `json:"contact"`
	Period   string         `json:"period"`
	Project  string         `json:"project"`
	Made     string         `json:"made"`
	Items    []publish.Item `json:"items"`
	Withheld int            `json:"withheld"`
	// Languages are those the items' words are translated into (every text an item
	// shows: publish.Covers), with the items of each, by language code.
	Languages []PublishLanguage `json:"languages"`
}

// PublishLanguage is a language some actions of the preview can be published in.
type PublishLanguage struct {
	Code      string   `json:"code"`
	Name      string   `json:"name"` // its own name: "Polski"
	RTL       bool     `json:"rtl"`
	ActionIDs []string `json:"actionIds"`
	// PosterCannotShow lists those of ActionIDs whose translated words the poster
	// replaces by publish.CannotShow (Arabic, Urdu, Bengali…).
	PosterCannotShow []string `json:"posterCannotShow"`
}

// PublishRequest is the screen's form: which actions, made as what, published where
// and when.
type PublishRequest struct {
	Filter      report.Filter `json:"filter"`
	ActionIDs   []string      `json:"actionIds"`
	Format      string        `json:"format"`  // web_page, email_text, email_html or poster
	Channel     string        `json:"channel"` // involve.ActionChannels
	PublishedOn string        `json:"publishedOn"`
	Note        string        `json:"note"`
	Contact     string        `json:"contact"`
	Language    string        `json:"language"` // "": English; else the actions' translated words
}

// PublishResult says what was made.
type PublishResult struct {
	Cancelled     bool   `json:"cancelled"` // the Save dialog was closed: nothing was made or recorded
	Path          string `json:"path"`
	PublicationID string `json:"publicationId"`
	Actions       int    `json:"actions"` // marked published (and communicated back, if they were not)
}

// PreviewYouSaidWeDid reads what a "you said, we did" of the filter would hold.
func (a *App) PreviewYouSaidWeDid(f report.Filter) (YouSaidWeDidPreview, error) {
	return read(a, func(db *store.DB) (YouSaidWeDidPreview, error) {
		if err := a.checkFilter(db, &f); err != nil {
			return YouSaidWeDidPreview{}, err
		}
		d, err := buildYouSaid(a.ctx, db, f, nil, "", "")
		if err != nil {
			return YouSaidWeDidPreview{}, err
		}
		items := d.Items
		if items == nil {
			items = []publish.Item{}
		}
		langs, err := publishLanguages(a.ctx, db, items)
		if err != nil {
			return YouSaidWeDidPreview{}, err
		}
		return YouSaidWeDidPreview{Team: d.Team, Contact: d.Contact, Period: d.Period, Project: d.Project, Made: d.Made,
			Items: items, Withheld: d.Withheld, Languages: langs}, nil
	})
}

// publishFormats: what each format writes, its file's extension and dialog filter.
var publishFormats = map[string]struct {
	write  func(io.Writer, *publish.YouSaidWeDid) error
	ext    string
	filter runtime.FileFilter
}{
	involve.PublicationWebPage:   {publish.WebPage, ".html", runtime.FileFilter{DisplayName: "Web page (*.html)", Pattern: "*.html"}},
	involve.PublicationEmailHTML: {publish.EmailHTML, ".html", runtime.FileFilter{DisplayName: "Formatted email text (*.html)", Pattern: "*.html"}},
	involve.PublicationEmailText: {publish.EmailText, ".txt", runtime.FileFilter{DisplayName: "Plain text (*.txt)", Pattern: "*.txt"}},
	involve.PublicationPoster:    {publish.Poster, ".pdf", runtime.FileFilter{DisplayName: "Poster or leaflet (*.pdf)", Pattern: "*.pdf"}},
}

// PublishYouSaidWeDid makes a "you said, we did" of the chosen actions, asks where to
// save it, and records the publication: the actions become published and, if they were
// not yet, communicated back with its date and channel. The form is checked before the
// dialog (EINVALID with a message per field); the publication is recorded only once the
// file is written, and the file appears only once it is recorded, so either both happen
// or neither does. The contact line is remembered for next time.
func (a *App) PublishYouSaidWeDid(req PublishRequest) (PublishResult, error) {
	db, err := a.store()
	if err != nil {
		return PublishResult{}, err
	}
	if err := a.checkFilter(db, &req.Filter); err != nil {
		return PublishResult{}, err
	}
	format, ok := publishFormats[req.Format]
	var p involve.Problems
	if !ok {
		p.Add("format", "Select a web page, formatted email text, plain text or a poster")
	}
	if len(req.ActionIDs) == 0 {
		p.Add("actionIds", "Choose at least one action to publish")
	}
	pub := involve.Publication{Format: req.Format, Channel: req.Channel, PublishedOn: req.PublishedOn, Note: req.Note,
		From: req.Filter.From, To: req.Filter.To, ProjectID: req.Filter.ProjectID, ActionIDs: req.ActionIDs, Language: req.Language}
	if err := pub.Validate(); err != nil {
		for _, fe := range involve.ErrorFields(err) {
			if !p.Has(fe.Field) && fe.Field != "format" && fe.Field != "actionIds" {
				p.Add(fe.Field, fe.Message)
			}
		}
	}
	if err := p.Err("publication"); err != nil {
		return PublishResult{}, err
	}
	if err := db.SetPublicationContact(a.ctx, req.Contact); err != nil {
		return PublishResult{}, err
	}
	d, err := buildYouSaid(a.ctx, db, req.Filter, req.ActionIDs, req.Contact, req.Language)
	if err != nil {
		return PublishResult{}, err
	}
	if len(d.Items) == 0 {
		return PublishResult{}, involve.Errorf(involve.EINVALID, "None of the chosen actions can be published: each repeats words a "+
			"person did not agree to share and has no theme. Add a theme or reword what people said.")
	}
	body, err := publish.Bytes(format.write, d)
	if err != nil {
		return PublishResult{}, err
	}
	path, err := a.choosePublishFile(req, format.ext, format.filter)
	if err != nil || path == "" {
		return PublishResult{Cancelled: path == ""}, err
	}
	// only what the file holds is recorded (an action left out is not "published")
	pub.Language = d.Language
	pub.ActionIDs = pub.ActionIDs[:0]
	for _, it := range d.Items {
		pub.ActionIDs = append(pub.ActionIDs, it.ActionID)
	}
	var saved *involve.Publication
	err = publish.SaveFile(path, body, func() error {
		var err error
		saved, err = db.RecordPublication(a.ctx, &pub)
		return err
	})
	if err != nil {
		return PublishResult{}, err
	}
	a.rememberExport(ExportResult{Files: []string{path}}) // "Open" and "Show in folder" may take it
	a.changed(involve.EntityPublication, saved.ID)
	for _, id := range saved.ActionIDs {
		a.changed(involve.EntityAction, id)
	}
	return PublishResult{Path: path, PublicationID: saved.ID, Actions: len(saved.ActionIDs)}, nil
}

// buildYouSaid builds from the store with the team's name and the contact line (the
// remembered one when contact is ""), in English or the language given.
func buildYouSaid(ctx context.Context, db *store.DB, f report.Filter, ids []string, contact, language string) (*publish.YouSaidWeDid, error) {
	team, err := db.StallName(ctx)
	if err != nil {
		return nil, err
	}
	if contact == "" {
		if contact, err = db.PublicationContact(ctx); err != nil {
			return nil, err
		}
	}
	return publish.Build(ctx, db, f, publish.Options{Team: team, Contact: contact, Now: time.Now(), ActionIDs: ids, Language: language})
}

// publishLanguages lists the languages the items can be published in, by code.
func publishLanguages(ctx context.Context, db *store.DB, items []publish.Item) ([]PublishLanguage, error) {
	all, err := db.ActionTranslations(ctx)
	if err != nil {
		return nil, err
	}
	byCode := map[string]*PublishLanguage{}
	for _, it := range items {
		for code, tr := range all[it.ActionID] {
			t, ok := publish.Translated(it, tr)
			if !ok {
				continue
			}
			l := byCode[code]
			if l == nil {
				l = &PublishLanguage{Code: code, Name: tr.LanguageName, RTL: tr.RTL(), PosterCannotShow: []string{}}
				byCode[code] = l
			}
			l.ActionIDs = append(l.ActionIDs, it.ActionID)
			if t.PosterCannotShow {
				l.PosterCannotShow = append(l.PosterCannotShow, it.ActionID)
			}
		}
	}
	out := make([]PublishLanguage, 0, len(byCode))
	for _, l := range byCode {
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// choosePublishFile asks where to save (or uses the test hook's folder); "" when the
// person closed the dialog. The name says what and when: you-said-we-did-2026-12-06.html,
// you-said-we-did-2026-12-06-poster.pdf.
func (a *App) choosePublishFile(req PublishRequest, ext string, filter runtime.FileFilter) (string, error) {
	name := "you-said-we-did-" + req.PublishedOn
	if req.Format == involve.PublicationEmailHTML || req.Format == involve.PublicationEmailText {
		name += "-email"
	}
	if req.Format == involve.PublicationPoster {
		name += "-poster"
	}
	return a.chooseSaveFile(a.ctx, name+ext, "Save the “you said, we did”", filter)
}

// ActionPublication is where an action was last published: the actions board shows
// "Published on 6 December 2026 (Web page)" on its card.
type ActionPublication struct {
	ActionID    string `json:"actionId"`
	PublishedOn string `json:"publishedOn"` // YYYY-MM-DD
	Format      string `json:"format"`
	FormatLabel string `json:"formatLabel"` // "Web page"
	Language    string `json:"language"`    // "" English, else its BCP 47 code
}

// ListActionPublications gives, for each action in a "you said, we did" publication,
// the latest one it was in (by date published).
func (a *App) ListActionPublications() ([]ActionPublication, error) {
	return read(a, func(db *store.DB) ([]ActionPublication, error) {
		pubs, err := db.Publications(a.ctx, "")
		if err != nil {
			return nil, err
		}
		latest := map[string]*involve.Publication{}
		var order []string
		for _, p := range pubs {
			for _, id := range p.ActionIDs {
				if q, ok := latest[id]; !ok {
					order = append(order, id)
					latest[id] = p
				} else if p.PublishedOn > q.PublishedOn {
					latest[id] = p
				}
			}
		}
		out := make([]ActionPublication, 0, len(order))
		for _, id := range order {
			p := latest[id]
			out = append(out, ActionPublication{ActionID: id, PublishedOn: p.PublishedOn, Format: p.Format,
				FormatLabel: involve.LabelOf(involve.PublicationFormats, p.Format), Language: p.Language})
		}
		return out, nil
	})
}
