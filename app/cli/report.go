package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/xlsx"
)

// Where `involve export --xlsx/--csv` writes its summary line and its progress (tests
// replace them).
var reportOut, reportErr io.Writer = os.Stdout, os.Stderr

// cmdExportReport writes the summary workbook (--xlsx) and/or the CSV files of its row
// sheets (--csv) for the filters given. Every filter is checked before anything is
// written; a bad one is a usage error. It reads through the store like the JSON Lines
// export, so it works while the app is open.
func cmdExportReport(ctx context.Context, dir string) error {
	a := exportArgs
	if a.out != "-" {
		return usageErrorf("--out is for the JSON Lines export; a summary goes to --xlsx FILE or --csv DIR")
	}
	f, err := reportFilter(a.from, a.to, a.borough, a.typ)
	if err != nil {
		return err
	}
	db, err := openSealed(ctx, dir) // the summary reads partners' records (pseudonymised)
	if err != nil {
		return err
	}
	defer db.Close()
	if f.ProjectID, err = findProject(ctx, db, a.project); err != nil {
		return err
	}
	// What a summary holds in memory at once is bounded (up to 16 MiB of a streamed
	// sheet inside excelize, a 2 MB page cache for the scan), but Go lets garbage grow
	// to twice the live heap: without a limit the process grew from 67 MB at 10,000
	// items to 118 MB at 100,000. A soft limit (unless GOMEMLIMIT sets one) keeps it
	// near 100 MB at the same speed (docs/benchmarks.md).
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(64 << 20)
	}
	opt := xlsx.Options{AppVersion: version, Now: time.Now()}
	if a.xlsx != "" {
		start := time.Now()
		opt.Progress = progressLine("workbook")
		res, err := xlsx.ExportWorkbook(ctx, a.xlsx, db, f, opt)
		endProgress()
		if err != nil {
			return err
		}
		fmt.Fprintf(reportOut, "xlsx: %s sessions, %s feedback items to %s (%s) in %.2f s\n",
			thousands(res.Sessions), thousands(res.Feedback), a.xlsx, fileSize(res.Bytes), time.Since(start).Seconds())
	}
	if a.csv != "" {
		start := time.Now()
		opt.Progress = progressLine("CSV files")
		res, err := xlsx.ExportCSV(ctx, a.csv, db, f, opt) // all or nothing, on a failure or Ctrl-C
		endProgress()
		if err != nil {
			return err
		}
		fmt.Fprintf(reportOut, "csv: %s sessions, %s feedback items to %d files in %s (%s) in %.2f s\n",
			thousands(res.Sessions), thousands(res.Feedback), len(res.Files), a.csv, fileSize(res.Bytes), time.Since(start).Seconds())
	}
	return nil
}

// reportFilter makes and checks the filter from the command line's words: dates as
// YYYY-MM-DD, a borough by ONS code or name, a session type by code or label.
func reportFilter(from, to, borough, typ string) (report.Filter, error) {
	ref := involve.Reference()
	f := report.Filter{From: from, To: to}
	var bad []string
	if borough != "" {
		if code, ok := involve.CodeOf(ref.Boroughs, borough); ok {
			f.Borough = code
		} else {
			bad = append(bad, fmt.Sprintf("--borough: %q is not a borough; use a name or ONS code: %s", borough, choices(ref.Boroughs)))
		}
	}
	if typ != "" {
		if code, ok := involve.CodeOf(ref.SessionTypes, typ); ok {
			f.SessionType = code
		} else {
			bad = append(bad, fmt.Sprintf("--type: %q is not a session type; use one of: %s", typ, choices(ref.SessionTypes)))
		}
	}
	if err := f.Validate(); err != nil {
		flags := map[string]string{"from": "--from", "to": "--to", "borough": "--borough", "sessionType": "--type"}
		for _, fe := range involve.ErrorFields(err) {
			msg := fe.Message
			if strings.HasSuffix(msg, "real date") {
				msg += " (YYYY-MM-DD)"
			}
			bad = append(bad, flags[fe.Field]+": "+msg)
		}
	}
	if len(bad) > 0 {
		return f, usageErrorf("%s\nNothing was written", strings.Join(bad, "\n"))
	}
	return f, nil
}

// findProject resolves --project: a project's id, or the exact name of one live project.
func findProject(ctx context.Context, db *store.DB, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	ps, err := db.Projects(ctx)
	if err != nil {
		return "", err
	}
	var named []involve.Project
	for _, p := range ps {
		if p.ID == s {
			return p.ID, nil
		}
		if p.Name == s && p.DeletedAt == "" {
			named = append(named, p)
		}
	}
	switch len(named) {
	case 1:
		return named[0].ID, nil
	case 0:
		var names []string
		for _, p := range ps {
			if p.DeletedAt == "" {
				names = append(names, fmt.Sprintf("%q", p.Name))
			}
		}
		list := "there are no projects"
		if len(names) > 0 {
			list = "the projects are " + strings.Join(names, ", ")
		}
		return "", usageErrorf("--project: no project has the id or name %q (%s)\nNothing was written", s, list)
	}
	var ids []string
	for _, p := range named {
		ids = append(ids, p.ID)
	}
	return "", usageErrorf("--project: %d projects are called %q; give the id of one: %s\nNothing was written",
		len(named), s, strings.Join(ids, ", "))
}

func choices(items []involve.RefItem) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return strings.Join(out, ", ")
}

var progressShown bool

// progressLine reports rows written on stderr, at most every 100 ms, on one line.
func progressLine(what string) func(done, total int) {
	var last time.Time
	lastDone, lastTotal := 0, -1
	progressShown = false
	return func(done, total int) {
		if progressShown && (total != lastTotal || done < lastDone) {
			fmt.Fprintln(reportErr) // the next file: a line of its own
		}
		lastDone, lastTotal = done, total
		if time.Since(last) < 100*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		progressShown = true
		if total > 0 {
			fmt.Fprintf(reportErr, "\rwriting %s: %s of %s rows (%d%%)", what, thousands(done), thousands(total), done*100/total)
		} else {
			fmt.Fprintf(reportErr, "\rwriting %s: %s rows", what, thousands(done))
		}
	}
}

func endProgress() {
	if progressShown {
		fmt.Fprintln(reportErr)
		progressShown = false
	}
}

// fileSize says n bytes in words, e.g. "12.3 MB".
func fileSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// thousands formats n as 12,345.
func thousands(n int) string { return involve.Thousands(int64(n)) }
