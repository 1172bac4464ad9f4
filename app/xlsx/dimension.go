package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Every worksheet states its used range in <dimension ref="A1:J1001"/>, and readers
// that trust it (openpyxl in read-only mode, some importers) read no further. excelize
// writes "A1" on every sheet of a new file and, on a streamed sheet, writes the element
// before the first row, when the size is not yet known. So the book notes the range of
// every cell it writes, and the zip writer puts the true range into each worksheet part
// as it passes through: streamed sheets stay streamed, nothing is parsed again.

// usedRange is the bounding box of the cells written on one sheet (1-based).
type usedRange struct{ minCol, minRow, maxCol, maxRow int }

func (u *usedRange) add(col, row int) {
	if u.maxRow == 0 {
		*u = usedRange{col, row, col, row}
		return
	}
	u.minCol, u.minRow = min(u.minCol, col), min(u.minRow, row)
	u.maxCol, u.maxRow = max(u.maxCol, col), max(u.maxRow, row)
}

func (u usedRange) ref() string {
	if u.maxRow == 0 {
		return "A1"
	}
	from, to := ref(u.minCol, u.minRow), ref(u.maxCol, u.maxRow)
	if from == to {
		return from
	}
	return from + ":" + to
}

// used notes that a cell of the named sheet holds a value or a style.
func (bk *book) used(sheet string, col, row int) {
	u := bk.ranges[sheet]
	if u == nil {
		u = &usedRange{}
		bk.ranges[sheet] = u
	}
	u.add(col, row)
}

// dimensionParts maps each worksheet part of the file ("xl/worksheets/sheet3.xml") to
// the used range of its sheet, and each row sheet's part to its data rows. A new
// file's sheets live at sheet<ID>.xml (excelize's NewSheet and the default Sheet1).
func (bk *book) dimensionParts() (map[string]string, map[string]*sheetRows) {
	parts := make(map[string]string, len(bk.ranges))
	rows := make(map[string]*sheetRows, len(bk.rowsOf))
	for id, name := range bk.x.GetSheetMap() {
		part := "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
		if r := bk.rowsOf[name]; r != nil {
			rows[part] = r
		}
		u := bk.ranges[name]
		if u == nil {
			continue
		}
		parts[part] = u.ref()
	}
	return parts, rows
}

// writeZip writes the file to w through a dimensionZip, which also compresses
// (deflate.go). The zip goes straight to w: excelize's own Write would first collect
// the whole compressed file in a buffer.
func (bk *book) writeZip(w io.Writer) error {
	parts, rows := bk.dimensionParts()
	for part := range rows {
		if _, ok := parts[part]; !ok {
			return fmt.Errorf("writing the workbook: %s has rows but no used range", part)
		}
	}
	bk.x.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, newDeflater)
		return &dimensionZip{Writer: zw, parts: parts, rows: rows}
	})
	// excelize hands the zip writer a buffer of its own and copies that buffer to its
	// writer afterwards: it stays empty, as every part went to w.
	var rest countingWriter
	if err := bk.x.Write(&rest); err != nil {
		return err
	}
	if rest.n != 0 {
		return fmt.Errorf("writing the workbook: %d bytes came outside the zip writer", rest.n)
	}
	return nil
}

// countingWriter counts the bytes written to it and drops them.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// dimensionZip is a zip writer that rewrites the dimension element of the parts it
// knows. The element comes within a worksheet's first few hundred bytes (after the
// sheet properties), so only that much is held back. A row sheet's part (excelize
// writes it whole, with the header row as its only row) is held back whole and goes
// into the file with the sheet's data rows after the header row.
type dimensionZip struct {
	*zip.Writer
	parts map[string]string
	rows  map[string]*sheetRows
	open  partWriter // the part being written, if it is being rewritten
}

type partWriter interface {
	io.Writer
	finish() error
}

