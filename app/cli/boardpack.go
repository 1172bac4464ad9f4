package cli

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/publish"
)

// cmdExportBoardPack writes the board pack (--board-pack FILE): for the filters given,
// outcomes first, then "you said, we did", reach, Lived Experience Partners'
// contribution (by pseudonym) and the UK Standards self-assessment, as a PDF (.pdf) or
// an editable Word document (.docx). It reads what `export --xlsx` reads. The team's
// name is the one set in Settings; the contact line is --contact, or the one last used
// in the app. Every filter and the file's kind are checked before anything is read; the
// file appears whole or not at all.
func cmdExportBoardPack(ctx context.Context, dir string) error {
	a := exportArgs
	if a.out != "-" {
		return usageErrorf("--out is for the JSON Lines export; the board pack goes to --board-pack FILE")
	}
	format, ok := publish.BoardPackFormatOf(a.boardPack)
	if !ok {
		return usageErrorf("--board-pack: %q must end in .pdf (a PDF) or .docx (a Word document)\nNothing was written", a.boardPack)
	}
	if !publish.ContactLineOK(a.contact) {
		return usageErrorf("--contact: one line of 200 characters or fewer\nNothing was written")
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
	contact := a.contact
	if contact == "" {
		if contact, err = db.PublicationContact(ctx); err != nil {
			return err
		}
	}
	start := time.Now()
	p, err := publish.BuildBoardPack(ctx, db, f, publish.BoardPackOptions{Team: team, Contact: contact, Now: start})
	if err != nil {
		return err
	}
	var body bytes.Buffer
	if err := format.Write(&body, p); err != nil {
		return err
	}
	if err := publish.SaveFile(a.boardPack, body.Bytes(), nil); err != nil {
		return err
	}
	stories := len(p.Stories) + p.MoreStories
	fmt.Fprintf(reportOut, "board pack: %s, %s: %s to %s (%s) in %.2f s\n", p.Scope, p.Period,
		involve.Plural(stories, "outcome", "outcomes"), a.boardPack, fileSize(int64(body.Len())), time.Since(start).Seconds())
	return nil
}
