package server

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// TokenPrefix marks Involve device tokens (so a leaked one is recognisable).
const TokenPrefix = "inv1_"

// NewToken makes a device token: 32 random bytes, base64url, prefixed.
func NewToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics rather than return short)
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret is how tokens and enrolment codes are stored: hex SHA-256. They carry
// 256 and about 59 bits of randomness, so a fast hash is enough (nothing to guess
// from a dictionary), and a lookup by hash takes one index probe.
func HashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// codeAlphabet has no 0/O, 1/I/L or U/V look-alikes: codes are read aloud and typed.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ"

// NewEnrolmentCode makes a one-time code such as "K7QD-9XWM-3PTR" (12 symbols of 29,
// about 58 bits).
func NewEnrolmentCode() string {
	var sb strings.Builder
	b := make([]byte, 12)
	rand.Read(b)
	for i := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		// 256 % 29 = 24: a slight bias towards the first 24 symbols is harmless here,
		// but reject-sampling costs nothing.
		for int(b[i]) >= 256-256%len(codeAlphabet) {
			var c [1]byte
			rand.Read(c[:])
			b[i] = c[0]
		}
		sb.WriteByte(codeAlphabet[int(b[i])%len(codeAlphabet)])
	}
	return sb.String()
}

// NormalizeCode makes a typed code comparable: upper case, without spaces or dashes.
func NormalizeCode(code string) string {
	var sb strings.Builder
	for _, r := range strings.ToUpper(code) {
		if r == '-' || r == ' ' || r == '\t' {
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// HashCode is the stored form of an enrolment code.
func HashCode(code string) string { return HashSecret("enrol:" + NormalizeCode(code)) }
