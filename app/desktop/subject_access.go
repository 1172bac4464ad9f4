package desktop

import (
	"path/filepath"
	"time"

	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/subjectaccess"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// SubjectAccessResult is what "Everything about this person" wrote.
type SubjectAccessResult struct {
	Cancelled   bool   `json:"cancelled"` // the folder dialog was closed: nothing was written
	Folder      string `json:"folder"`
	HTML        string `json:"html"`
	JSON        string `json:"json"`
	Consents    int    `json:"consents"`
	TimeEntries int    `json:"timeEntries"`
	Sessions    int    `json:"sessions"`
}

// ExportSubjectAccess answers a subject access request for one Lived Experience
// Partner ("Everything about this person", a lead's laptop): it gathers their records
// (store.SubjectAccess: EFORBIDDEN on a laptop that is not a lead's, ELOCKED while
// locked) before asking for a folder, then writes the HTML page and the JSON file
// (subjectaccess.Write) into a folder "involve-subject-access" inside the one chosen.
func (a *App) ExportSubjectAccess(contributorID string) (SubjectAccessResult, error) {
	return read(a, func(db *store.DB) (SubjectAccessResult, error) {
		recs, err := db.SubjectAccess(a.ctx, contributorID)
		if err != nil {
			return SubjectAccessResult{}, err
		}
		parent, err := a.chooseSubjectAccessFolder()
		if err != nil || parent == "" {
			return SubjectAccessResult{Cancelled: parent == ""}, err
		}
		r := subjectaccess.Build(recs, time.Now(), "Involve "+a.version+" on a lead's laptop")
		dir := filepath.Join(parent, "involve-subject-access")
		files, err := subjectaccess.Write(dir, r)
		if err != nil {
			return SubjectAccessResult{}, err
		}
		return SubjectAccessResult{Folder: dir, HTML: files.HTML, JSON: files.JSON, Consents: len(r.Consents),
			TimeEntries: len(r.TimeEntries), Sessions: len(r.Sessions)}, nil
	})
}

// chooseSubjectAccessFolder asks where to put the subject access files ("" when the
// dialog was closed); the end-to-end tests' folder when TestSaveDirEnv names one.
func (a *App) chooseSubjectAccessFolder() (string, error) {
	if dir := testSaveDir(); dir != "" {
		return dir, nil
	}
	d, err := a.dialogs()
	if err != nil {
		return "", err
	}
	dir, err := d.OpenDirectoryDialog(runtime.OpenDialogOptions{Title: "Choose a folder for the subject access files",
		DefaultDirectory: documentsDir(), CanCreateDirectories: true})
	if err != nil || a.ctx.Err() != nil {
		return "", err
	}
	return dir, nil
}
