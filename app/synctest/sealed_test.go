package synctest_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/servertest"
)

// TestSealedScenario is issue 12's test of sealed fields, end to end through a real
// server on SQLite and on PostgreSQL. Ada's staff laptop (with a passphrase) records
// the partner "Zorbicnamé Testperson" (email, access need), their consent given by
// them, and a time entry with a payment reference, backs up and syncs; Bo's staff
// laptop and Cleo's capture laptop sync too. A byte search for each detail (UTF-8, the
// name also case-folded) then finds nothing in Ada's or Bo's data folder (database,
// WAL, backups), in the server's data folder or a pg_dump of its database, in a JSON
// Lines export made without --decrypt, or anywhere in Cleo's data folder; nor is
// Ada's device token in her folder. Ada and Bo, unlocked, show all three details; Ada
// locked shows none. Each search is shown able to find: the unsealed session title is
// there, and an export with --decrypt holds the name.
func TestSealedScenario(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		s := newStack(t, kind)
		ada := s.enrol(t, "ada")
		bo := s.enrol(t, "bo")
		cleo := newDevice(t, "cleo", s.ts.URL, s.codeAs(s.team.ID, involve.RoleNameCapture))
		const title, ref = "Market stall at Brixton", "PO-zorbicref"
		if _, err := ada.db.CreateSession(bg(), involve.SessionInput{Title: title, Date: "2026-11-24", Type: "workshop"}); err != nil {
			t.Fatal(err)
		}
		consent := newConsent(1, "", "", involve.PurposeAnalysis, involve.PurposePayments)
		consent.GivenBy = zorbicName
		c, _, err := ada.db.CreateContributor(bg(), zorbic(), consent)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ada.db.CreateRateCard(bg(), &involve.RateCard{Unit: involve.UnitHour, AmountPence: 2500, Source: "Policy",
			EffectiveFrom: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
		if _, err := ada.db.CreateTimeEntry(bg(), &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-24", MinutesAttend: 60,
			Task: "Reading panel", ReceiptRef: ref}); err != nil {
			t.Fatal(err)
		}
		if _, err := ada.db.Backup(bg(), "test"); err != nil {
			t.Fatal(err)
		}
		for _, d := range []*device{ada, bo, cleo, ada} {
			if sum := d.mustSync(); sum.Push.Rejected > 0 {
				t.Fatalf("%s: %d changes rejected", d.name, sum.Push.Rejected)
			}
		}
		for _, d := range []*device{bo, cleo} {
			if _, err := d.db.Backup(bg(), "test"); err != nil {
				t.Fatal(err)
			}
		}

		// Unlocked staff laptops show everything.
		for _, d := range []*device{ada, bo} {
			if !showsZorbic(t, d) {
				t.Errorf("%s's staff laptop does not show the partner's name, email and access need", d.name)
			}
			es, err := d.db.FindTimeEntries(bg(), c.ID)
			if err != nil || len(es) != 1 || es[0].ReceiptRef != ref {
				t.Errorf("%s's time entries: %+v %v", d.name, es, err)
			}
			ks, err := d.db.FindConsents(bg(), c.ID)
			if err != nil || len(ks) != 1 || ks[0].GivenBy != zorbicName {
				t.Errorf("%s's consent records: %+v %v", d.name, ks, err)
			}
		}

		secrets := append(append([]string(nil), zorbicBytes...), ref, "zorbicref")
		token := tokenOf(t, ada)
		if token == "" {
			t.Fatal("ada has no device token")
		}
		for _, d := range []*device{ada, bo, cleo} {
			files := strings.Join(folderFiles(t, d.dir), " ")
			if !strings.Contains(files, "backups"+string(filepath.Separator)) {
				t.Errorf("%s's data folder has no backup to search: %s", d.name, files)
			}
			if len(folderHolds(t, d.dir, []string{title})) == 0 {
				t.Errorf("%s's data folder does not hold the session title: the search proves nothing (%s)", d.name, files)
			}
			what := secrets
			if d == ada {
				what = append(what, token)
			}
			if found := folderHolds(t, d.dir, what); len(found) > 0 {
				t.Errorf("%s's data folder holds, in plain text: %v", d.name, found)
			}
		}

		// The server's store.
		dump := servertest.StoreBytes(t, kind, s.where, s.team.ID)
		low := bytes.ToLower(dump)
		if !bytes.Contains(dump, []byte(involve.SealedPrefix)) {
			t.Error("the server's store holds no sealed value: the search proves nothing")
		}
		for _, w := range secrets {
			if bytes.Contains(dump, []byte(w)) || bytes.Contains(low, []byte(strings.ToLower(w))) {
				t.Errorf("the %s server's store holds %q", kind, w)
			}
		}

		// JSON Lines: sealed, unless --decrypt.
		var sealed, plain bytes.Buffer
		if _, err := jsonl.Export(bg(), ada.db, &sealed, "test"); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(sealed.Bytes(), []byte(title)) || !bytes.Contains(sealed.Bytes(), []byte(involve.SealedPrefix)) {
			t.Error("the export holds neither the session nor a sealed value: the search proves nothing")
		}
		for _, w := range secrets {
			if bytes.Contains(sealed.Bytes(), []byte(w)) {
				t.Errorf("the JSON Lines export holds %q", w)
			}
		}
		if _, err := jsonl.ExportWith(bg(), ada.db, &plain, jsonl.ExportOptions{AppVersion: "test", Decrypt: true}); err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{zorbicEmail, zorbicAccess, ref} {
			if !bytes.Contains(plain.Bytes(), []byte(w)) {
				t.Errorf("the export with --decrypt lacks %q", w)
			}
		}

		// Locked, Ada's laptop shows nothing.
		ada.db.Lock()
		if _, err := ada.db.FindContributor(bg(), c.ID); involve.ErrorCode(err) != involve.ELOCKED {
			t.Errorf("ada's locked laptop read the partner: %v", err)
		}
	})
}
