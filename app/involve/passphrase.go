package involve

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Passphrase policy for the app lock: at least 12 characters, or at least 4 words
// (separated by spaces), and at most 1,000 characters.
const (
	MinPassphraseChars = 12
	MinPassphraseWords = 4
	MaxPassphraseChars = 1000
)

// ValidatePassphrase applies the passphrase policy; the error names field "passphrase".
func ValidatePassphrase(p string) error {
	n := utf8.RuneCountInString(p)
	msg := ""
	switch {
	case strings.TrimSpace(p) == "":
		msg = "Enter a passphrase"
	case n > MaxPassphraseChars:
		msg = "The passphrase must be 1,000 characters or fewer"
	case n < MinPassphraseChars && len(strings.Fields(p)) < MinPassphraseWords:
		msg = "The passphrase must be at least 12 characters long, or at least 4 words"
	default:
		return nil
	}
	return &Error{Code: EINVALID, Message: msg + ".", Fields: []FieldError{{Field: "passphrase", Message: msg}}}
}

// Brute-force protection for the kiosk PIN and the app lock's passphrase: after
// FreeTries wrong ones in a row, each further wrong one makes the next try wait, twice
// as long each time (30 s, 1 min, 2 min …), up to 15 minutes.
const (
	FreeTries = 5
	firstWait = 30 * time.Second
	maxWait   = 15 * time.Minute
)

// WrongTryWait is how long to wait after the n-th wrong try in a row.
func WrongTryWait(n int) time.Duration {
	if n < FreeTries {
		return 0
	}
	w := firstWait
	for i := FreeTries; i < n && w < maxWait; i++ {
		w *= 2
	}
	return min(w, maxWait)
}

// WaitText says a wait in words, rounded up: "30 seconds", "1 minute", "15 minutes".
func WaitText(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	switch {
	case s <= 1:
		return "1 second"
	case s < 60:
		return fmt.Sprintf("%d seconds", s)
	case s <= 60:
		return "1 minute"
	default:
		return fmt.Sprintf("%d minutes", (s+59)/60)
	}
}
