package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// TestRequestsCSV: `involve requests --csv FILE` on a lead's laptop writes the register,
// one row a request, in the Requests screen's order, with who asked and what was done
// opened, and text a spreadsheet would read as a formula prefixed with a quote; without
// --csv it is a usage error.
func TestRequestsCSV(t *testing.T) {
	ctx := context.Background()
	t.Setenv(PassphraseEnv, storetest.Passphrase)
	// A laptop that is not a lead's keeps no register: refused, no file.
	notLead := t.TempDir()
	if db, err := store.Open(ctx, filepath.Join(notLead, datadir.DBName), store.Options{}); err != nil {
		t.Fatal(err)
	} else {
		db.Close()
	}
	none := filepath.Join(t.TempDir(), "none.csv")
	if code := runCommand("requests", []string{"--data-dir", notLead, "--csv", none}); code != 1 {
		t.Errorf("requests on a laptop that is not a lead's: exit %d, want 1", code)
	}
	if _, err := os.Stat(none); !os.IsNotExist(err) {
		t.Errorf("a file was written on a laptop that is not a lead's: %v", err)
	}
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	storetest.SetPassphrase(t, db)
	if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: "https://involve.example.nhs.uk", DeviceToken: "inv1_test",
		TeamID: "0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d99", TeamName: "South London", DeviceName: "lead", Role: involve.RoleNameLead}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreatePrivacyRequest(ctx, &involve.PrivacyRequest{RequestType: "erasure", ReceivedOn: "2026-01-31", ReceivedVia: "letter",
		Requester: `=HYPERLINK("http://evil.example","Zorbic")`, Status: "done", DoneOn: "2026-02-10", DoneBy: "@Sam",
		ActionTaken: "+ erased the feedback item, \"quoted\", on 2 lines\nsecond line"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreatePrivacyRequest(ctx, &involve.PrivacyRequest{RequestType: "access", ReceivedOn: "2026-11-02", ReceivedVia: "email",
		Requester: "-1 a carer"}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	var out bytes.Buffer
	reportOut = &out
	t.Cleanup(func() { reportOut = os.Stdout })
	requestsArgs.csv = ""
	if code := runCommand("requests", []string{"--data-dir", dir}); code != 2 {
		t.Errorf("requests without --csv: exit %d, want 2", code)
	}
	file := filepath.Join(t.TempDir(), "register.csv")
	if code := runCommand("requests", []string{"--data-dir", dir, "--csv", file}); code != 0 {
		t.Fatalf("requests --csv: exit %d", code)
	}
	if got := out.String(); got != "requests: 2 requests to "+file+"\n" {
		t.Errorf("summary %q", got)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFFReference,Kind of request,Received on,")) || !bytes.Contains(b, []byte("\r\n")) {
		t.Fatalf("not a CSV file with a BOM, CRLF and the header: %q", b[:min(len(b), 120)])
	}
	rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want the header and 2", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	open, done := rows[1], rows[2] // open requests first
	for _, c := range []struct {
		row          []string
		column, want string
	}{
		{open, "Who asked", "'-1 a carer"},
		{open, "Kind of request", "Access"},
		{open, "Status", "Open"},
		{open, "Due by", "2026-12-02"},
		{done, "Who asked", `'=HYPERLINK("http://evil.example","Zorbic")`},
		{done, "Done by", "'@Sam"},
		{done, "What was done", "'+ erased the feedback item, \"quoted\", on 2 lines\nsecond line"},
		{done, "Due by", "2026-02-28"},
		{done, "How received", "Letter"},
		{done, "Status", "Done"},
	} {
		if got := c.row[col[c.column]]; got != c.want {
			t.Errorf("%s: %q, want %q", c.column, got, c.want)
		}
	}
	if strings.Contains(string(b), "sealed1.") {
		t.Error("the register's CSV holds sealed values, not the text")
	}
}
