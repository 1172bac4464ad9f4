package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/publish"
)

// cmdExportYouSaid writes "you said, we did" for the public (--you-said-we-did FILE):
// the done actions the filters cover, as a web page (.html), email text (.txt) or an
// A4 poster or leaflet (.pdf). As for the others, no publication is recorded. The
// team's name is the one set in Settings for the kiosk; --contact gives the contact
// line; --language CODE writes the actions' words in that language where they have a
// translation (publish.Options.Language). Every filter, the language code and the
// file's kind are checked before anything is read; the file
// appears whole or not at all.
func cmdExportYouSaid(ctx context.Context, dir string) error {
	a := exportArgs
	if a.out != "-" {
		return usageErrorf("--out is for the JSON Lines export; you said, we did goes to --you-said-we-did FILE")
	}
	var write func(io.Writer, *publish.YouSaidWeDid) error
	switch strings.ToLower(filepath.Ext(a.youSaid)) {
	case ".html", ".htm":
		write = publish.WebPage
	case ".txt":
		write = publish.EmailText
	case ".pdf":
		write = publish.Poster
	default:
		return usageErrorf("--you-said-we-did: %q must end in .html (a web page), .txt (email or newsletter text) or .pdf (a poster or leaflet)\nNothing was written", a.youSaid)
	}
	if !publish.ContactLineOK(a.contact) {
		return usageErrorf("--contact: one line of 200 characters or fewer\nNothing was written")
	}
	if a.language != "" && !involve.ValidLanguage(a.language) {
		return usageErrorf("--language: %q is not a language code: use one such as pl, es or ar\nNothing was written", a.language)
	}
	f, err := reportFilter(a.from, a.to, a.borough, a.typ)
	if err != nil {
		return err
	}
	db, err := openSealed(ctx, dir) // the report model reads partners' records (pseudonymised)
	if err != nil {
		return err
	}
	defer db.Close()
	if f.ProjectID, err = findProject(ctx, db, a.project); err != nil {
		return err
	}
	team, err := db.StallName(ctx)
	if err != nil {
		return err
	}
	d, err := publish.Build(ctx, db, f, publish.Options{Team: team, Contact: a.contact, Now: time.Now(), Language: a.language})
	if err != nil {
		return err
	}
	body, err := publish.Bytes(write, d)
	if err != nil {
		return err
	}
	if err := publish.SaveFile(a.youSaid, body, nil); err != nil {
		return err
	}
	fmt.Fprintf(reportOut, "you said, we did: %s to %s", involve.Plural(len(d.Items), "action", "actions"), a.youSaid)
	if d.Language != "" {
		fmt.Fprintf(reportOut, "; in %s, %d in English (no translation)", d.LanguageName, d.Untranslated)
	}
	if d.Withheld > 0 {
		fmt.Fprintf(reportOut, "; %d left out: their \"you said\" repeats words a person did not agree to share (or whose agreement this laptop cannot check) and they have no theme", d.Withheld)
	}
	fmt.Fprintln(reportOut)
	return nil
}
