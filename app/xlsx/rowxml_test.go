package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// excelizeRows writes rows with excelize's StreamWriter.SetRow (each value as a Cell
// with the column's style, as the row sheets did before rowxml.go) and returns what
// the sheet's sheetData holds.
func excelizeRows(t *testing.T, styles []int, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			if v != nil {
				cells[j] = &excelize.Cell{StyleID: styles[j], Value: v}
			}
		}
		if err := sw.SetRow(ref(1, i+1), cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		start, end := bytes.Index(data, []byte("<sheetData>")), bytes.Index(data, []byte("</sheetData>"))
		if start < 0 || end < start {
			t.Fatalf("no sheetData in %s", data)
		}
		return data[start+len("<sheetData>") : end]
	}
	t.Fatal("no sheet1.xml")
	return nil
}

// ourRows writes the same rows with rowxml.go.
func ourRows(t *testing.T, styles []int, rows [][]any) []byte {
	t.Helper()
	var b []byte
	for i, row := range rows {
		b = appendRowStart(b, i+1)
		for j, v := range row {
			if v == nil {
				continue
			}
			col, _ := excelize.ColumnNumberToName(j + 1)
			var err error
			if b, err = appendCell(b, col, i+1, styles[j], v); err != nil {
				t.Fatal(err)
			}
		}
		b = append(b, `</row>`...)
	}
	return b
}

func sameRows(t *testing.T, styles []int, rows [][]any) {
	t.Helper()
	want, got := excelizeRows(t, styles, rows), ourRows(t, styles, rows)
	if bytes.Equal(want, got) {
		return
	}
	w, g := string(want), string(got)
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	t.Fatalf("rows differ at byte %d:\nexcelize: %.300s\nours:     %.300s", i, w[max(0, i-100):], g[max(0, i-100):])
}

// The row sheets' XML is byte for byte what excelize's StreamWriter wrote for the same
// values: text (escaping, spaces kept, Excel's _xHHHH_ escapes, long text), whole
// numbers and dates (before, inside and after 1900's odd months, and far ahead).
func TestRowXMLAsExcelize(t *testing.T) {
	texts := []string{"", "plain", " leading", "trailing ", "\tTab", "line\nbreak", "ends with a line\n", "cr\r\nlf",
		`quotes "double" 'single'`, "<tag> & amp; &lt;", "&#xA; literally", "_x0041_", "_x005F_x0041_", "_x005F_", "_x005f_",
		"a_xD800_b", "_x12G4_", "__x0041__", "_x0041", "x0041_", "_x005F_x12", "emoji 😀 ünïcödé", "\uFFFD", "ctrl\x01char\x1f",
		"bad utf8 \xff\xfe end", "\ufffe\uffff", "=1+2", "Ωμέγα עברית العربية", strings.Repeat("long é text ", 4000),
		strings.Repeat("😀", 20000), strings.Repeat("_x0041_", 10)}
	var rows [][]any
	for _, s := range texts {
		rows = append(rows, []any{cellText(s), nil, 7})
	}
	for _, d := range []time.Time{
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC),
		time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC), time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC), time.Date(2189, 6, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2500, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("UTC+1", 3600)),
	} {
		rows = append(rows, []any{nil, d, -5}, []any{"", d, 0})
	}
	rows = append(rows, []any{nil, nil, 123456789}, []any{nil, nil, nil})
	sameRows(t, []int{3, 4, 5}, rows)
	sameRows(t, []int{0, 12, 1}, rows)
}

// TestRowXMLRandomText compares random text made of the characters that matter to the
// escaping.
func TestRowXMLRandomText(t *testing.T) {
	alphabet := []string{"_", "x", "X", "0", "5", "F", "f", "A", "g", "D", "8", " ", "\t", "\n", "\r", "&", "<", ">", `"`, "'",
		"é", "😀", "\uFFFD", "a", "_x", "005F", "_x005F_", "\x01", "\xff"}
	r := rand.New(rand.NewPCG(17, 2026))
	var rows [][]any
	for range 3000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		rows = append(rows, []any{cellText(b.String())})
	}
	sameRows(t, []int{2}, rows)
}
