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
// "<name>.csv" (a later issue adds actions, outcomes and LEP rows).
var CSVSheets = []string{"sessions", "feedback"}

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
	if sheet == "sessions" { // the feedback pass is not needed: count sessions only
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
	if sheet == "sessions" {
		err = p.sessions(write)
	} else if err = p.sessions(nil); err == nil {
		err = p.feedback(write)
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
	}
	return ""
}

// WriteCSVDir writes every CSV file (sessions.csv, feedback.csv) into dir, each by way
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
