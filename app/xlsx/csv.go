package xlsx

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/report"
)

// CSVSheets are the row sheets that can be written as CSV files, each as
// "<name>.csv": Sessions, Feedback, You said we did (actions), Outcomes and impact
// (outcomes) and LEP contribution (lep), and the responses to question sets
// (responses: one row per response, one column per question; questions.go).
var CSVSheets = []string{"sessions", "feedback", "actions", "outcomes", "lep", "responses"}

// utf8BOM starts every CSV file so that Excel reads it as UTF-8 (£, é).
const utf8BOM = "\uFEFF"

// WriteCSV writes one row sheet as CSV: UTF-8 with a byte order mark, CRLF line ends,
// RFC 4180 quoting, the sheet's columns and consent rule, dates as YYYY-MM-DD, and
// text that a spreadsheet would read as a formula prefixed with a single quote.
// An unknown sheet is an EINVALID error.
func WriteCSV(ctx context.Context, w io.Writer, sheet string, src report.Source, f report.Filter, opt Options) error {
	var cols []column
	switch sheet {
	case "sessions":
		cols = sessionColumns
	case "feedback":
		cols = feedbackColumns
	case "actions":
		cols = actionColumns
	case "outcomes":
		cols = outcomeColumns
	case "lep":
		cols = lepColumns
	case "responses":
		if err := f.Validate(); err != nil {
			return err
		}
		return writeResponsesCSV(ctx, w, src, f)
	default:
		return invalid("There is no CSV file called %q: choose one of %s", sheet, strings.Join(CSVSheets, ", "))
	}
	if err := f.Validate(); err != nil {
		return err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	p, err := newPass(ctx, src, f, now, opt)
	if err != nil {
		return err
	}
	// Outcomes and LEP rows need the sessions only; actions need the feedback too
	// (an action answering feedback of a session inside the filter is covered).
	if sheet == "sessions" || sheet == "outcomes" || sheet == "lep" { // count sessions only
		p.total = 0
		if c, ok := src.(report.Counter); ok && opt.Progress != nil {
			if p.total, _, err = c.Count(ctx, f); err != nil {
				return err
			}
		}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.Name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	write := func(vals []any) error {
		for i, v := range vals {
			rec[i] = csvValue(v)
		}
		return cw.Write(rec)
	}
	switch sheet {
	case "sessions":
		err = p.sessions(write)
	case "feedback":
		if err = p.sessions(nil); err == nil {
			err = p.feedback(write)
		}
	default:
		if err = p.sessions(nil); err == nil && sheet == "actions" {
			err = p.feedback(nil)
		}
		if err == nil {
			var rows [][]any
			switch sheet {
			case "actions":
				rows = p.actionRows()
			case "outcomes":
				rows = p.outcomeRows()
			default:
				rows = p.lepRows()
			}
			for _, r := range rows {
				if err = write(r); err != nil {
					break
				}
			}
		}
	}
	if err != nil {
		return err
	}
	if err := p.finish(); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func csvValue(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return csvText(v)
	case int:
		return strconv.Itoa(v)
	case time.Time:
		return v.Format(time.DateOnly)
	case money:
		return v.text()
	case hours:
		return strconv.FormatFloat(v.value(), 'f', 2, 64)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// WriteCSVDir writes every CSV file (CSVSheets: sessions.csv, feedback.csv,
// actions.csv, outcomes.csv, lep.csv, responses.csv) into dir, each by way
// of a ".partial" file, and returns their paths. On an error or a cancel the files it
// has written are removed, so that dir never holds half an export.
func WriteCSVDir(ctx context.Context, dir string, src report.Source, f report.Filter, opt Options) ([]string, error) {
	var paths []string
	for _, sheet := range CSVSheets {
		path := filepath.Join(dir, sheet+".csv")
		if err := writeAtomic(path, func(w io.Writer) error {
			return WriteCSV(ctx, w, sheet, src, f, opt)
		}); err != nil {
			for _, p := range paths {
				_ = os.Remove(p)
			}
			return nil, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
