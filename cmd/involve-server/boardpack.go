package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/hin-south-london/involve/app/publish"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
)

// exportBoardPack writes one team's board pack (export --board-pack FILE --team T): a
// board pack is one team's, so --team is required. The format follows the extension
// (.pdf or .docx); the file, the team and the filters are checked before anything is
// read, the export is audited in the team's log before it is written, and the file
// appears whole or not at all.
func exportBoardPack(ctx context.Context, st serverstore.Store, path, team, contact string, f report.Filter, stdout io.Writer) error {
	format, ok := publish.BoardPackFormatOf(path)
	if !ok {
		return fmt.Errorf("--board-pack: %q must end in .pdf (a PDF) or .docx (a Word document); nothing was written", path)
	}
	file := server.BoardPackFile + format.Ext
	if team == "" {
		return errors.New("--board-pack needs --team NAME or ID: a board pack is one team's")
	}
	if !publish.ContactLineOK(contact) {
		return errors.New("--contact: one line of 200 characters or fewer; nothing was written")
	}
	t, err := findTeam(ctx, st, team)
	if err != nil {
		return err
	}
	f.TeamID = t.ID
	if err := f.Validate(); err != nil {
		return filterError(err)
	}
	now := time.Now()
	audit(ctx, st, serverstore.AuditEntry{At: now.UTC(), TeamID: t.ID, Action: "export",
		Detail: file + " team " + quote(t.Name) + " " + server.FilterDetail(f) + " by " + operator()})
	pack, err := publish.BuildBoardPack(ctx, server.NewReportSource(st, t.ID), f,
		publish.BoardPackOptions{Team: t.Name, Contact: contact, Now: now})
	if err != nil {
		return fmt.Errorf("board pack: %w", filterError(err))
	}
	var body bytes.Buffer
	if err := format.Write(&body, pack); err != nil {
		return fmt.Errorf("board pack: %w", err)
	}
	if err := publish.SaveFile(path, body.Bytes(), nil); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\tteam %s: board pack, %s, %s: %d outcomes\n", path, quote(t.Name), pack.Scope, pack.Period,
		len(pack.Stories)+pack.MoreStories)
	return nil
}
