package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/xlsx"
)

const exportUsage = "export --xlsx FILE [--csv DIR] [--team TEAM] | --board-pack FILE.pdf|FILE.docx --team TEAM [--contact TEXT]; [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--project ID] [--borough CODE] [--type CODE]"

// cmdExport writes the summary workbook (and, with --csv, the CSV files of its row
// sheets) for every team, or for one with --team: the organisation-wide report that
// no device can ask for. Each team covered gets an "export" line in its audit log.
func cmdExport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("export")
	xlsxPath := fs.String("xlsx", "", "write the summary workbook to this file")
	csvDir := fs.String("csv", "", "write the CSV files (sessions.csv, feedback.csv, actions.csv, outcomes.csv, lep.csv, responses.csv) into this directory")
	team := fs.String("team", "", "one team (name or id); default: every team")
	boardPack := fs.String("board-pack", "", "write one team's board pack to this file: .pdf a PDF, .docx a Word document (needs --team)")
	contact := fs.String("contact", "", "the board pack's contact line (one line)")
	var f report.Filter
	fs.StringVar(&f.From, "from", "", "first session date (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "last session date (YYYY-MM-DD)")
	fs.StringVar(&f.ProjectID, "project", "", "one project (id)")
	fs.StringVar(&f.Borough, "borough", "", "sessions in one borough (ONS code, e.g. E09000022)")
	fs.StringVar(&f.SessionType, "type", "", "one session type (code, e.g. workshop)")
	return withStore(ctx, fs, args, 0, exportUsage, func(st serverstore.Store, _ []string) error {
		if *boardPack != "" {
			if *xlsxPath != "" || *csvDir != "" {
				return errors.New("--board-pack is made on its own: run export again for --xlsx or --csv")
			}
			return exportBoardPack(ctx, st, *boardPack, *team, *contact, f, stdout)
		}
		if *contact != "" {
			return errors.New("--contact is for --board-pack FILE")
		}
		if *xlsxPath == "" && *csvDir == "" {
			return fmt.Errorf("say what to write: --xlsx FILE and/or --csv DIR, or --board-pack FILE (usage: involve-server %s)", exportUsage)
		}
		teams, err := st.ListTeams(ctx)
		if err != nil {
			return err
		}
		scope, covered := server.AllTeams, teams
		if *team != "" {
			t, err := findTeam(ctx, st, *team)
			if err != nil {
				return err
			}
			scope, covered, f.TeamID = t.ID, []serverstore.Team{t}, t.ID
		}
		if err := f.Validate(); err != nil {
			return filterError(err)
		}
		now := time.Now()
		opt := xlsx.Options{AppVersion: "involve-server " + version, Now: now}
		what := []string{}
		if *xlsxPath != "" {
			what = append(what, server.SummaryFile)
		}
		if *csvDir != "" {
			for _, sh := range xlsx.CSVSheets {
				what = append(what, sh+".csv")
			}
		}
		scopeText := "organisation-wide (every team)"
		if scope != server.AllTeams {
			scopeText = "team " + quote(covered[0].Name)
		}
		for _, t := range covered {
			audit(ctx, st, serverstore.AuditEntry{At: now.UTC(), TeamID: t.ID, Action: "export",
				Detail: strings.Join(what, ", ") + " " + scopeText + " " + server.FilterDetail(f) + " by " + operator()})
		}

		src := server.NewReportSource(st, scope)
		if *xlsxPath != "" {
			fig, err := xlsx.WriteFile(ctx, *xlsxPath, src, f, opt)
			if err != nil {
				return fmt.Errorf("write %s: %w", *xlsxPath, filterError(err))
			}
			fmt.Fprintf(stdout, "%s\t%s: %d sessions, %d feedback items\n", *xlsxPath, scopeText, fig.Sessions, fig.FeedbackItems)
		}
		if *csvDir != "" {
			if err := os.MkdirAll(*csvDir, 0o700); err != nil {
				return err
			}
			paths, err := xlsx.WriteCSVDir(ctx, *csvDir, server.NewReportSource(st, scope), f, opt)
			if err != nil {
				return fmt.Errorf("write CSV files in %s: %w", *csvDir, filterError(err))
			}
			for _, p := range paths {
				fmt.Fprintf(stdout, "%s\t%s\n", p, scopeText)
			}
		}
		return nil
	})
}

// filterError says what is wrong with the filter flags, one problem per flag.
func filterError(err error) error {
	var ie *involve.Error
	if !errors.As(err, &ie) || len(ie.Fields) == 0 {
		return err
	}
	flagOf := map[string]string{"from": "--from", "to": "--to", "borough": "--borough", "sessionType": "--type", "projectId": "--project"}
	var parts []string
	for _, fe := range ie.Fields {
		name := flagOf[fe.Field]
		if name == "" {
			name = fe.Field
		}
		parts = append(parts, name+": "+fe.Message)
	}
	return errors.New(strings.Join(parts, "; "))
}
