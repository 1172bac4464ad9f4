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
	tmp, err := os.CreateTemp(filepath.Dir(path), ".involve-export-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close() // (a second Close after the one below is harmless)
	n, err := Export(ctx, db, tmp, appVersion)
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
