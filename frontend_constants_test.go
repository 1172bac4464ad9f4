package main

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// TestFrontendConstants: values the web UI compares against Go's own must be the
// same string, or the UI misreads what Go sends (an erased comment shown as an
// ordinary one, with an edit form).
func TestFrontendConstants(t *testing.T) {
	b, err := os.ReadFile("frontend/src/lib/types.ts")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"ERASED_TEXT": involve.ErasedText} {
		line := ""
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "export const "+name+" = ") {
				line = l
			}
		}
		if line == "" {
			t.Errorf("frontend/src/lib/types.ts does not export %s", name)
			continue
		}
		v := strings.TrimSuffix(strings.TrimSpace(strings.SplitN(line, " = ", 2)[1]), ";")
		if strings.HasPrefix(v, "'") {
			v = `"` + strings.ReplaceAll(strings.Trim(v, "'"), `"`, `\"`) + `"`
		}
		got, err := strconv.Unquote(v)
		if err != nil || got != want {
			t.Errorf("%s in types.ts is %s, Go's is %q", name, v, want)
		}
	}
}
