package xlsx

import (
	"bufio"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/hin-south-london/involve/app/involve"
)

// The register of information-rights requests as a CSV file, for the information
// governance lead: one row a request, as the Requests screen lists it. A partner who
// asked is named by pseudonym ("Contributor 7") and id, never by name; anyone else by
// the few words the lead wrote. Like every CSV file here: UTF-8 with a byte order mark,
// CRLF line ends, RFC 4180 quoting, and text a spreadsheet would read as a formula
// prefixed with a single quote (csvText).

// requestColumns are the register's columns.
var requestColumns = []string{"Reference", "Kind of request", "Received on", "How received", "Lived Experience Partner",
	"Partner id", "Who asked", "Due by", "Extended by (months)", "Reason for the extension", "Status", "Overdue",
	"Done on", "Done by", "What was done", "Reason for refusing"}

// WriteRequestsCSV writes the register to w.
func WriteRequestsCSV(w io.Writer, reg involve.PrivacyRegister) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(requestColumns); err != nil {
		return err
	}
	label := func(items []involve.RefItem, code string) string {
		for _, it := range items {
			if it.Code == code {
				return it.Label
			}
		}
		return code
	}
	for _, r := range reg.Requests {
		overdue := "No"
		if r.Overdue {
			overdue = "Yes"
		}
		row := []string{r.ID, label(involve.PrivacyRequestTypes, r.RequestType), r.ReceivedOn,
			label(involve.PrivacyRequestChannels, r.ReceivedVia), r.ContributorPseudonym, r.ContributorID, r.Requester,
			r.DueBy, strconv.Itoa(r.ExtendedMonths), r.ExtensionReason, label(involve.PrivacyRequestStatuses, r.Status), overdue,
			r.DoneOn, r.DoneBy, r.ActionTaken, r.RefusalReason}
		for i := range row {
			row[i] = csvText(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// ExportRequestsCSV writes the register to the file at path, whole or not at all: a
// temporary file in the same folder, synced, then renamed over path.
func ExportRequestsCSV(path string, reg involve.PrivacyRegister) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".requests-*.csv")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = WriteRequestsCSV(f, reg); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(f.Name(), 0o600); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
