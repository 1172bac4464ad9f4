package publish

import (
	"fmt"
	"io"
	"strings"
)

// TEMPORARY stand-ins for the board pack's writers (bp-pdf and bp-docx write the real
// ones); this file is dropped when they land.

// BoardPackPDF writes the board pack as a PDF (temporary: a text stand-in).
func BoardPackPDF(w io.Writer, p *BoardPack) error { return tmpBoardPack(w, p, "%PDF-1.4\n") }

// BoardPackDOCX writes the board pack as a Word document (temporary: a text stand-in).
func BoardPackDOCX(w io.Writer, p *BoardPack) error { return tmpBoardPack(w, p, "PK") }

func tmpBoardPack(w io.Writer, p *BoardPack, magic string) error {
	var b strings.Builder
	b.WriteString(magic)
	fmt.Fprintf(&b, "%s\n%s\n%s\n%s\n", p.Title, p.Team, p.Scope, p.Period)
	for _, f := range p.Headline {
		fmt.Fprintf(&b, "%s: %s\n", f.Label, f.Value)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
