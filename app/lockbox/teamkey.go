package lockbox

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

// A team key seals the identifying fields of a team's records (involve.SealedFields):
// one random 32-byte key per team, made by the server, kept there wrapped by the key
// file (never in its database), and given to the team's staff and lead laptops, which
// keep it wrapped by their data key. Every laptop and the server seal the same value in
// the same place to the same token, so merging and conflict detection, which compare
// field values, work on sealed records as on plain ones (docs/decisions.md).
//
// Field tokens are "sealed1.<key id>.<base64url(nonce | ciphertext | tag)>":
// XChaCha20-Poly1305 under a key derived from the team key with HKDF-SHA256; the
// 24-byte nonce is HMAC-SHA256 (under a second derived key) of the associated data and
// the plaintext, the synthetic-IV construction (RFC 5297's idea): the same plaintext in
// the same place gives the same token, and nothing else repeats. The associated data
// binds the key id and the place (kind, record id, field), so a token copied into
// another record or field does not open. What a token reveals: that a field's value is
// the same as in another revision of the same record, and roughly its length.

// FieldPrefix starts every sealed field value (involve.SealedPrefix says the same).
const FieldPrefix = "sealed1."

// TeamKeyIDLen is the length of a team key's id, in hex digits.
const TeamKeyIDLen = 16

// Errors opening a field token.
var (
	// ErrNotSealed: the value is not a field token (it is plain text).
	ErrNotSealed = errors.New("the value is not sealed")
	// ErrOtherKey: the token was sealed with another team key than this one.
	ErrOtherKey = errors.New("the value was sealed with another team's key, or an older key")
)

// TeamKey is a team's field key and what is derived from it.
type TeamKey struct {
	raw, enc, iv []byte
	id           string
}

// NewTeamKey makes a random team key.
func NewTeamKey() (*TeamKey, error) {
	raw := make([]byte, KeySize)
	if _, err := rand.Read(raw); err != nil {
		return nil, fmt.Errorf("team key: %w", err)
	}
	defer Wipe(raw)
	return TeamKeyFrom(raw)
}

// TeamKeyFrom makes a TeamKey of raw key bytes (copied: the caller wipes raw).
func TeamKeyFrom(raw []byte) (*TeamKey, error) {
	if len(raw) != KeySize {
		return nil, fmt.Errorf("a team key must be %d bytes, not %d", KeySize, len(raw))
	}
	k := &TeamKey{raw: append([]byte(nil), raw...)}
	k.enc = derive(raw, "involve field encryption v1")
	k.iv = derive(raw, "involve field synthetic iv v1")
	id := derive(raw, "involve team key id v1")
	k.id = hex.EncodeToString(id[:TeamKeyIDLen/2])
	Wipe(id)
	return k, nil
}

func derive(secret []byte, info string) []byte {
	out := make([]byte, KeySize)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte(info)), out); err != nil {
		panic("hkdf: " + err.Error()) // cannot happen for 32 bytes of SHA-256
	}
	return out
}

// ID names the key (not secret): tokens carry it, so a laptop can tell a value sealed
// with another key from a damaged one.
func (k *TeamKey) ID() string { return k.id }

// Raw returns a copy of the key's bytes, to be wrapped; the caller wipes it.
func (k *TeamKey) Raw() []byte { return append([]byte(nil), k.raw...) }

// Wipe zeroes the key (best effort: see the package comment). It must not be used after.
func (k *TeamKey) Wipe() {
	if k == nil {
		return
	}
	Wipe(k.raw)
	Wipe(k.enc)
	Wipe(k.iv)
}

// FieldPlace names where a field value lives: the associated data of its token.
func FieldPlace(entity, recordID, field string) string {
	return entity + "\x00" + recordID + "\x00" + field
}

func (k *TeamKey) fieldAAD(place string) []byte {
	return []byte("involve field v1\x00" + k.id + "\x00" + place)
}

// SealField seals a field value in its place (FieldPlace). The empty value stays empty
// (a token would say no more than "there is a value"). The same key, place and value
// always give the same token.
func (k *TeamKey) SealField(place, plaintext string) string {
	if plaintext == "" {
		return ""
	}
	aad := k.fieldAAD(place)
	mac := hmac.New(sha256.New, k.iv)
	mac.Write(aad)
	mac.Write([]byte{0})
	mac.Write([]byte(plaintext))
	nonce := mac.Sum(nil)[:chacha20poly1305.NonceSizeX]
	aead, err := chacha20poly1305.NewX(k.enc)
	if err != nil {
		panic("seal: " + err.Error()) // the key is always 32 bytes
	}
	out := aead.Seal(append([]byte(nil), nonce...), nonce, []byte(plaintext), aad)
	return FieldPrefix + k.id + "." + base64.RawURLEncoding.EncodeToString(out)
}

// OpenField opens a token made by SealField with this key in this place. The empty
// value opens to empty. ErrNotSealed: the value is not a token; ErrOtherKey: another
// key sealed it; ErrCannotOpen: it was changed or moved from another place.
func (k *TeamKey) OpenField(place, token string) (string, error) {
	if token == "" {
		return "", nil
	}
	id, body, ok := splitToken(token)
	if !ok {
		return "", ErrNotSealed
	}
	if id != k.id {
		return "", ErrOtherKey
	}
	b, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || len(b) < chacha20poly1305.NonceSizeX+chacha20poly1305.Overhead {
		return "", ErrCannotOpen
	}
	aead, err := chacha20poly1305.NewX(k.enc)
	if err != nil {
		return "", err
	}
	n := chacha20poly1305.NonceSizeX
	p, err := aead.Open(nil, b[:n], b[n:], k.fieldAAD(place))
	if err != nil {
		return "", ErrCannotOpen
	}
	return string(p), nil
}

// FieldKeyID returns the key id a token names, and whether the value is a token.
func FieldKeyID(token string) (string, bool) {
	id, _, ok := splitToken(token)
	return id, ok
}

// IsFieldToken reports whether a value has the form of a field token.
func IsFieldToken(s string) bool {
	_, _, ok := splitToken(s)
	return ok
}

func splitToken(s string) (id, body string, ok bool) {
	rest, found := strings.CutPrefix(s, FieldPrefix)
	if !found {
		return "", "", false
	}
	id, body, found = strings.Cut(rest, ".")
	if !found || len(id) != TeamKeyIDLen || body == "" {
		return "", "", false
	}
	if _, err := hex.DecodeString(id); err != nil {
		return "", "", false
	}
	return id, body, true
}
