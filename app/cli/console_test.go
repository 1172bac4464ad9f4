package cli

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// On Windows, attachParentConsole replaces os.Stdout and os.Stderr when they lead
// nowhere; the export and sync commands' writers, set at package start, must follow
// (otherwise `Involve.exe sync` from a Command Prompt would still print nothing). A
// writer a test (or anything else) has put in their place is left alone.
func TestRebindStdioFollowsReplacedStdio(t *testing.T) {
	saved := []any{os.Stdout, os.Stderr, reportOut, reportErr, syncOut, syncErr}
	t.Cleanup(func() {
		os.Stdout, os.Stderr = saved[0].(*os.File), saved[1].(*os.File)
		reportOut, reportErr, syncOut, syncErr = saved[2].(io.Writer), saved[3].(io.Writer), saved[4].(io.Writer), saved[5].(io.Writer)
	})
	dir := t.TempDir()
	open := func(name string) *os.File {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	oldOut, oldErr := open("old-out"), open("old-err")
	os.Stdout, os.Stderr = oldOut, oldErr
	kept := open("kept")
	reportOut, reportErr, syncOut, syncErr = oldOut, oldErr, oldOut, kept

	newOut, newErr := open("console-out"), open("console-err")
	os.Stdout, os.Stderr = newOut, newErr
	rebindStdio(oldOut, oldErr)

	if reportOut != io.Writer(newOut) || syncOut != io.Writer(newOut) {
		t.Errorf("reportOut, syncOut = %v, %v; want the new stdout", reportOut, syncOut)
	}
	if reportErr != io.Writer(newErr) {
		t.Errorf("reportErr = %v; want the new stderr", reportErr)
	}
	if syncErr != io.Writer(kept) {
		t.Errorf("syncErr = %v; a writer that was not the old stderr must be kept", syncErr)
	}
}
