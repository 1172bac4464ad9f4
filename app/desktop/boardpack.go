package desktop

import (
	"bytes"
	"context"
	"errors"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/publish"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
)

// BoardPackResult says what MakeBoardPack wrote.
type BoardPackResult struct {
	Cancelled bool   `json:"cancelled"` // the Save dialog was closed (or CancelExport): nothing was written
	Path      string `json:"path"`
	Format    string `json:"format"` // "pdf" or "docx"
	Title     string `json:"title"`
	Scope     string `json:"scope"`  // "The whole team" or the project's name
	Period    string `json:"period"` // "1 April 2025 to 31 March 2026", or "All dates"
	Stories   int    `json:"stories"`
	YouSaid   int    `json:"youSaid"`
	Bytes     int64  `json:"bytes"`
}

// MakeBoardPack makes the board pack of the filter (a period, a project or the whole
// team) as a PDF ("pdf") or a Word document ("docx"), then asks where to save it. It
// reads what the Reports screen reads, with the team's name and the contact line from
// Settings (as "you said, we did" does). The filter and the format are checked before
// anything is read (EINVALID with a message per field); the pack is made before the
// Save dialog, so that a failure shows on the screen rather than after a choice of file;
// the file appears whole or not at all. One export runs at a time; CancelExport stops
// it.
func (a *App) MakeBoardPack(f report.Filter, format string) (BoardPackResult, error) {
	db, err := a.store()
	if err != nil {
		return BoardPackResult{}, err
	}
	var p involve.Problems
	if err := a.checkFilter(db, &f); err != nil {
		if p = involve.ErrorFields(err); len(p) == 0 {
			return BoardPackResult{}, err
		}
	}
	if _, ok := publish.BoardPackFormats[format]; !ok {
		p.Add("format", "Select PDF or Word")
	}
	if err := p.Err("board pack"); err != nil {
		return BoardPackResult{}, err
	}
	ctx, done, err := a.exports().begin(a.ctx)
	if err != nil {
		return BoardPackResult{}, err
	}
	defer done()
	res, err := a.makeBoardPack(ctx, db, f, format)
	if errors.Is(err, context.Canceled) || (err == nil && res.Cancelled) {
		return BoardPackResult{Cancelled: true, Format: format}, nil
	}
	if err != nil {
		return BoardPackResult{}, err
	}
	a.rememberExport(ExportResult{Files: []string{res.Path}}) // "Open" and "Show in folder" may take it
	return res, nil
}

func (a *App) makeBoardPack(ctx context.Context, db *store.DB, f report.Filter, format string) (BoardPackResult, error) {
	kind := publish.BoardPackFormats[format]
	team, err := db.StallName(ctx)
	if err != nil {
		return BoardPackResult{}, err
	}
	contact, err := db.PublicationContact(ctx)
	if err != nil {
		return BoardPackResult{}, err
	}
	pack, err := publish.BuildBoardPack(ctx, db, f, publish.BoardPackOptions{Team: team, Contact: contact, Now: time.Now()})
	if err != nil {
		return BoardPackResult{}, err
	}
	var body bytes.Buffer
	if err := kind.Write(&body, pack); err != nil {
		return BoardPackResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return BoardPackResult{}, err
	}
	filter := runtime.FileFilter{DisplayName: kind.Label + " (*" + kind.Ext + ")", Pattern: "*" + kind.Ext}
	path, err := a.chooseSaveFile(ctx, boardPackName(f)+kind.Ext, "Save the board pack", filter)
	if err != nil || path == "" {
		return BoardPackResult{Cancelled: path == ""}, err
	}
	if err := publish.SaveFile(path, body.Bytes(), ctx.Err); err != nil {
		return BoardPackResult{}, err
	}
	return BoardPackResult{Path: path, Format: format, Title: pack.Title, Scope: pack.Scope, Period: pack.Period,
		Stories: len(pack.Stories) + pack.MoreStories, YouSaid: youSaidCount(pack), Bytes: int64(body.Len())}, nil
}

func youSaidCount(p *publish.BoardPack) int {
	if p.YouSaid == nil {
		return p.MoreYouSaid
	}
	return len(p.YouSaid.Items) + p.MoreYouSaid
}

// boardPackName is the file's default name: involve-board-pack-2025-04-01-to-2026-03-31.
func boardPackName(f report.Filter) string {
	return "involve-board-pack" + exportName(f)[len("involve-summary"):]
}
