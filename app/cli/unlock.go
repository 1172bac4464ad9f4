package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
	"golang.org/x/term"
)

// Unlocking from the command line. A laptop with a passphrase keeps Lived Experience
// Partners' details and its key for the server sealed by it (app/store's sealing), so
// every subcommand that reads or writes them (sync, connect, import, export --decrypt,
// the summary workbook) first unlocks the store: with $INVOLVE_PASSPHRASE, or by asking
// at the terminal (not shown as typed), and refuses clearly with neither. Wrong
// passphrases count as in the app (store.UnwrapLockKey): after five, each try waits
// longer.

// errNoPassphrase refuses a command that needs the passphrase when none can be had.
var errNoPassphrase = errors.New("This laptop's Involve has a passphrase: set " + PassphraseEnv + " or run it in a terminal")

// console is the terminal the passphrase is asked at (tests replace it): isTerminal
// says whether standard input is one, readHidden reads a line from it without showing
// it.
var console = struct {
	isTerminal func() bool
	readHidden func() (string, error)
}{
	isTerminal: func() bool { return term.IsTerminal(int(os.Stdin.Fd())) },
	readHidden: func() (string, error) {
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		return string(b), err
	},
}

// openSealed is openDB for a subcommand that reads or writes sealed fields: the store
// comes back unlocked when a passphrase is set (unlock), or not at all.
func openSealed(ctx context.Context, dir string) (*store.DB, error) {
	db, err := openDB(ctx, dir)
	if err != nil {
		return nil, err
	}
	if err := unlock(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// unlock gives db its data key when a passphrase locks Involve on this laptop (nothing
// to do otherwise, or when it is unlocked already).
func unlock(ctx context.Context, db *store.DB) error {
	has, err := db.HasPassphrase(ctx)
	if err != nil || !has || db.Unlocked() {
		return err
	}
	p, err := passphraseToUnlock()
	if err != nil {
		return err
	}
	k, err := db.UnwrapLockKey(ctx, p)
	if err != nil {
		return errors.New(involve.ErrorMessage(err))
	}
	defer lockbox.Wipe(k)
	if err := db.Unlock(ctx, k); err != nil {
		return fmt.Errorf("Involve could not be unlocked: %s", involve.ErrorMessage(err))
	}
	return nil
}

// errSealedData refuses to remove the passphrase of a laptop that holds sealed fields.
var errSealedData = errors.New("the passphrase cannot be removed: it protects the Lived Experience Partners' details on this laptop and your team's key, " +
	"which would otherwise be readable by anyone who has the laptop (change it with `involve passphrase set` instead)")

// passphraseToUnlock is $INVOLVE_PASSPHRASE, else asked at the terminal.
func passphraseToUnlock() (string, error) {
	if p, ok := os.LookupEnv(PassphraseEnv); ok {
		return p, nil
	}
	if !console.isTerminal() {
		return "", errNoPassphrase
	}
	fmt.Fprint(os.Stderr, "Involve's passphrase (not shown): ")
	p, err := console.readHidden()
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", fmt.Errorf("reading the passphrase: %w", err)
	}
	return p, nil
}

// firstUnlock unlocks the store with the data key of a passphrase just set, so that it
// seals from now on what it holds (app/store: what an older version left plain).
func firstUnlock(ctx context.Context, db *store.DB, key []byte) error {
	if db.Unlocked() {
		return nil
	}
	if err := db.Unlock(ctx, key); err != nil {
		return fmt.Errorf("the passphrase was set, but Involve could not be unlocked with it: %s", involve.ErrorMessage(err))
	}
	return nil
}
