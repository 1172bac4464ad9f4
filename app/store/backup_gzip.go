package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Automatic backups (the backups folder: daily, before a migration, `involve backup`
// without --out) are compressed: the database copied with SQLite's online backup API
// and checked as before (copyTo), then written through gzip (Go's standard library,
// fastest level) as involve-<time>-<reason>.db.gz. An Involve database compresses to
// about a third, so seven backups cost about two copies, not seven (docs/decisions.md).
// Sealed fields stay sealed in them: the backup is the database as stored.
//
// Whatever reads a backup (a restore, the rewrite after an erasure, `involve check`)
// goes through copyFile, which expands a gzip file it is given, whatever its name, and
// fails if the gzip checksum or length does not match: a damaged compressed backup is
// refused like a damaged database, and nothing is changed.

// compressedSuffix ends the name of a compressed backup.
const compressedSuffix = ".db.gz"

// gzipMagic starts every gzip file (RFC 1952).
var gzipMagic = []byte{0x1f, 0x8b}

// isGzip reports whether the file at path starts as a gzip file does.
func isGzip(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, 2)
	if _, err := io.ReadFull(f, head); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return false, nil
		}
		return false, err
	}
	return head[0] == gzipMagic[0] && head[1] == gzipMagic[1], nil
}

// compressedCopyTo makes a compressed backup at dst: a checked copy beside it (copyTo),
// compressed into a temporary file, synced and renamed into place; the plain copy is
// removed whatever happens. A half-made backup never looks like a good one.
func (db *DB) compressedCopyTo(ctx context.Context, dst string) error {
	plain := strings.TrimSuffix(dst, ".gz") + ".plain"
	removeDBFiles(plain)
	defer removeDBFiles(plain)
	if err := db.copyTo(ctx, plain); err != nil {
		return err
	}
	return compressInto(plain, dst)
}

// compressInto writes src compressed to dst through a synced temporary file renamed
// over dst.
func compressInto(src, dst string) error {
	tmp := dst + ".partial"
	os.Remove(tmp)
	if err := compressFile(src, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(dst))
}

// compressFile writes src compressed (gzip, fastest level) into the new file dst, private
// to the user, and syncs it.
func compressFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	zw, err := gzip.NewWriterLevel(bw, gzip.BestSpeed)
	if err != nil {
		out.Close()
		return err
	}
	if _, err := io.Copy(zw, bufio.NewReaderSize(in, 1<<20)); err != nil {
		out.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		out.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// expanding returns a reader of src's content: src itself, or, for a gzip file, what
// it expands to (the reader fails at the end if the checksum or length is wrong).
func expanding(src *os.File) (io.Reader, error) {
	br := bufio.NewReaderSize(src, 1<<20)
	head, err := br.Peek(2)
	if err != nil || head[0] != gzipMagic[0] || head[1] != gzipMagic[1] {
		return br, nil // not gzip (or shorter than two bytes): copied as it is
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, errDamagedBackup{err}
	}
	zr.Multistream(false) // one member, as compressFile writes; anything after it is refused
	return &strictGzip{zr: zr, rest: br}, nil
}

// strictGzip reads one gzip member and then insists that nothing follows it.
type strictGzip struct {
	zr   *gzip.Reader
	rest *bufio.Reader
}

func (s *strictGzip) Read(p []byte) (int, error) {
	n, err := s.zr.Read(p)
	if errors.Is(err, io.EOF) {
		if _, perr := s.rest.Peek(1); perr == nil {
			return n, errDamagedBackup{errors.New("data after its end")}
		}
		return n, err
	}
	if err != nil {
		return n, errDamagedBackup{err}
	}
	return n, nil
}

// errDamagedBackup is a compressed backup that does not expand whole (cut short, a
// wrong checksum or length, something after its end): RestoreBackup refuses it as a
// backup that cannot be used.
type errDamagedBackup struct{ err error }

func (e errDamagedBackup) Error() string {
	return "the compressed backup is damaged or incomplete (" + e.err.Error() + ")"
}

func (e errDamagedBackup) Unwrap() error { return e.err }
