package desktop

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/xlsx"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// The register of information-rights requests (the Requests screen, a lead's laptop):
// list, add, edit, and save it as a CSV file for the information governance lead.

func requestViewID(v involve.PrivacyRequestView) string { return v.ID }

// GetPrivacyRegister returns the register: overdue requests first, then those due
// soon, other open ones, then those done or refused.
func (a *App) GetPrivacyRegister() (involve.PrivacyRegister, error) {
	return read(a, func(db *store.DB) (involve.PrivacyRegister, error) { return db.PrivacyRegister(a.ctx) })
}

// GetPrivacyRequest returns one request of the register.
func (a *App) GetPrivacyRequest(id string) (involve.PrivacyRequestView, error) {
	return read(a, func(db *store.DB) (involve.PrivacyRequestView, error) { return db.FindPrivacyRequest(a.ctx, id) })
}

// CreatePrivacyRequest adds a request to the register (a lead's laptop only).
func (a *App) CreatePrivacyRequest(in involve.PrivacyRequest) (involve.PrivacyRequestView, error) {
	return write(a, involve.EntityPrivacyRequest, requestViewID, func(db *store.DB) (involve.PrivacyRequestView, error) {
		saved, err := db.CreatePrivacyRequest(a.ctx, &in)
		if err != nil {
			return involve.PrivacyRequestView{}, err
		}
		return db.FindPrivacyRequest(a.ctx, saved.ID)
	})
}

// UpdatePrivacyRequest saves a request's edit form: loaded is the request as the form
// received it, edited what the person saved; only the fields they changed are written.
func (a *App) UpdatePrivacyRequest(id string, loaded, edited involve.PrivacyRequest) (involve.PrivacyRequestView, error) {
	return write(a, involve.EntityPrivacyRequest, requestViewID, func(db *store.DB) (involve.PrivacyRequestView, error) {
		if _, err := db.UpdatePrivacyRequest(a.ctx, id, &loaded, &edited); err != nil {
			return involve.PrivacyRequestView{}, err
		}
		return db.FindPrivacyRequest(a.ctx, id)
	})
}

// ExportPrivacyRegister asks where to save the register as a CSV file (Save as…), then
// writes it. Closing the dialog gives Cancelled and writes nothing.
func (a *App) ExportPrivacyRegister() (ExportResult, error) {
	db, err := a.store()
	if err != nil {
		return ExportResult{}, err
	}
	reg, err := db.PrivacyRegister(a.ctx)
	if err != nil {
		return ExportResult{}, err
	}
	name := "involve-requests-" + reg.Today + ".csv"
	var path string
	if dir := testSaveDir(); dir != "" {
		path = filepath.Join(dir, name)
	} else {
		d, err := a.dialogs()
		if err != nil {
			return ExportResult{}, err
		}
		path, err = d.SaveFileDialog(runtime.SaveDialogOptions{Title: "Save the register of requests",
			DefaultDirectory: documentsDir(), DefaultFilename: name, CanCreateDirectories: true,
			Filters: []runtime.FileFilter{{DisplayName: "CSV file (*.csv)", Pattern: "*.csv"}}})
		if err != nil || path == "" {
			return ExportResult{Cancelled: path == ""}, err
		}
		if !strings.EqualFold(filepath.Ext(path), ".csv") {
			path += ".csv"
		}
	}
	if err := xlsx.ExportRequestsCSV(path, reg); err != nil {
		return ExportResult{}, involve.Errorf(involve.EUNAVAILABLE, "The register could not be saved to %s: %v. Choose another folder.", path, err)
	}
	res := ExportResult{Path: path, Files: []string{path}}
	if fi, err := os.Stat(path); err == nil {
		res.Bytes = fi.Size()
	}
	return res, nil
}
