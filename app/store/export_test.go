package store

import (
	"context"
	"database/sql"
	"io"
	"os"
)

// QueryRowForTest runs a read on the writer connection (tests check pragmas with it).
func (db *DB) QueryRowForTest(ctx context.Context, q string, args ...any) *sql.Row {
	return db.writer.QueryRowContext(ctx, q, args...)
}

// ExecForTest runs a statement on the writer connection.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) error {
	_, err := db.writer.ExecContext(ctx, q, args...)
	return err
}

// ExpandForTest returns a plain copy of a compressed backup (in a folder of the
// test's), or path itself if it is not compressed.
func ExpandForTest(tb interface {
	TempDir() string
	Fatal(...any)
}, path string) string {
	if gz, err := isGzip(path); err != nil {
		tb.Fatal(err)
	} else if !gz {
		return path
	}
	dst := tb.TempDir() + "/expanded.db"
	if err := copyFile(path, dst); err != nil {
		tb.Fatal(err)
	}
	return dst
}

// SetRestoreWriterForTest replaces what a restore's copy is written through (a full
// disk) until the test ends.
func SetRestoreWriterForTest(tb interface{ Cleanup(func()) }, w func(f *os.File) io.Writer) {
	old := restoreWriter
	restoreWriter = w
	tb.Cleanup(func() { restoreWriter = old })
}

// SetAfterTeamKeySwapForTest runs f inside InstallTeamKey's transaction, after the keys
// are swapped and before the commit, until the returned func is called.
func SetAfterTeamKeySwapForTest(f func()) (restore func()) {
	afterTeamKeySwap = f
	return func() { afterTeamKeySwap = nil }
}
