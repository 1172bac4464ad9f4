package xlsx

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// artifactDir is where the rendering of the Summary sheet is kept
// (build/test-artifacts, ignored by git through its own .gitignore).
func artifactDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "build", "test-artifacts"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ignore := filepath.Join(dir, ".gitignore")
	if _, err := os.Stat(ignore); os.IsNotExist(err) {
		_ = os.WriteFile(ignore, []byte("# test artifacts: never committed\n*\n"), 0o644)
	}
	return dir
}

// TestLibreOfficeOpensWorkbook converts a realistic workbook to PDF with LibreOffice
// (headless, private profile), fails on any error or a missing PDF, checks the
// Summary page's text, and renders page 1 to build/test-artifacts/workbook-summary.png.
// It skips when LibreOffice is not installed, unless CI=true.
func TestLibreOfficeOpensWorkbook(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (libreoffice-calc-nogui) is not installed: scripts/deps.sh test")
		}
		t.Skip("soffice not installed (libreoffice-calc-nogui)")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion takes seconds")
	}
	work := t.TempDir()
	book := filepath.Join(work, "involve-report.xlsx")
	if _, err := WriteFile(context.Background(), book, fixture(), quarter, Options{Now: testNow, AppVersion: "1.0.0"}); err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(profile),
		"--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", work, book)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	if low := strings.ToLower(string(out)); strings.Contains(low, "error") || strings.Contains(low, "corrupt") || strings.Contains(low, "repair") {
		t.Fatalf("soffice reported a problem:\n%s", out)
	}
	pdf := filepath.Join(work, "involve-report.pdf")
	if st, err := os.Stat(pdf); err != nil || st.Size() < 1000 {
		t.Fatalf("no PDF from soffice (%v):\n%s", err, out)
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.CommandContext(ctx, pdftotext, "-f", "1", "-l", "1", "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		for _, want := range []string{"Involve summary report", "Sessions held", "People reached", "FFT % positive", "Lambeth"} {
			if !bytes.Contains(txt, []byte(want)) {
				t.Errorf("page 1 lacks %q:\n%s", want, txt)
			}
		}
	}
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftoppm (poppler-utils) is not installed")
		}
		t.Skip("pdftoppm not installed (poppler-utils)")
	}
	png := filepath.Join(artifactDir(t), "workbook-summary")
	if out, err := exec.CommandContext(ctx, pdftoppm, "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", pdf, png).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	if st, err := os.Stat(png + ".png"); err != nil || st.Size() < 5000 {
		t.Fatalf("no rendering: %v", err)
	}
	t.Logf("Summary page rendered to %s.png", png)
}
