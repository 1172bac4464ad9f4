package jsonl

import (
	"context"
	"os"
	"path/filepath"

	"github.com/hin-south-london/involve/app/store"
)

// ExportFile writes every record as JSON Lines (Export) to the file path, all or
// nothing: it writes a temporary file beside path and renames it into place only when
// complete, so that a failed or cancelled export never leaves half a file.
func ExportFile(ctx context.Context, db *store.DB, path, appVersion string) (int, error) {
	return ExportFileWith(ctx, db, path, ExportOptions{AppVersion: appVersion})
}

// ExportFileWith is ExportFile with options.
func ExportFileWith(ctx context.Context, db *store.DB, path string, o ExportOptions) (int, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".involve-export-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close() // (a second Close after the one below is harmless)
	n, err := ExportWith(ctx, db, tmp, o)
	if err != nil {
		return n, err
	}
	if err := tmp.Sync(); err != nil {
		return n, err
	}
	if err := tmp.Close(); err != nil {
		return n, err
	}
	return n, os.Rename(tmp.Name(), path)
}
