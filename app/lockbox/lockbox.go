// Package lockbox holds the laptop's key hierarchy: a random 32-byte data key, wrapped
// (XChaCha20-Poly1305) by a key-encryption key derived from the passphrase with
// Argon2id, and the Seal/Open format that sealed fields will use. Every primitive comes
// from golang.org/x/crypto; this package only chooses parameters and formats.
//
// Key material is zeroed when it is no longer needed (Wipe), as far as Go allows: the
// garbage collector may have copied a slice before it is wiped, and a passphrase held
// in a Go string cannot be wiped at all. This is best effort, not a guarantee.
package lockbox

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// KeySize is the size of the data key and of the key-encryption key, in bytes.
const KeySize = chacha20poly1305.KeySize

// SaltSize is the size of the Argon2id salt, in bytes.
const SaltSize = 16

// WrapVersion is the version byte of a wrapped data key.
const WrapVersion byte = 1

// Params are the Argon2id parameters. They are stored with each wrapped key, so that
// they can be raised later without losing keys wrapped before.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// DefaultParams: 64 MiB, 2 passes, 2 lanes; one derivation takes 0.14–0.22 s on a
// busy two-core machine (docs/benchmarks.md; the choice: docs/decisions.md).
var DefaultParams = Params{Memory: 64 * 1024, Time: 2, Threads: 2}

// Limits on stored parameters: a tampered record must not make unlocking take all the
// memory or all day.
const (
	maxMemory  = 1024 * 1024 // 1 GiB
	maxTime    = 20
	maxThreads = 16
)

// Validate checks parameters read from a record or chosen by a caller.
func (p Params) Validate() error {
	if p.Threads < 1 || p.Threads > maxThreads {
		return fmt.Errorf("the key derivation's lanes (%d) are outside 1–%d", p.Threads, maxThreads)
	}
	if p.Time < 1 || p.Time > maxTime {
		return fmt.Errorf("the key derivation's passes (%d) are outside 1–%d", p.Time, maxTime)
	}
	if p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory {
		return fmt.Errorf("the key derivation's memory (%d KiB) is outside %d KiB–1 GiB", p.Memory, 8*uint32(p.Threads))
	}
	return nil
}

// String is the parameters' stored form, "argon2id;v=19;m=65536;t=3;p=2".
func (p Params) String() string {
	return fmt.Sprintf("argon2id;v=%d;m=%d;t=%d;p=%d", argon2.Version, p.Memory, p.Time, p.Threads)
}

// ParseParams reads the stored form written by String, and checks it.
func ParseParams(s string) (Params, error) {
	parts := strings.Split(s, ";")
	if len(parts) != 5 || parts[0] != "argon2id" || parts[1] != "v="+strconv.Itoa(argon2.Version) {
		return Params{}, fmt.Errorf("the key derivation parameters %q are not in a known form", s)
	}
	var nums [3]uint64
	for i, name := range []string{"m", "t", "p"} {
		v, ok := strings.CutPrefix(parts[2+i], name+"=")
		n, err := strconv.ParseUint(v, 10, 32)
		if !ok || err != nil {
			return Params{}, fmt.Errorf("the key derivation parameters %q are not in a known form", s)
		}
		nums[i] = n
	}
	if nums[2] > maxThreads {
		return Params{}, fmt.Errorf("the key derivation's lanes (%d) are outside 1–%d", nums[2], maxThreads)
	}
	p := Params{Memory: uint32(nums[0]), Time: uint32(nums[1]), Threads: uint8(nums[2])}
	return p, p.Validate()
}

// Wrapped is a data key wrapped by a passphrase: everything needed to unwrap it except
// the passphrase. None of it is secret.
type Wrapped struct {
	Version byte
	Params  Params
	Salt    []byte // SaltSize bytes
	Nonce   []byte // 24 bytes
	Key     []byte // the data key sealed: KeySize bytes plus the 16-byte tag
}

