// Package xlsx writes Involve's Excel summary workbook (DESIGN §6) and the CSV files of
// its row sheets from a report.Source, with excelize. Row sheets are streamed, so
// memory does not grow with the number of rows.
package xlsx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// Options tune a workbook or CSV export.
type Options struct {
	AppVersion      string                // shown on the Notes sheet
	Now             time.Time             // "generated at" (zero: time.Now())
	Progress        func(done, total int) // rows written so far of total (0 when unknown); every ~1,000 rows and at the end
	MaxRowsPerSheet int                   // rows on a row sheet, header included, before it continues on "<name> (2)"; 0: Excel's 1,048,576
	// ProgressOverall (ExportCSV) counts Progress over every CSV file together, from 0
	// to their total, instead of from 0 in each file.
	ProgressOverall bool
}

// ExcelMaxRows is the number of rows an Excel worksheet holds.
const ExcelMaxRows = excelize.TotalRows

// Sheet names, in workbook order.
const (
	SheetSummary   = "Summary"
	SheetSessions  = "Sessions"
	SheetReach     = "Reach and diversity"
	SheetFeedback  = "Feedback"
	SheetThemes    = "Themes"
	SheetQuestions = "Questions"
	SheetActions   = "You said we did"
	SheetOutcomes  = "Outcomes and impact"
	SheetLEP       = "LEP contribution"
	SheetGRIPP2    = "GRIPP2 short form"
	SheetNotes     = "Notes"
)

// Sheets are the workbook's sheets in order (a row sheet that passes the row limit
// continues on extra sheets, "Feedback (2)", placed after it).
var Sheets = []string{SheetSummary, SheetSessions, SheetReach, SheetFeedback, SheetThemes, SheetQuestions,
	SheetActions, SheetOutcomes, SheetLEP, SheetGRIPP2, SheetNotes}