func (z *dimensionZip) Create(name string) (io.Writer, error) {
	if err := z.finishPart(); err != nil {
		return nil, err
	}
	ref, ok := z.parts[name]
	if rows := z.rows[name]; rows != nil {
		z.open = &rowSheetPart{z: z.Writer, ref: ref, part: name, rows: rows}
		return z.open, nil
	}
	w, err := z.Writer.Create(name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return w, nil
	}
	z.open = &dimensionWriter{w: w, ref: ref, part: name}
	return z.open, nil
}

func (z *dimensionZip) Close() error {
	if err := z.finishPart(); err != nil {
		return err
	}
	return z.Writer.Close()
}

func (z *dimensionZip) finishPart() error {
	if z.open == nil {
		return nil
	}
	dw := z.open
	z.open = nil
	return dw.finish()
}

// dimensionLimit is how far into a part the dimension element is looked for.
const dimensionLimit = 64 << 10

var (
	dimensionOpen = []byte(`<dimension ref="`)
	quote         = []byte(`"`)
)

type dimensionWriter struct {
	w    io.Writer
	ref  string
	part string
	head []byte // held back until the element is found
	done bool
}

func (d *dimensionWriter) Write(p []byte) (int, error) {
	if d.done {
		return d.w.Write(p)
	}
	// Look in what came so far: p itself when nothing is held back (a small sheet comes
	// in one write; it is not copied), else what is held back followed by p.
	data := p
	if len(d.head) > 0 {
		d.head = append(d.head, p...)
		data = d.head
	}
	if i := bytes.Index(data, dimensionOpen); i >= 0 {
		start := i + len(dimensionOpen)
		if j := bytes.Index(data[start:], quote); j >= 0 {
			d.done, d.head = true, nil
			for _, part := range [][]byte{data[:start], []byte(d.ref), data[start+j:]} {
				if _, err := d.w.Write(part); err != nil {
					return 0, err
				}
			}
			return len(p), nil
		}
	}
	if len(data) > dimensionLimit {
		return 0, fmt.Errorf("writing the workbook: %s has no dimension element in its first %d bytes", d.part, dimensionLimit)
	}
	if len(d.head) == 0 {
		d.head = append([]byte(nil), p...) // held back: the caller may reuse p
	}
	return len(p), nil
}

// finish writes what was held back; a part that ended without the element is an
// error (excelize writes one on every worksheet).
func (d *dimensionWriter) finish() error {
	if d.done {
		return nil
	}
	return fmt.Errorf("writing the workbook: %s has no dimension element", d.part)
}

// rowSheetPart holds back a row sheet's part, as excelize writes it, and then writes
// it with its used range and with the data rows before the end of its sheetData.
type rowSheetPart struct {
	z    *zip.Writer
	ref  string
	part string
	rows *sheetRows
	buf  []byte
}

// rowSheetLimit is the most a row sheet's part may hold without its data rows (the
// columns, panes, header row and table: a few kilobytes).
const rowSheetLimit = 1 << 20

var sheetDataEnd = []byte(`</sheetData>`)

func (p *rowSheetPart) Write(b []byte) (int, error) {
	if len(p.buf)+len(b) > rowSheetLimit {
		return 0, fmt.Errorf("writing the workbook: %s is larger than %d bytes without its rows", p.part, rowSheetLimit)
	}
	p.buf = append(p.buf, b...)
	return len(b), nil
}

func (p *rowSheetPart) finish() error {
	end := bytes.Index(p.buf, sheetDataEnd)
	if end < 0 || bytes.Count(p.buf, sheetDataEnd) != 1 {
		return fmt.Errorf("writing the workbook: %s has no single end of its sheet data", p.part)
	}
	var head bytes.Buffer
	dw := &dimensionWriter{w: &head, ref: p.ref, part: p.part}
	if _, err := dw.Write(p.buf[:end]); err != nil {
		return err
	}
	if err := dw.finish(); err != nil {
		return err
	}
	return p.rows.writePart(p.z, p.part, head.Bytes(), p.buf[end:])
}
