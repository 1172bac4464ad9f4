package xlsx

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hin-south-london/involve/app/report"
)

var (
	cellRefRE   = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"`)
	dimensionRE = regexp.MustCompile(`<dimension ref="([^"]*)"`)
)

// worksheetParts reads every worksheet part of a workbook: part name → XML.
func worksheetParts(t *testing.T, path string) map[string]string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	parts := map[string]string{}
	for _, f := range z.File {
		if ok, _ := filepath.Match("xl/worksheets/sheet*.xml", f.Name); !ok {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
	}
	return parts
}

// cellsRange is the range of the <c> elements of a worksheet's XML, worked out from
// the cells themselves (not from anything the writer noted).
func cellsRange(t *testing.T, sheetXML string) string {
	t.Helper()
	var u usedRange
	for _, m := range cellRefRE.FindAllStringSubmatch(sheetXML, -1) {
		col, row, err := excelize.CellNameToCoordinates(m[1])
		if err != nil {
			t.Fatal(err)
		}
		u.add(col, row)
	}
	return u.ref()
}

// TestEverySheetDeclaresItsUsedRange: every worksheet's <dimension ref> is the range
// of the cells it holds, on small sheets, streamed sheets, an empty period and a row
// sheet split in three. It failed with "A1" on every sheet.
func TestEverySheetDeclaresItsUsedRange(t *testing.T) {
	cases := []struct {
		name string
		src  report.Source
		f    report.Filter
		opt  Options
	}{
		{"fixture", fixture(), report.Filter{}, Options{}},
		{"quarter", fixture(), quarter, Options{}},
		{"questions", withResponses(fixture()), quarter, Options{}},
		{"empty period", fixture(), report.Filter{From: "2001-01-01", To: "2001-01-31"}, Options{}},
		{"split", bigSource(3, 23), report.Filter{}, Options{MaxRowsPerSheet: 10}},
		{"1000 rows", bigSource(40, 1000), report.Filter{}, Options{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, path := writeBook(t, c.src, c.f, c.opt)
			parts := worksheetParts(t, path)
			if len(parts) < len(Sheets) {
				t.Fatalf("%d worksheet parts", len(parts))
			}
			for name, x := range parts {
				m := dimensionRE.FindStringSubmatch(x)
				if m == nil {
					t.Errorf("%s: no dimension element", name)
					continue
				}
				if want := cellsRange(t, x); m[1] != want {
					t.Errorf("%s: dimension %q, cells span %q", name, m[1], want)
				}
			}
		})
	}
}

// TestOpenpyxlReadOnlyReadsEveryRow reads the workbook with an independent reader that
// trusts the declared range: Debian's python3-openpyxl in read-only mode. Each sheet's
// row count must equal excelize's own reading; the 1000-row Feedback sheet came back
// as its header alone. It skips when openpyxl is missing, unless CI=true.
func TestOpenpyxlReadOnlyReadsEveryRow(t *testing.T) {
	const python = "/usr/bin/python3" // Debian's, where python3-openpyxl installs
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3-openpyxl is not installed (scripts/deps.sh test): %v", err)
		}
		t.Skip("python3-openpyxl not installed")
	}
	x, _, path := writeBook(t, bigSource(40, 1000), report.Filter{}, Options{})
	script := `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
out = {}
for ws in wb.worksheets:
    out[ws.title] = {"max_row": ws.max_row, "rows": sum(1 for _ in ws.iter_rows(values_only=True))}
print(json.dumps(out))
`
	out, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var got map[string]struct{ MaxRow, Rows int }
	if err := json.Unmarshal([]byte(strings.NewReplacer(`"max_row"`, `"MaxRow"`, `"rows"`, `"Rows"`).Replace(string(out))), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, sheet := range x.GetSheetList() {
		want := len(rows(t, x, sheet))
		g, ok := got[sheet]
		if !ok {
			t.Errorf("openpyxl did not see sheet %q", sheet)
			continue
		}
		if g.MaxRow != want || g.Rows != want {
			t.Errorf("%s: openpyxl read-only sees max_row %d and %d rows, excelize reads %d", sheet, g.MaxRow, g.Rows, want)
		}
	}
	if got[SheetFeedback].Rows != 1001 {
		t.Errorf("Feedback: openpyxl read %d rows, want 1001", got[SheetFeedback].Rows)
	}
}

// TestDimensionWriterSplitWrites: the element found whether it comes in one write or
// split across several (a streamed sheet is copied in chunks), and a part without it
// is an error rather than a sheet written with the wrong range.
func TestDimensionWriterSplitWrites(t *testing.T) {
	const xml = `<worksheet><sheetPr/><dimension ref="A1"/><sheetData><row r="1"/></sheetData></worksheet>`
	for _, size := range []int{1, 3, 7, 16, len(xml)} {
		var out strings.Builder
		w := &dimensionWriter{w: &out, ref: "A1:C9", part: "sheet1.xml"}
		for i := 0; i < len(xml); i += size {
			if _, err := w.Write([]byte(xml[i:min(i+size, len(xml))])); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.finish(); err != nil {
			t.Fatal(err)
		}
		if want := strings.Replace(xml, `ref="A1"`, `ref="A1:C9"`, 1); out.String() != want {
			t.Errorf("writes of %d bytes: %s", size, out.String())
		}
	}
	w := &dimensionWriter{w: io.Discard, ref: "A1:C9", part: "sheet2.xml"}
	if _, err := w.Write([]byte("<worksheet></worksheet>")); err != nil {
		t.Fatal(err)
	}
	if err := w.finish(); err == nil {
		t.Error("a part without a dimension element was accepted")
	}
}