// Write writes the workbook for the filter to w and returns the figures on its
// Summary sheet. A cancelled ctx stops it with ctx.Err().
func Write(ctx context.Context, w io.Writer, src report.Source, f report.Filter, opt Options) (*report.Figures, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	p, err := newPass(ctx, src, f, now, opt)
	if err != nil {
		return nil, err
	}
	x := excelize.NewFile()
	defer x.Close()
	bk, err := newBook(x, opt)
	if err != nil {
		return nil, err
	}
	defer bk.close()
	// Sheets are created in workbook order as the pass reaches them, so that a row
	// sheet's continuations ("Feedback (2)") fall right after it. (MoveSheet and
	// SetActiveSheet are avoided: they parse every sheet, streamed ones included.)
	if err := x.SetSheetName("Sheet1", SheetSummary); err != nil {
		return nil, err
	}
	if _, err := x.NewSheet(SheetSessions); err != nil {
		return nil, err
	}
	rs, err := bk.rowSheet(SheetSessions, sessionColumns)
	if err != nil {
		return nil, err
	}
	if err := p.sessions(rs.add); err != nil {
		return nil, err
	}
	if err := rs.finish(); err != nil {
		return nil, err
	}
	for _, name := range []string{SheetReach, SheetFeedback} {
		if _, err := x.NewSheet(name); err != nil {
			return nil, err
		}
	}
	if rs, err = bk.rowSheet(SheetFeedback, feedbackColumns); err != nil {
		return nil, err
	}
	if err := p.feedback(rs.add); err != nil {
		return nil, err
	}
	if err := rs.finish(); err != nil {
		return nil, err
	}
	for _, name := range Sheets[slices.Index(Sheets, SheetFeedback)+1:] {
		if _, err := x.NewSheet(name); err != nil {
			return nil, err
		}
	}
	fig := p.b.Figures()
	qf, err := report.Questions(ctx, src, f, report.BreakdownRequest{})
	if err != nil {
		return nil, err
	}

	actions, outcomes, lep := p.actionRows(), p.outcomeRows(), p.lepRows()
	for _, step := range []func(*report.Figures) error{bk.summary, bk.reach, bk.themes,
		func(*report.Figures) error { return bk.questions(qf) },
		func(fig *report.Figures) error { return bk.actions(fig, actions) },
		func(fig *report.Figures) error { return bk.outcomes(fig, outcomes) },
		func(fig *report.Figures) error { return bk.lep(fig, lep) },
		bk.gripp2, bk.notes} {
		if err := step(fig); err != nil {
			return nil, err
		}
	}
	// Summary, the first sheet, is the active one (a new file's first sheet is).
	if err := x.SetDocProps(&excelize.DocProperties{
		Title:   "Involve summary report",
		Subject: cleanText(strings.Join(fig.FilterText, "; ")),
		Creator: cleanText("Involve " + opt.AppVersion),
		Created: now.UTC().Format(time.RFC3339),
	}); err != nil {
		return nil, err
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	if err := bk.writeZip(w); err != nil {
		return nil, err
	}
	return fig, nil
}

// WriteFile writes the workbook to path by way of path+".partial", renamed when
// complete; on any error or cancel the partial file is removed and path is untouched.
func WriteFile(ctx context.Context, path string, src report.Source, f report.Filter, opt Options) (*report.Figures, error) {
	var fig *report.Figures
	err := writeAtomic(path, func(w io.Writer) error {
		var err error
		fig, err = Write(ctx, w, src, f, opt)
		return err
	})
	return fig, err
}

// writeAtomic writes path through path+".partial".
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	tmp := path + ".partial"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = out.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err = write(out); err != nil {
		return err
	}
	if err = out.Sync(); err != nil {
		return err
	}
	if err = out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// book is a workbook being written: the file, its styles (made once) and the table
// names used so far.
type book struct {
	x       *excelize.File
	opt     Options
	maxRows int
	st      styles
	tables  map[string]bool
	ranges  map[string]*usedRange // each sheet's used range (dimension.go)
	rowsOf  map[string]*sheetRows // each row sheet's data rows, to go in after its header row
	rows    []*sheetRows          // every sheetRows made, to close
}

// close removes the row sheets' temporary files.
func (bk *book) close() error {
	var errs []error
	for _, r := range bk.rows {
		errs = append(errs, r.close())
	}
	return errors.Join(errs...)
}

type styles struct {
	header, title, section, note, label        int
	text, wrap, date, dateTime, integer, right int
	percent, noData, detail                    int
	money, decimal                             int
}

const (
	nhsBlue  = "005EB8"
	darkGrey = "425563"
	font     = "Calibri" // the workbook's body font (excelize's default theme)
)

func newBook(x *excelize.File, opt Options) (*book, error) {
	bk := &book{x: x, opt: opt, maxRows: opt.MaxRowsPerSheet, tables: map[string]bool{},
		ranges: map[string]*usedRange{}, rowsOf: map[string]*sheetRows{}}
	if bk.maxRows <= 0 || bk.maxRows > ExcelMaxRows {
		bk.maxRows = ExcelMaxRows
	}
	bk.maxRows = max(bk.maxRows, 2) // the header and one row
	top := &excelize.Alignment{Vertical: "top"}
	dateFmt, dateTimeFmt, moneyFmt, decimalFmt := "d mmm yyyy", "d mmm yyyy hh:mm", "£#,##0.00", "#,##0.00"
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = x.NewStyle(s)
		return id
	}
	bk.st = styles{
		header: mk(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: "FFFFFF", Family: font, Size: 11},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{nhsBlue}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		}),
		title:    mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: nhsBlue, Family: font}}),
		section:  mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: nhsBlue, Family: font}}),
		note:     mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: darkGrey, Family: font, Size: 11}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}),
		label:    mk(&excelize.Style{Font: &excelize.Font{Bold: true, Family: font, Size: 11}, Alignment: top}),
		text:     mk(&excelize.Style{Alignment: top}),
		wrap:     mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}),
		date:     mk(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}}),
		dateTime: mk(&excelize.Style{CustomNumFmt: &dateTimeFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}}),
		integer:  mk(&excelize.Style{NumFmt: 3, Alignment: top}), // #,##0
		percent:  mk(&excelize.Style{NumFmt: 9, Alignment: top}), // 0%
		detail:   mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true, Indent: 1}}),
		right:    mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}}), // "<5", "*", "–"
		money:    mk(&excelize.Style{CustomNumFmt: &moneyFmt, Alignment: top}),
		decimal:  mk(&excelize.Style{CustomNumFmt: &decimalFmt, Alignment: top}),
		noData:   mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: darkGrey, Family: font, Size: 11}, Alignment: top}), // "None recorded"
	}
	return bk, err
}