// Check says whether a record read from storage has the right shape (not whether the
// passphrase opens it).
func (w Wrapped) Check() error {
	switch {
	case w.Version != WrapVersion:
		return fmt.Errorf("the wrapped key has version %d, which this version of Involve does not know", w.Version)
	case len(w.Salt) != SaltSize:
		return fmt.Errorf("the wrapped key's salt has %d bytes, not %d", len(w.Salt), SaltSize)
	case len(w.Nonce) != chacha20poly1305.NonceSizeX:
		return fmt.Errorf("the wrapped key's nonce has %d bytes, not %d", len(w.Nonce), chacha20poly1305.NonceSizeX)
	case len(w.Key) != KeySize+chacha20poly1305.Overhead:
		return fmt.Errorf("the wrapped key has %d bytes, not %d", len(w.Key), KeySize+chacha20poly1305.Overhead)
	}
	return w.Params.Validate()
}

// ErrWrongPassphrase: the passphrase does not open the wrapped key (or the record was
// changed: the two cannot be told apart, by design).
var ErrWrongPassphrase = errors.New("that passphrase is not right")

// NewDataKey makes a random data key.
func NewDataKey() ([]byte, error) {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("make a data key: %w", err)
	}
	return k, nil
}

// Wrap seals dataKey with a key derived from passphrase, with a fresh salt and nonce.
func Wrap(dataKey []byte, passphrase string, p Params) (Wrapped, error) {
	if len(dataKey) != KeySize {
		return Wrapped{}, fmt.Errorf("a data key has %d bytes, not %d", KeySize, len(dataKey))
	}
	if err := p.Validate(); err != nil {
		return Wrapped{}, err
	}
	w := Wrapped{Version: WrapVersion, Params: p, Salt: make([]byte, SaltSize), Nonce: make([]byte, chacha20poly1305.NonceSizeX)}
	if _, err := rand.Read(w.Salt); err != nil {
		return Wrapped{}, err
	}
	if _, err := rand.Read(w.Nonce); err != nil {
		return Wrapped{}, err
	}
	kek := deriveKEK(passphrase, w.Salt, p)
	defer Wipe(kek)
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return Wrapped{}, err
	}
	w.Key = aead.Seal(nil, w.Nonce, dataKey, w.aad())
	return w, nil
}

// Unwrap derives the key-encryption key from passphrase and opens the data key. The
// cipher's authentication is the passphrase check: a wrong passphrase, or a record
// changed in any part, gives ErrWrongPassphrase. The caller wipes the key when done.
func Unwrap(w Wrapped, passphrase string) ([]byte, error) {
	if err := w.Check(); err != nil {
		return nil, err
	}
	kek := deriveKEK(passphrase, w.Salt, w.Params)
	defer Wipe(kek)
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, err
	}
	k, err := aead.Open(nil, w.Nonce, w.Key, w.aad())
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return k, nil
}

// Rewrap changes the passphrase: the data key stays the same (so nothing sealed with
// it needs sealing again); only its wrapping changes, with a fresh salt and nonce.
func Rewrap(w Wrapped, current, next string, p Params) (Wrapped, error) {
	k, err := Unwrap(w, current)
	if err != nil {
		return Wrapped{}, err
	}
	defer Wipe(k)
	return Wrap(k, next, p)
}

// aad binds the version and the parameters (and the salt) to the sealed key, so that a
// changed parameter fails authentication rather than deriving another key quietly.
func (w Wrapped) aad() []byte {
	return []byte(fmt.Sprintf("involve-lockbox;%d;%s;%x", w.Version, w.Params, w.Salt))
}

func deriveKEK(passphrase string, salt []byte, p Params) []byte {
	pw := []byte(passphrase)
	defer Wipe(pw)
	return argon2.IDKey(pw, salt, p.Time, p.Memory, p.Threads, KeySize)
}

// Wipe overwrites key material (best effort: see the package comment).
func Wipe(b []byte) {
	clear(b)
}
