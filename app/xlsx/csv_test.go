package xlsx

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 byte order mark: % x", b[:min(len(b), 8)])
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("not RFC 4180: %v", err)
	}
	return recs
}

func TestCSVDir(t *testing.T) {
	src := fixture()
	src.SessionList[0].Notes = "Line one\nline two, with \"quotes\" — £ é"
	dir := t.TempDir()
	paths, err := WriteCSVDir(context.Background(), dir, src, quarter, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, name := range []string{"sessions", "feedback", "actions", "outcomes", "lep", "responses"} {
		want = append(want, filepath.Join(dir, name+".csv"))
	}
	if !slices.Equal(paths, want) {
		t.Fatalf("paths %q", paths)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(want) {
		t.Errorf("dir holds %v", entries)
	}

	sb, _ := os.ReadFile(paths[0])
	sessions := readCSV(t, sb)
	if !slices.Equal(sessions[0], columnNames(sessionColumns)) {
		t.Errorf("sessions header %q", sessions[0])
	}
	if len(sessions) != 7 {
		t.Errorf("sessions rows %d, want 6 + header", len(sessions))
	}
	if got := sessions[1]; got[0] != "2026-01-12" || got[2] != "Maternity voices" || got[10] != "35" || got[16] != src.SessionList[0].Notes {
		t.Errorf("first session row %q", got)
	}
	// CRLF line ends (the quoted note keeps its own LF inside quotes)
	if !bytes.HasSuffix(sb, []byte("\r\n")) || !bytes.Contains(sb, []byte("Notes\r\n")) {
		t.Errorf("not CRLF")
	}
	if bytes.Contains(bytes.ReplaceAll(sb, []byte("\r\n"), nil), []byte("\r")) {
		t.Errorf("stray CR")
	}

	fb, _ := os.ReadFile(paths[1])
	feedback := readCSV(t, fb)
	if !slices.Equal(feedback[0], columnNames(feedbackColumns)) {
		t.Errorf("feedback header %q", feedback[0])
	}
	texts := map[string]bool{}
	for _, r := range feedback[1:] {
		if r[6] == "No" && r[11] != NoConsentText {
			t.Errorf("text without consent: %q", r[11])
		}
		if strings.Contains(r[11], "secret") {
			t.Errorf("unconsented text %q", r[11])
		}
		if r[0] == "" || len(r[0]) != 10 {
			t.Errorf("date %q", r[0])
		}
		texts[r[11]] = true
	}
	for in, want := range map[string]string{
		"=cmd()": "'=cmd()", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)",
		"A&E was quick": "A&E was quick", "Lovely staff 😀👍": "Lovely staff 😀👍", "Café by the clinic": "Café by the clinic",
		`She said "quick" and it was`: `She said "quick" and it was`,
	} {
		if !texts[want] {
			t.Errorf("%q not written as %q", in, want)
		}
	}
	for _, r := range feedback[1:] {
		if c := r[11]; c != "" && strings.ContainsAny(c[:1], "=+-@") {
			t.Errorf("cell starts with a formula character: %q", c)
		}
	}
}

func columnNames(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

func TestCSVText(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "\tx": "'\tx", "\rx": "'\rx", "ok": "ok", "": "", "a\x00b": "ab", " =x": " =x",
	} {
		if got := csvText(in); got != want {
			t.Errorf("csvText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVUnknownSheet(t *testing.T) {
	var buf bytes.Buffer
	err := WriteCSV(context.Background(), &buf, "people", fixture(), report.Filter{}, Options{})
	if involve.ErrorCode(err) != involve.EINVALID {
		t.Errorf("err %v, want EINVALID", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes", buf.Len())
	}
}

func TestCSVEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(context.Background(), &buf, "feedback", fixture(), report.Filter{From: "2031-01-01"}, Options{}); err != nil {
		t.Fatal(err)
	}
	if recs := readCSV(t, buf.Bytes()); len(recs) != 1 {
		t.Errorf("records %d, want the header only", len(recs))
	}
}

func TestCSVDirCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := &cancelSource{MemSource: bigSource(5, 3000), n: 500, cancel: cancel}
	dir := t.TempDir()
	if _, err := WriteCSVDir(ctx, dir, src, report.Filter{}, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
}