// tableName makes a valid, unique Excel table name from a sheet name.
func (bk *book) tableName(sheet string) string {
	var b strings.Builder
	for _, r := range sheet {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9' && b.Len() > 0:
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	base := strings.TrimSuffix(b.String(), "_")
	if base == "" {
		base = "Table"
	}
	name := base
	for i := 2; bk.tables[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	bk.tables[strings.ToLower(name)] = true
	return name
}

func (bk *book) cellStyle(k kind) int {
	switch k {
	case kWrap:
		return bk.st.wrap
	case kDate:
		return bk.st.date
	case kInt:
		return bk.st.integer
	case kMoney:
		return bk.st.money
	case kHours, kDec:
		return bk.st.decimal
	}
	return bk.st.text
}

// rowSheet streams one row sheet, continuing on "<name> (2)"… past the row limit.
// excelize's StreamWriter writes the sheet and its header row; the data rows go to a
// sheetRows (rowxml.go, rowzip.go), which the zip writer puts in after the header row.
type rowSheet struct {
	bk      *book
	base    string // first sheet's name
	cols    []column
	letters []string // the columns' letters
	part    int
	name    string
	sw      *excelize.StreamWriter
	row     int // rows written, header included
	data    *sheetRows
	used    *usedRange // the sheet's used range (dimension.go)
}

func (bk *book) rowSheet(name string, cols []column) (*rowSheet, error) {
	rs := &rowSheet{bk: bk, base: name, cols: cols, part: 1, letters: make([]string, len(cols))}
	for i := range cols {
		l, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return nil, err
		}
		rs.letters[i] = l
	}
	return rs, rs.start(name)
}

func (rs *rowSheet) start(name string) error {
	// Page setup goes on the worksheet before the stream writer takes it over.
	ls := rs.bk.sheet(name)
	ls.landscape()
	if ls.err != nil {
		return ls.err
	}
	sw, err := rs.bk.x.NewStreamWriter(name)
	if err != nil {
		return err
	}
	rs.name, rs.sw, rs.row = name, sw, 1
	for i, c := range rs.cols {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return err
	}
	head := make([]any, len(rs.cols))
	for i, c := range rs.cols {
		head[i] = excelize.Cell{StyleID: rs.bk.st.header, Value: c.Name}
	}
	for i := range rs.cols {
		rs.bk.used(name, i+1, 1)
	}
	rs.used = rs.bk.ranges[name]
	rs.data = &sheetRows{}
	rs.bk.rows = append(rs.bk.rows, rs.data)
	return sw.SetRow("A1", head, excelize.RowOpts{Height: 32})
}

func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}
}

// add writes one row of values (see kind).
func (rs *rowSheet) add(vals []any) error {
	if rs.row >= rs.bk.maxRows {
		if err := rs.finish(); err != nil {
			return err
		}
		rs.part++
		name := fmt.Sprintf("%s (%d)", rs.base, rs.part)
		if _, err := rs.bk.x.NewSheet(name); err != nil {
			return err
		}
		if err := rs.start(name); err != nil {
			return err
		}
	}
	rs.row++
	b := appendRowStart(rs.data.buf, rs.row)
	for i, v := range vals {
		k := rs.cols[i].Kind
		switch v := v.(type) {
		case nil:
			continue
		case string:
			style := rs.bk.st.text
			if k == kWrap {
				style = rs.bk.st.wrap
			}
			b = appendCellStart(b, rs.letters[i], rs.row, style)
			b = appendInlineStr(b, cellText(v))
		default:
			var err error
			if b, err = appendCell(b, rs.letters[i], rs.row, rs.bk.cellStyle(k), v); err != nil {
				return err
			}
		}
		rs.used.add(i+1, rs.row)
	}
	rs.data.buf = append(b, `</row>`...)
	return rs.data.spill()
}

// finish adds the sheet's table (or the no-records line) and flushes it.
func (rs *rowSheet) finish() error {
	if rs.row == 1 {
		rs.bk.used(rs.name, 1, 2)
		if err := rs.sw.SetRow("A2", []any{excelize.Cell{StyleID: rs.bk.st.noData, Value: NoRecordsText}}); err != nil {
			return err
		}
	} else {
		last, err := excelize.CoordinatesToCellName(len(rs.cols), rs.row)
		if err != nil {
			return err
		}
		if err := rs.sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: rs.bk.tableName(rs.name),
			StyleName: "TableStyleLight9", ShowRowStripes: boolPtr(true)}); err != nil {
			return err
		}
		if err := rs.data.finish(); err != nil {
			return err
		}
		rs.bk.rowsOf[rs.name] = rs.data
	}
	return rs.sw.Flush()
}

func boolPtr(b bool) *bool { return &b }

// invalid is an EINVALID error.
func invalid(format string, args ...any) error {
	return involve.Errorf(involve.EINVALID, format, args...)
}
