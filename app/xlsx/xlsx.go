// Package xlsx writes Involve's Excel summary workbook (DESIGN §6) and the CSV files of
// its row sheets from a report.Source, with excelize. Row sheets are streamed, so
// memory does not grow with the number of rows.
package xlsx

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/hin-south-london/involve/app/report"
)

// Options tune a workbook or CSV export.
type Options struct {
	AppVersion      string                // shown on the Notes sheet
	Now             time.Time             // "generated at" (zero: time.Now())
	Progress        func(done, total int) // rows written so far of total (0 when unknown); every ~1,000 rows and at the end
	MaxRowsPerSheet int                   // data rows per sheet before it continues on "<name> (2)"; 0: Excel's limit
}

// Write writes the workbook for the filter to w and returns the figures on its
// Summary sheet. A cancelled ctx stops it with ctx.Err().
func Write(ctx context.Context, w io.Writer, src report.Source, f report.Filter, opt Options) (*report.Figures, error) {
	return nil, errors.New("xlsx: not written yet")
}
