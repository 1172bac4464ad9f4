package lockbox_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/hin-south-london/involve/app/lockbox"
)

// fast parameters for tests: the format is the same, the derivation cheap
var fast = lockbox.Params{Memory: 64, Time: 1, Threads: 1}

func wrapped(t *testing.T) ([]byte, lockbox.Wrapped) {
	t.Helper()
	k, err := lockbox.NewDataKey()
	if err != nil {
		t.Fatal(err)
	}
	w, err := lockbox.Wrap(k, "correct horse battery staple", fast)
	if err != nil {
		t.Fatal(err)
	}
	return k, w
}

func TestWrapRoundTrip(t *testing.T) {
	k, w := wrapped(t)
	if err := w.Check(); err != nil {
		t.Fatal(err)
	}
	got, err := lockbox.Unwrap(w, "correct horse battery staple")
	if err != nil || !bytes.Equal(got, k) {
		t.Fatalf("unwrap = %x, %v; want %x", got, err, k)
	}
	if w.Params != fast {
		t.Errorf("params carried = %+v, want %+v", w.Params, fast)
	}
	if bytes.Contains(w.Key, k) {
		t.Error("the wrapped key contains the data key")
	}
}

func TestWrongPassphrase(t *testing.T) {
	_, w := wrapped(t)
	for _, p := range []string{"", "correct horse battery stapl", "Correct horse battery staple"} {
		if _, err := lockbox.Unwrap(w, p); !errors.Is(err, lockbox.ErrWrongPassphrase) {
			t.Errorf("Unwrap(%q) = %v, want ErrWrongPassphrase", p, err)
		}
	}
}

// Each stored part changed makes unwrapping fail: the AEAD authenticates the key, and
// the version, parameters and salt are its associated data.
func TestTamperedPartsFail(t *testing.T) {
	_, w := wrapped(t)
	flip := func(b []byte) []byte { c := bytes.Clone(b); c[0] ^= 1; return c }
	cases := map[string]func(lockbox.Wrapped) lockbox.Wrapped{
		"salt":  func(w lockbox.Wrapped) lockbox.Wrapped { w.Salt = flip(w.Salt); return w },
		"nonce": func(w lockbox.Wrapped) lockbox.Wrapped { w.Nonce = flip(w.Nonce); return w },
		"key":   func(w lockbox.Wrapped) lockbox.Wrapped { w.Key = flip(w.Key); return w },
		"tag": func(w lockbox.Wrapped) lockbox.Wrapped {
			w.Key = bytes.Clone(w.Key)
			w.Key[len(w.Key)-1] ^= 1
			return w
		},
		"memory":  func(w lockbox.Wrapped) lockbox.Wrapped { w.Params.Memory++; return w },
		"time":    func(w lockbox.Wrapped) lockbox.Wrapped { w.Params.Time++; return w },
		"threads": func(w lockbox.Wrapped) lockbox.Wrapped { w.Params.Threads++; return w },
		"version": func(w lockbox.Wrapped) lockbox.Wrapped { w.Version++; return w },
		"short":   func(w lockbox.Wrapped) lockbox.Wrapped { w.Key = w.Key[:len(w.Key)-1]; return w },
	}
	for name, change := range cases {
		if k, err := lockbox.Unwrap(change(w), "correct horse battery staple"); err == nil {
			t.Errorf("%s changed: unwrapped %x", name, k)
		}
	}
}

func TestRewrapKeepsDataKey(t *testing.T) {
	k, w := wrapped(t)
	p2 := lockbox.Params{Memory: 128, Time: 2, Threads: 1}
	w2, err := lockbox.Rewrap(w, "correct horse battery staple", "a new passphrase of words", p2)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(w2.Salt, w.Salt) || bytes.Equal(w2.Nonce, w.Nonce) || w2.Params != p2 {
		t.Error("rewrap kept the salt or nonce, or lost the new parameters")
	}
	if _, err := lockbox.Unwrap(w2, "correct horse battery staple"); err == nil {
		t.Error("the old passphrase still opens the rewrapped key")
	}
	got, err := lockbox.Unwrap(w2, "a new passphrase of words")
	if err != nil || !bytes.Equal(got, k) {
		t.Fatalf("unwrap after rewrap = %x, %v; want the same data key", got, err)
	}
	if _, err := lockbox.Rewrap(w, "wrong", "x", fast); !errors.Is(err, lockbox.ErrWrongPassphrase) {
		t.Errorf("rewrap with a wrong passphrase = %v", err)
	}
}

