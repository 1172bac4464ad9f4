package lockbox

import (
	"crypto/rand"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// SealVersion is the first byte of every sealed value: version 1 is
// XChaCha20-Poly1305 with a random 24-byte nonce, then the nonce, then the ciphertext
// and its tag. The version byte is also authenticated (it is part of the associated
// data), so it cannot be changed to make a value read another way.
const SealVersion byte = 1

// sealOverhead is what sealing adds to a plaintext: the version byte, nonce and tag.
const sealOverhead = 1 + chacha20poly1305.NonceSizeX + chacha20poly1305.Overhead

// ErrCannotOpen: a sealed value did not open with this key and associated data (a wrong
// key, a value moved to another field or record, or a value changed).
var ErrCannotOpen = errors.New("a sealed value could not be opened: the key is not the one it was sealed with, or the value was changed")

// Seal encrypts plaintext with key, binding aad (for example the record's kind, id and
// field) so that a sealed value cannot be moved to another place.
func Seal(key, plaintext, aad []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	out := make([]byte, 1+chacha20poly1305.NonceSizeX, sealOverhead+len(plaintext))
	out[0] = SealVersion
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return aead.Seal(out, out[1:], plaintext, sealAAD(SealVersion, aad)), nil
}

// Open decrypts a value made by Seal with the same key and aad.
func Open(key, sealed, aad []byte) ([]byte, error) {
	if len(sealed) < sealOverhead {
		return nil, ErrCannotOpen
	}
	if sealed[0] != SealVersion {
		return nil, fmt.Errorf("a sealed value has version %d, which this version of Involve does not know", sealed[0])
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	n := 1 + chacha20poly1305.NonceSizeX
	p, err := aead.Open(nil, sealed[1:n], sealed[n:], sealAAD(sealed[0], aad))
	if err != nil {
		return nil, ErrCannotOpen
	}
	return p, nil
}

func sealAAD(version byte, aad []byte) []byte {
	return append([]byte{version}, aad...)
}
