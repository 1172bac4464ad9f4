package lockbox_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/lockbox"
)

func teamKey(t *testing.T) *lockbox.TeamKey {
	t.Helper()
	k, err := lockbox.NewTeamKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestFieldTokens(t *testing.T) {
	k := teamKey(t)
	place := lockbox.FieldPlace("contributor", "0190aaaa-0000-7000-8000-000000000001", "name")
	tok := k.SealField(place, "Zorbicnamé Testperson")
	if !strings.HasPrefix(tok, lockbox.FieldPrefix+k.ID()+".") || strings.Contains(tok, "Zorbic") {
		t.Fatalf("token %q", tok)
	}
	if again := k.SealField(place, "Zorbicnamé Testperson"); again != tok {
		t.Error("the same value in the same place sealed to another token")
	}
	if got, err := k.OpenField(place, tok); err != nil || got != "Zorbicnamé Testperson" {
		t.Fatalf("open: %q %v", got, err)
	}
	if other := k.SealField(place, "Zorbicnamé Testpersom"); other == tok {
		t.Error("two values sealed to one token")
	}
	if k.SealField(place, "") != "" {
		t.Error("the empty value was sealed")
	}
	if got, err := k.OpenField(place, ""); got != "" || err != nil {
		t.Errorf("empty opened to %q %v", got, err)
	}
	// moved to another field or record: refused
	for _, p := range []string{lockbox.FieldPlace("contributor", "0190aaaa-0000-7000-8000-000000000001", "accessNeeds"),
		lockbox.FieldPlace("contributor", "0190aaaa-0000-7000-8000-000000000002", "name")} {
		if _, err := k.OpenField(p, tok); !errors.Is(err, lockbox.ErrCannotOpen) {
			t.Errorf("moved token opened: %v", err)
		}
	}
	// changed: refused
	b := []byte(tok)
	b[len(b)-3] ^= 1
	if b[len(b)-3] == '.' {
		b[len(b)-3] = 'A'
	}
	if _, err := k.OpenField(place, string(b)); err == nil {
		t.Error("a changed token opened")
	}
	// another key: told apart
	if _, err := teamKey(t).OpenField(place, tok); !errors.Is(err, lockbox.ErrOtherKey) {
		t.Errorf("other key: %v", err)
	}
	if _, err := k.OpenField(place, "Zorbicnamé"); !errors.Is(err, lockbox.ErrNotSealed) {
		t.Errorf("plain text: %v", err)
	}
	if id, ok := lockbox.FieldKeyID(tok); !ok || id != k.ID() {
		t.Errorf("key id %q %v", id, ok)
	}
}

func TestTeamKeyFromRaw(t *testing.T) {
	k := teamKey(t)
	raw := k.Raw()
	k2, err := lockbox.TeamKeyFrom(raw)
	lockbox.Wipe(raw)
	if err != nil || k2.ID() != k.ID() {
		t.Fatalf("same raw key, ids %q %q: %v", k.ID(), k2.ID(), err)
	}
	place := lockbox.FieldPlace("consent", "x", "givenBy")
	if k.SealField(place, "Ada") != k2.SealField(place, "Ada") {
		t.Error("two copies of one key sealed differently")
	}
	if _, err := lockbox.TeamKeyFrom(make([]byte, 16)); err == nil {
		t.Error("a 16-byte key was taken")
	}
	for _, s := range []string{"sealed1.", "sealed1.zz.abc", "sealed1.0123456789abcdef.", "sealed1.0123456789abcdeg.abc"} {
		if lockbox.IsFieldToken(s) {
			t.Errorf("%q taken for a token", s)
		}
	}
}

func BenchmarkSealField(b *testing.B) {
	k, _ := lockbox.NewTeamKey()
	place := lockbox.FieldPlace("contributor", "0190aaaa-0000-7000-8000-000000000001", "contactDetails")
	for b.Loop() {
		_, _ = k.OpenField(place, k.SealField(place, "zorbic@example.org, 07700 900123, 1 Market Street"))
	}
}