func TestParams(t *testing.T) {
	p, err := lockbox.ParseParams(lockbox.DefaultParams.String())
	if err != nil || p != lockbox.DefaultParams {
		t.Fatalf("ParseParams(String()) = %+v, %v", p, err)
	}
	for _, s := range []string{"", "argon2i;v=19;m=64;t=1;p=1", "argon2id;v=16;m=64;t=1;p=1", "argon2id;v=19;m=64;t=1",
		"argon2id;v=19;m=99999999;t=1;p=1", "argon2id;v=19;m=64;t=0;p=1", "argon2id;v=19;m=64;t=1;p=300", "argon2id;v=19;t=1;m=64;p=1"} {
		if _, err := lockbox.ParseParams(s); err == nil {
			t.Errorf("ParseParams(%q) accepted", s)
		}
	}
}

func TestSealOpen(t *testing.T) {
	k, _ := lockbox.NewDataKey()
	aad := []byte("contributor/c1/name")
	s, err := lockbox.Seal(k, []byte("Zorbicnamé Testperson"), aad)
	if err != nil {
		t.Fatal(err)
	}
	if s[0] != lockbox.SealVersion || bytes.Contains(s, []byte("Zorbic")) {
		t.Fatalf("sealed value %x: no version byte, or the plaintext shows", s)
	}
	got, err := lockbox.Open(k, s, aad)
	if err != nil || string(got) != "Zorbicnamé Testperson" {
		t.Fatalf("open = %q, %v", got, err)
	}
	s2, _ := lockbox.Seal(k, []byte("Zorbicnamé Testperson"), aad)
	if bytes.Equal(s, s2) {
		t.Error("two seals of the same value are equal: the nonce is not fresh")
	}
	other, _ := lockbox.NewDataKey()
	for name, try := range map[string]func() ([]byte, error){
		"wrong key":      func() ([]byte, error) { return lockbox.Open(other, s, aad) },
		"wrong aad":      func() ([]byte, error) { return lockbox.Open(k, s, []byte("contributor/c2/name")) },
		"tampered body":  func() ([]byte, error) { c := bytes.Clone(s); c[len(c)-20] ^= 1; return lockbox.Open(k, c, aad) },
		"tampered nonce": func() ([]byte, error) { c := bytes.Clone(s); c[3] ^= 1; return lockbox.Open(k, c, aad) },
		"version":        func() ([]byte, error) { c := bytes.Clone(s); c[0] = 2; return lockbox.Open(k, c, aad) },
		"truncated":      func() ([]byte, error) { return lockbox.Open(k, s[:20], aad) },
		"short key":      func() ([]byte, error) { return lockbox.Open(k[:16], s, aad) },
	} {
		if p, err := try(); err == nil {
			t.Errorf("%s: opened %q", name, p)
		}
	}
	if _, err := lockbox.Seal(k[:31], []byte("x"), nil); err == nil {
		t.Error("sealed with a 31-byte key")
	}
}

func TestWipe(t *testing.T) {
	k, _ := lockbox.NewDataKey()
	lockbox.Wipe(k)
	if !bytes.Equal(k, make([]byte, lockbox.KeySize)) {
		t.Errorf("wiped key = %x", k)
	}
}

// BenchmarkUnwrap is the unlock time with the default parameters (DESIGN §8 and issue
// 12: at most 0.5 s). Recorded in docs/benchmarks.md.
func BenchmarkUnwrap(b *testing.B) {
	k, _ := lockbox.NewDataKey()
	w, err := lockbox.Wrap(k, "correct horse battery staple", lockbox.DefaultParams)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := lockbox.Unwrap(w, "correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}
