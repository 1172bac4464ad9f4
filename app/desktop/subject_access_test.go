package desktop_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
)

// TestExportSubjectAccess: the façade gathers the partner's records, then writes the
// HTML page and the JSON file into a folder inside the one chosen; unknown ids and a
// closed dialog write nothing.
func TestExportSubjectAccess(t *testing.T) {
	a, _, _ := newLockedApp(t)
	consent := involve.Consent{Purposes: []string{"payments"}, LawfulBasis: "consent", NoticeVersion: "v1", Method: "verbal",
		GivenAt: "2026-01-02", GivenBy: "Themselves"}
	v, err := a.CreateContributor(desktop.NewContributor{Contributor: involve.Contributor{Name: "Zorbicnamé Testperson",
		ContactDetails: "zorbic@example.org"}, Consent: consent})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ExportSubjectAccess(v.ID); involve.ErrorCode(err) != involve.EUNAVAILABLE {
		t.Fatalf("without a dialog: %v", err)
	}
	out := t.TempDir()
	t.Setenv(desktop.TestSaveDirEnv, out)
	if _, err := a.ExportSubjectAccess("no-such-partner"); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Fatalf("an unknown partner: %v", err)
	}
	if files := listDir(t, out); len(files) != 0 {
		t.Fatalf("an unknown partner wrote %v", files)
	}
	res, err := a.ExportSubjectAccess(v.ID)
	if err != nil || res.Consents != 1 || res.Folder != filepath.Join(out, "involve-subject-access") {
		t.Fatalf("%+v, %v", res, err)
	}
	for _, p := range []string{res.HTML, res.JSON} {
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), "Zorbicnamé Testperson") || !strings.Contains(string(b), "zorbic@example.org") {
			t.Errorf("%s: %v, %.200s", p, err, b)
		}
	}
}
