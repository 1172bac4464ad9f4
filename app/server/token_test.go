package server_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/server"
)

func TestEnrolmentCode(t *testing.T) {
	seen := map[string]bool{}
	re := regexp.MustCompile(`^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$`)
	for range 200 {
		c := server.NewEnrolmentCode()
		if !re.MatchString(c) {
			t.Fatalf("code %q is not three groups of four unambiguous symbols", c)
		}
		if seen[c] {
			t.Fatalf("code %q made twice", c)
		}
		seen[c] = true
		if server.HashCode(c) != server.HashCode(strings.ToLower(strings.ReplaceAll(c, "-", " "))) {
			t.Fatalf("typed forms of %q hash differently", c)
		}
	}
}

func TestToken(t *testing.T) {
	a, b := server.NewToken(), server.NewToken()
	if a == b || !strings.HasPrefix(a, "inv1_") || len(a) != 5+43 {
		t.Errorf("tokens %q, %q", a, b)
	}
	if h := server.HashSecret(a); len(h) != 64 || h == server.HashSecret(b) {
		t.Errorf("hash %q", h)
	}
}
