package publish

import (
	"io"
	"path/filepath"
	"strings"
)

// MaxContact is the longest contact line, in characters.
const MaxContact = 200

// ContactLineOK reports whether s can be the contact line of a publication or a board
// pack: one line (no control character) of at most MaxContact characters.
func ContactLineOK(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' }) && len([]rune(s)) <= MaxContact
}

// The media types of the board pack's files.
const (
	PDFMediaType  = "application/pdf"
	DOCXMediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// BoardPackFormat is one of the board pack's two kinds of file.
type BoardPackFormat struct {
	Name      string // "pdf" or "docx"
	Ext       string // ".pdf", ".docx"
	MediaType string
	Label     string // for a Save dialog: "PDF document", "Word document"
	Write     func(io.Writer, *BoardPack) error
}

// BoardPackFormats are the board pack's formats by name: the desktop's choice, the
// command lines' extension and the server's file names all come from here.
var BoardPackFormats = map[string]BoardPackFormat{
	"pdf":  {Name: "pdf", Ext: ".pdf", MediaType: PDFMediaType, Label: "PDF document", Write: BoardPackPDF},
	"docx": {Name: "docx", Ext: ".docx", MediaType: DOCXMediaType, Label: "Word document", Write: BoardPackDOCX},
}

// BoardPackFormatOf is the format a file name asks for by its extension (in any case).
func BoardPackFormatOf(path string) (BoardPackFormat, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range BoardPackFormats {
		if f.Ext == ext {
			return f, true
		}
	}
	return BoardPackFormat{}, false
}
