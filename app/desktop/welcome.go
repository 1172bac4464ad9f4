package desktop

import (
	"path/filepath"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/store"
)

// Welcome is the first-run screen: where the data is kept, shown once per data folder
// until "Start using Involve" (DismissWelcome).
type Welcome struct {
	Show      bool   `json:"show"`
	DataDir   string `json:"dataDir"`
	DBPath    string `json:"dbPath"`
	BackupDir string `json:"backupDir"`
	Version   string `json:"version"`
}

// GetWelcome says whether to show the first-run screen, and what it needs. It refuses
// (and the UI shows no welcome) when the store is not open — the startup screens
// explain that — and in kiosk mode.
func (a *App) GetWelcome() (Welcome, error) {
	db, err := a.store()
	if err != nil {
		return Welcome{}, err
	}
	w := Welcome{DataDir: a.dataDir, DBPath: filepath.Join(a.dataDir, datadir.DBName),
		BackupDir: filepath.Join(a.dataDir, store.BackupDirName), Version: a.version}
	done, err := db.WelcomeDone(a.ctx)
	if err != nil {
		return w, err
	}
	w.Show = !done
	return w, nil
}

// DismissWelcome records that the first-run screen has been read; it does not show again
// for this data folder.
func (a *App) DismissWelcome() error {
	db, err := a.store()
	if err != nil {
		return err
	}
	return db.SetWelcomeDone(a.ctx)
}
