package publish

import "testing"

// TestBoardPackFormatOf: the format follows the extension in any case; anything else is
// no format. TestContactLineOK: one line of at most MaxContact characters.
func TestBoardPackFormatOf(t *testing.T) {
	for path, want := range map[string]string{"pack.pdf": "pdf", "Pack.PDF": "pdf", "a/b.docx": "docx", "x.DocX": "docx",
		"pack.odt": "", "pack": "", "pdf": "", "pack.pdf.txt": ""} {
		f, ok := BoardPackFormatOf(path)
		if ok != (want != "") || f.Name != want {
			t.Errorf("%q: %q %v, want %q", path, f.Name, ok, want)
		}
	}
}

func TestContactLineOK(t *testing.T) {
	long := make([]rune, MaxContact)
	for i := range long {
		long[i] = 'ł'
	}
	for s, want := range map[string]bool{"": true, "Email involve@example.nhs.uk": true, string(long): true,
		string(long) + "x": false, "two\nlines": false, "tab\there": false} {
		if got := ContactLineOK(s); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}
