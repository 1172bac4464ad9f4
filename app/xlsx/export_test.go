package xlsx

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/report"
)

func TestExportWorkbook(t *testing.T) {
	src := fixture()
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	e, err := ExportWorkbook(context.Background(), path, src, quarter, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	fig, _ := report.Summarize(context.Background(), src, quarter, testNow)
	if e.Path != path || len(e.Files) != 1 || e.Files[0] != path || e.Bytes != fi.Size() ||
		e.Sessions != fig.Sessions || e.Feedback != fig.FeedbackItems {
		t.Fatalf("got %+v, want %d sessions, %d feedback items, %d bytes", e, fig.Sessions, fig.FeedbackItems, fi.Size())
	}
}

func TestExportCSV(t *testing.T) {
	ctx := context.Background()
	src := fixture()
	sessions, feedback, _ := src.Count(ctx, quarter)

	t.Run("MakesTheFolderAndCounts", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "new", "csv")
		e, err := ExportCSV(ctx, dir, src, quarter, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		var size int64
		for _, p := range e.Files {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			size += fi.Size()
		}
		if e.Path != dir || len(e.Files) != len(CSVSheets) || e.Sessions != sessions || e.Feedback != feedback || e.Bytes != size {
			t.Fatalf("got %+v, want %d sessions, %d feedback items, %d bytes", e, sessions, feedback, size)
		}
	})
	t.Run("ProgressPerFileOrOverall", func(t *testing.T) {
		var perFile, all [][2]int
		if _, err := ExportCSV(ctx, t.TempDir(), src, quarter, Options{Now: testNow,
			Progress: func(done, total int) { perFile = append(perFile, [2]int{done, total}) }}); err != nil {
			t.Fatal(err)
		}
		if _, err := ExportCSV(ctx, t.TempDir(), src, quarter, Options{Now: testNow, ProgressOverall: true,
			Progress: func(done, total int) { all = append(all, [2]int{done, total}) }}); err != nil {
			t.Fatal(err)
		}
		restarts := 0
		for i := 1; i < len(perFile); i++ {
			if perFile[i][1] != perFile[i-1][1] || perFile[i][0] < perFile[i-1][0] {
				restarts++
			}
		}
		if restarts == 0 {
			t.Errorf("per file: one count %v", perFile)
		}
		want := sessions + sessions + feedback
		for i, p := range all {
			if p[1] != want || (i > 0 && p[0] < all[i-1][0]) {
				t.Fatalf("overall: %v, want one count to %d", all, want)
			}
		}
		if len(all) == 0 || all[len(all)-1][0] != want {
			t.Fatalf("overall does not end at %d: %v", want, all)
		}
	})
	t.Run("CancelledWritesNothing", func(t *testing.T) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		dir := t.TempDir()
		c := &cancelSource{MemSource: bigSource(5, 3000), n: 500, cancel: cancel}
		if _, err := ExportCSV(ctx, dir, c, report.Filter{}, Options{}); !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v", err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("left %v", entries)
		}
	})
}
