package xlsx

import (
	"context"
	"os"

	"github.com/hin-south-london/involve/app/report"
)

// Export says what ExportWorkbook or ExportCSV wrote. The desktop app's Export buttons
// and `involve export --xlsx/--csv` both export through these two functions.
type Export struct {
	Path     string   // the workbook, or the folder of the CSV files
	Files    []string // every file written
	Sessions int      // sessions covered
	Feedback int      // feedback items covered
	Bytes    int64    // the size of every file written
}

// ExportWorkbook writes the summary workbook for f to path (WriteFile: all or nothing,
// and a cancelled ctx stops it) and says what it wrote.
func ExportWorkbook(ctx context.Context, path string, src report.Source, f report.Filter, opt Options) (Export, error) {
	fig, err := WriteFile(ctx, path, src, f, opt)
	if err != nil {
		return Export{}, err
	}
	files := []string{path}
	return Export{Path: path, Files: files, Sessions: fig.Sessions, Feedback: fig.FeedbackItems, Bytes: sizeOf(files)}, nil
}

// CountingSource is a report.Source that counts what a filter covers (the laptop's
// store does).
type CountingSource interface {
	report.Source
	report.Counter
}

// ExportCSV writes the CSV files of the summary's row sheets for f into dir
// (WriteCSVDir: all or nothing, and a cancelled ctx stops it), making dir if it is
// missing (it is left behind, empty, when the export fails), and says what it wrote.
// opt.Progress follows each file from 0 to its own total, or with opt.ProgressOverall
// all the files as one count.
func ExportCSV(ctx context.Context, dir string, src CountingSource, f report.Filter, opt Options) (Export, error) {
	sessions, feedback, err := src.Count(ctx, f)
	if err != nil {
		return Export{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Export{}, err
	}
	if opt.ProgressOverall && opt.Progress != nil {
		// sessions.csv counts the sessions, feedback.csv reads them again before its
		// feedback; the other files are small
		opt.Progress = overall(sessions+sessions+feedback, opt.Progress)
	}
	files, err := WriteCSVDir(ctx, dir, src, f, opt)
	if err != nil {
		return Export{}, err
	}
	return Export{Path: dir, Files: files, Sessions: sessions, Feedback: feedback, Bytes: sizeOf(files)}, nil
}

// overall turns the progress of files written one after the other, each counting
// from 0 to its own total, into one count to total.
func overall(total int, progress func(done, total int)) func(done, total int) {
	base, lastDone, lastTotal := 0, 0, -1
	return func(done, t int) {
		if lastTotal >= 0 && (t != lastTotal || done < lastDone) {
			base += lastTotal // the next file
		}
		lastDone, lastTotal = done, t
		progress(min(base+done, total), total)
	}
}

// sizeOf is the total size of files.
func sizeOf(files []string) int64 {
	var n int64
	for _, p := range files {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}
