package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
)

// `involve passphrase set|remove|check`: the app lock's passphrase from the command
// line. Passphrases come from $INVOLVE_PASSPHRASE or from standard input, one a line;
// they are never taken as arguments (which other users of the computer can see). When
// typed at a terminal they are shown as typed: pipe them in, or use the variable.

// PassphraseEnv is the environment variable holding the passphrase.
const PassphraseEnv = "INVOLVE_PASSPHRASE"

// stdin is where passphrases are read from (tests replace it).
var stdin io.Reader = os.Stdin

// lockParams are the Argon2id parameters for a new passphrase (tests use cheap ones).
var lockParams = lockbox.DefaultParams

// lineReader reads passphrases a line at a time, prompting on stderr.
type lineReader struct{ r *bufio.Reader }

func (l *lineReader) read(prompt string) (string, error) {
	fmt.Fprint(os.Stderr, prompt)
	s, err := l.r.ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && s != "") {
		return "", fmt.Errorf("no passphrase was given: set $%s, or give it on standard input", PassphraseEnv)
	}
	return strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r"), nil
}

// current is the passphrase already set: $INVOLVE_PASSPHRASE, else a line of input.
func (l *lineReader) current() (string, error) {
	if p, ok := os.LookupEnv(PassphraseEnv); ok {
		return p, nil
	}
	return l.read("Current passphrase: ")
}

func cmdPassphrase(ctx context.Context, dir string, args []string) error {
	action := args[0]
	if action != "set" && action != "remove" && action != "check" {
		return usageErrorf("unknown action %q: use set, remove or check", action)
	}
	if action != "check" {
		// the open app keeps the lock's state in memory: change it there, or with it closed
		lock, err := holdClosed(dir, "close it first, or use Settings in the app")
		if err != nil {
			return err
		}
		defer lock.Close()
	}
	db, err := openDB(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := db.LockSettings(ctx)
	if err != nil {
		return err
	}
	in := &lineReader{r: bufio.NewReader(stdin)}
	if s.Wrapped == nil && action != "set" {
		return errors.New("no passphrase is set on this laptop")
	}
	var key []byte
	if s.Wrapped != nil {
		cur, err := in.current()
		if err != nil {
			return err
		}
		if key, err = db.UnwrapLockKey(ctx, cur); err != nil {
			return errors.New(involve.ErrorMessage(err))
		}
	}
	defer func() { lockbox.Wipe(key) }()
	switch action {
	case "check":
		fmt.Println("the passphrase is right")
		return nil
	case "remove":
		// the passphrase protects the sealed fields' key: it stays while there are any
		if held, err := db.HoldsSealedData(ctx); err != nil {
			return err
		} else if held {
			return errSealedData
		}
		if err := db.ClearLockKey(ctx); err != nil {
			return err
		}
		fmt.Println("the passphrase was removed: Involve no longer locks")
		return nil
	}
	next, ok := "", false
	if s.Wrapped == nil {
		next, ok = os.LookupEnv(PassphraseEnv)
	}
	if !ok {
		if next, err = in.read("New passphrase: "); err != nil {
			return err
		}
	}
	if err := involve.ValidatePassphrase(next); err != nil {
		return errors.New(involve.ErrorMessage(err))
	}
	if key == nil {
		if key, err = lockbox.NewDataKey(); err != nil {
			return err
		}
	}
	w, err := lockbox.Wrap(key, next, lockParams)
	if err != nil {
		return err
	}
	if err := db.SaveLockKey(ctx, w); err != nil {
		return err
	}
	if s.Wrapped == nil {
		if err := firstUnlock(ctx, db, key); err != nil {
			return err
		}
	}
	if s.Wrapped == nil {
		fmt.Println("the passphrase was set: Involve opens locked from now on")
	} else {
		fmt.Println("the passphrase was changed")
	}
	return nil
}
