package jsonl_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
)

// The shared test strings (synthetic) of issue 12.
var zorbic = []string{"Zorbicnamé Testperson", "zorbicnamé testperson", "zorbic@example.org", "zorbicaccess"}

// zorbicLaptop is an unlocked laptop holding the partner "Zorbicnamé Testperson".
func zorbicLaptop(t *testing.T) (*store.DB, string) {
	t.Helper()
	db := storetest.Open(t)
	c, _, err := db.CreateContributor(context.Background(), &involve.Contributor{Name: zorbic[0], ContactDetails: zorbic[2],
		AccessNeeds: zorbic[3], PaymentPreference: "payroll"},
		&involve.Consent{Purposes: []string{"analysis"}, LawfulBasis: "consent", NoticeVersion: "v3", Method: "written",
			GivenAt: "2026-01-10", GivenBy: "Themselves"})
	if err != nil {
		t.Fatal(err)
	}
	return db, c.ID
}

func exportWith(t *testing.T, db *store.DB, o jsonl.ExportOptions) ([]byte, error) {
	t.Helper()
	var buf bytes.Buffer
	_, err := jsonl.ExportWith(context.Background(), db, &buf, o)
	return buf.Bytes(), err
}

func teamKey(t *testing.T) *lockbox.TeamKey {
	t.Helper()
	k, err := lockbox.NewTeamKey()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(k.Wipe)
	return k
}

// An export writes partners' details sealed, as stored, even while Involve is locked;
// only Decrypt, unlocked, writes them readable. (Needs app/store's sealing.)
func TestExportSealsPartnersUnlessDecrypt(t *testing.T) {
	db, _ := zorbicLaptop(t)
	sealed, err := exportWith(t, db, jsonl.ExportOptions{AppVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range zorbic {
		if bytes.Contains(sealed, []byte(s)) {
			t.Errorf("the export holds %q in clear", s)
		}
	}
	if !bytes.Contains(sealed, []byte(`"name":"sealed1.`)) {
		t.Error("the export has no sealed name")
	}
	clear, err := exportWith(t, db, jsonl.ExportOptions{AppVersion: "test", Decrypt: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{zorbic[0], zorbic[2], zorbic[3]} {
		if !bytes.Contains(clear, []byte(s)) {
			t.Errorf("the decrypted export lacks %q", s)
		}
	}
	db.Lock()
	again, err := exportWith(t, db, jsonl.ExportOptions{AppVersion: "test"})
	if err != nil || withoutHeader(again) != withoutHeader(sealed) {
		t.Fatalf("a sealed export while locked: %v (same as unlocked: %v)", err, withoutHeader(again) == withoutHeader(sealed))
	}
	if _, err := exportWith(t, db, jsonl.ExportOptions{AppVersion: "test", Decrypt: true}); involve.ErrorCode(err) != involve.ELOCKED {
		t.Fatalf("a decrypted export while locked: %v, want locked", err)
	}
}

// withName is the export b with the partner id's name replaced by name, and the line
// it is on.
func withName(t *testing.T, b []byte, id, name string) ([]byte, int) {
	t.Helper()
	lines := bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal(l, &m); err != nil {
			t.Fatal(err)
		}
		if m["kind"] != involve.EntityContributor || m["id"] != id {
			continue
		}
		m["name"] = name
		nl, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		lines[i] = nl
		return append(bytes.Join(lines, []byte("\n")), '\n'), i + 1
	}
	t.Fatalf("no contributor %s in the export", id)
	return nil, 0
}

// A value sealed with another team's key refuses the import at its line, saying what
// to do; nothing is imported.
func TestImportRefusesAnotherTeamsKey(t *testing.T) {
	ctx := context.Background()
	a, id := zorbicLaptop(t)
	clear, err := exportWith(t, a, jsonl.ExportOptions{AppVersion: "test", Decrypt: true})
	if err != nil {
		t.Fatal(err)
	}
	other := teamKey(t)
	file, line := withName(t, clear, id, other.SealField(lockbox.FieldPlace(involve.EntityContributor, id, "name"), zorbic[0]))

	b := storetest.Open(t)
	if err := b.InstallTeamKey(ctx, teamKey(t)); err != nil {
		t.Fatal(err)
	}
	_, err = jsonl.Import(ctx, b, bytes.NewReader(file), nil)
	var le *jsonl.LineError
	if !errors.As(err, &le) || le.Line != line || !errors.Is(err, jsonl.ErrOtherTeamKey) {
		t.Fatalf("import of another team's sealed value: %v, want refused at line %d", err, line)
	}
	want := "sealed with another team's key: export it again with --decrypt on a laptop of that team"
	if !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "line ") {
		t.Errorf("message %q", err)
	}
	if cs, err := b.FindContributors(ctx); err != nil || len(cs) != 0 {
		t.Errorf("partners after a refused import: %d, %v", len(cs), err)
	}
}

// A value sealed with the laptop's own team key (an export of a laptop of the same
// team) is opened, checked and stored (sealed again by the store); a plain value (an
// export of an earlier version, or --decrypt) imports too. (Needs app/store's sealing.)
func TestImportOpensTheTeamsSealedValues(t *testing.T) {
	ctx := context.Background()
	a, id := zorbicLaptop(t)
	clear, err := exportWith(t, a, jsonl.ExportOptions{AppVersion: "test", Decrypt: true})
	if err != nil {
		t.Fatal(err)
	}
	k := teamKey(t)
	file, _ := withName(t, clear, id, k.SealField(lockbox.FieldPlace(involve.EntityContributor, id, "name"), "Zorbic Renamed"))
	b := storetest.Open(t)
	if err := b.InstallTeamKey(ctx, k); err != nil {
		t.Fatal(err)
	}
	if _, err := jsonl.Import(ctx, b, bytes.NewReader(file), nil); err != nil {
		t.Fatal(err)
	}
	cs, err := b.FindContributors(ctx)
	if err != nil || len(cs) != 1 || cs[0].Name != "Zorbic Renamed" {
		t.Fatalf("partners after importing a sealed name: %+v, %v", cs, err)
	}

	c := storetest.Open(t)
	if _, err := jsonl.Import(ctx, c, bytes.NewReader(clear), nil); err != nil {
		t.Fatalf("import of plain values: %v", err)
	}
	if cs, err := c.FindContributors(ctx); err != nil || len(cs) != 1 || cs[0].Name != zorbic[0] {
		t.Fatalf("partners after importing plain values: %+v, %v", cs, err)
	}
	sealed, err := exportWith(t, c, jsonl.ExportOptions{AppVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range zorbic {
		if bytes.Contains(sealed, []byte(s)) {
			t.Errorf("plain values imported are exported in clear: %q", s)
		}
	}
}
