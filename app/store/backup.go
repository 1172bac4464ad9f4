package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/sqldb"
	sqlite3 "github.com/mattn/go-sqlite3"
)

// BackupDirName is the folder, inside the data directory, that holds backups.
const BackupDirName = "backups"

// KeepBackups is how many automatic backups are kept.
const KeepBackups = 7

// BackupInfo describes one backup file.
type BackupInfo struct {
	Name      string `json:"name"`
	Path      string `json:"path"`
	CreatedAt string `json:"createdAt"`
	SizeBytes int64  `json:"sizeBytes"`
	OK        bool   `json:"ok"`
}

// Backup copies the live database with SQLite's online backup API into the backups
// folder, checks the copy with integrity_check, compresses it (backup_gzip.go), and
// keeps the newest KeepBackups.
func (db *DB) Backup(ctx context.Context, reason string) (BackupInfo, error) {
	return db.backupTo(ctx, filepath.Join(db.Dir(), BackupDirName), reason)
}

// BackupFile copies the live database into the file dst (which must not exist).
func (db *DB) BackupFile(ctx context.Context, dst string) (BackupInfo, error) {
	if _, err := os.Stat(dst); err == nil {
		return BackupInfo{}, involve.Errorf(involve.EINVALID, "%s already exists; choose a new file name", dst)
	}
	if err := db.copyTo(ctx, dst); err != nil {
		return BackupInfo{}, err
	}
	return describeBackup(dst, true)
}

func (db *DB) backupTo(ctx context.Context, dir, reason string) (BackupInfo, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return BackupInfo{}, err
	}
	makePrivate(dir, 0o700) // a folder an older version made 0755
	stamp := time.Now().UTC().Format("20060102T150405.000Z")
	dst := filepath.Join(dir, fmt.Sprintf("involve-%s-%s%s", stamp, safeReason(reason), compressedSuffix))
	for i := 2; fileExists(dst); i++ { // two backups in one millisecond
		dst = filepath.Join(dir, fmt.Sprintf("involve-%s-%s-%d%s", stamp, safeReason(reason), i, compressedSuffix))
	}
	if err := db.compressedCopyTo(ctx, dst); err != nil { // backup_gzip.go
		return BackupInfo{}, err
	}
	if err := rotateBackups(dir, KeepBackups); err != nil {
		return BackupInfo{}, err
	}
	return describeBackup(dst, true)
}

func safeReason(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, strings.ToLower(s))
	if s == "" {
		s = "manual"
	}
	return s
}

// copyTo makes a consistent copy through the online backup API into a temporary file,
// verifies it, syncs it, and renames it into place: a half-made backup never looks
// like a good one. The copy is private to the user (0600) from its creation and is
// left in rollback-journal mode, so checking it leaves no .partial-wal or .partial-shm.
func (db *DB) copyTo(ctx context.Context, dst string) error {
	tmp := dst + ".partial"
	removePartial := func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(tmp + suffix)
		}
	}
	removePartial()
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // SQLite would make it 0644
	if err != nil {
		return err
	}
	f.Close()
	if err := onlineBackup(ctx, db.writer, tmp); err != nil {
		removePartial()
		return err
	}
	if err := checkFile(ctx, tmp); err != nil {
		removePartial()
		return fmt.Errorf("the backup copy failed its check: %w", err)
	}
	makePrivate(tmp, 0o600) // SQLite kept the mode it found; make sure
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	return syncDir(filepath.Dir(dst))
}

// onlineBackup runs sqlite3_backup from the source pool's connection into path.
func onlineBackup(ctx context.Context, src *sql.DB, path string) error {
	dstDB, err := sql.Open("sqlite3", sqldb.FileURI(path, "_journal_mode=DELETE"))
	if err != nil {
		return err
	}
	defer dstDB.Close()
	dstConn, err := dstDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer dstConn.Close()
	srcConn, err := src.Conn(ctx)
	if err != nil {
		return err
	}
	defer srcConn.Close()
	err = dstConn.Raw(func(d any) error {
		return srcConn.Raw(func(s any) error {
			dc, ok1 := d.(*sqlite3.SQLiteConn)
			sc, ok2 := s.(*sqlite3.SQLiteConn)
			if !ok1 || !ok2 {
				return errors.New("backup: not a go-sqlite3 connection")
			}
			b, err := dc.Backup("main", sc, "main")
			if err != nil {
				return err
			}
			for {
				done, err := b.Step(1024) // pages per step; the writer is held only briefly
				if err != nil {
					b.Finish()
					return err
				}
				if done {
					break
				}
			}
			return b.Finish()
		})
	})
	if err != nil {
		return err
	}
	// The copy carries the live database's WAL flag: back to a rollback journal, so
	// nothing that opens it (checkFile, a restore) leaves -wal and -shm beside it.
	_, err = dstConn.ExecContext(ctx, "PRAGMA journal_mode=DELETE")
	return err
}

// checkFile opens a database file read-only and runs integrity_check on it.
func checkFile(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return err
	}
	d, err := sql.Open("sqlite3", sqldb.FileURI(path, "mode=ro&_query_only=true"))
	if err != nil {
		return err
	}
	defer d.Close()
	return integrityCheck(ctx, d)
}

func describeBackup(path string, ok bool) (BackupInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return BackupInfo{}, err
	}
	return BackupInfo{Name: filepath.Base(path), Path: path, CreatedAt: involve.FormatTime(st.ModTime()),
		SizeBytes: st.Size(), OK: ok}, nil
}

// ListBackups lists the backups in a data directory, newest first. It does not open
// them; RestoreBackup checks a backup before using it.
func ListBackups(dataDir string) ([]BackupInfo, error) {
	dir := filepath.Join(dataDir, BackupDirName)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return []BackupInfo{}, nil
	} else if err != nil {
		return nil, err
	}
	out := []BackupInfo{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, "involve-") ||
			!strings.HasSuffix(name, ".db") && !strings.HasSuffix(name, compressedSuffix) {
			continue
		}
		b, err := describeBackup(filepath.Join(dir, e.Name()), true)
		if err != nil {
			continue
		}
		out = append(out, b)
	}
	// names carry a sortable UTC timestamp
	sort.Slice(out, func(i, j int) bool { return out[i].Name > out[j].Name })
	return out, nil
}

func rotateBackups(dir string, keep int) error {
	list, err := ListBackups(filepath.Dir(dir))
	if err != nil {
		return err
	}
	for i := keep; i < len(list); i++ {
		if err := os.Remove(list[i].Path); err != nil {
			return err
		}
	}
	return nil
}

// NeedsDailyBackup reports whether the newest backup is older than a day (or absent).
func NeedsDailyBackup(dataDir string, now time.Time) bool {
	list, err := ListBackups(dataDir)
	if err != nil || len(list) == 0 {
		return true
	}
	st, err := os.Stat(list[0].Path)
	return err != nil || now.Sub(st.ModTime()) >= 24*time.Hour
}

// BackupPath is the path of the backup file called name in the data folder dataDir's
// backups folder (as ListBackups names them).
func BackupPath(dataDir, name string) string {
	return filepath.Join(dataDir, BackupDirName, name)
}

// makePrivate sets path's permissions to perm (0600 for a file, 0700 for a folder:
// the user's alone), best effort: a file system without Unix permissions (a FAT memory
// stick) refuses, and must still work. Windows has no such bits; the data folder there
// is under %LOCALAPPDATA%, private to the user already.
func makePrivate(path string, perm os.FileMode) {
	if runtime.GOOS != "windows" {
		_ = os.Chmod(path, perm)
	}
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	_ = d.Sync() // not supported on every platform; best effort
	return nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
