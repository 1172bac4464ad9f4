package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// The sync commands: connect, sync and status. They work while the app is open: the
// app's background sync and a command-line sync may run at once (batches are taken in
// transactions, and a change sent twice is a harmless duplicate).

// syncOut and syncErr are where the sync commands write (tests replace them).
var (
	syncOut io.Writer = os.Stdout
	syncErr io.Writer = os.Stderr
)

// cliError puts an application error in plain words for a terminal: a validation
// error lists each problem.
func cliError(err error) error {
	fields := involve.ErrorFields(err)
	if len(fields) == 0 {
		return err
	}
	msgs := make([]string, len(fields))
	for i, f := range fields {
		msgs[i] = f.Message
	}
	return errors.New(strings.Join(msgs, "; "))
}

var connectArgs struct{ ca string }

func connectFlags(fs *flag.FlagSet) {
	fs.StringVar(&connectArgs.ca, "ca", "", "trust only the certificate authority in `FILE` (PEM) for the server, now and for every later sync")
}

// maxCAFile bounds a certificate authority file (a chain of a few certificates).
const maxCAFile = 1 << 20

// cmdConnect enrols this laptop with a server: involve connect [--ca FILE] URL CODE.
func cmdConnect(ctx context.Context, dir string, args []string) error {
	var caPEM []byte
	if connectArgs.ca != "" {
		f, err := os.Open(connectArgs.ca)
		if err != nil {
			return fmt.Errorf("reading the certificate authority: %w", err)
		}
		caPEM, err = io.ReadAll(io.LimitReader(f, maxCAFile+1))
		f.Close()
		if err != nil {
			return fmt.Errorf("reading the certificate authority: %w", err)
		}
		if len(caPEM) > maxCAFile {
			return fmt.Errorf("the certificate authority file %s is larger than 1 MB: give the PEM certificate of your team's authority", connectArgs.ca)
		}
	}
	db, err := openSealed(ctx, dir) // the device token is kept sealed
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	before, err := db.SyncSettings(ctx)
	if err != nil {
		return err
	}
	set, err := syncer.ConnectCA(ctx, db, args[0], args[1], caPEM, nil)
	if err != nil {
		return cliError(err)
	}
	fmt.Fprintf(syncOut, "connected to %s: team %s, this laptop is %q\n", set.ServerURL, set.TeamName, set.DeviceName)
	fmt.Fprintf(syncOut, "enrolled for %s\n", roleText(set.Role))
	if set.RoleNotice != "" && set.RoleChangedAt != before.RoleChangedAt { // what this connection's role did
		fmt.Fprintln(syncOut, set.RoleNotice)
	}
	if set.CAPEM != "" {
		fmt.Fprintf(syncOut, "trusting only the certificate authority in %s for this server\n", connectArgs.ca)
	}
	fmt.Fprintln(syncOut, "run `involve sync` to sync now (the app syncs by itself while it is open)")
	return nil
}

// cmdSync runs one sync: progress on stderr, a one-line summary on stdout.
func cmdSync(ctx context.Context, dir string, _ []string) error {
	db, err := openSealed(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	e, err := syncer.FromSettings(ctx, db, nil)
	if err != nil {
		return cliError(err)
	}
	// at most one line every 200 ms, and each phase's last numbers before the next
	var last time.Time
	var held *syncer.Progress
	print := func(p syncer.Progress) {
		switch {
		case p.Phase == syncer.PhasePush && p.Total > 0:
			fmt.Fprintf(syncErr, "sync: sending changes: %d of %d\n", p.Done, p.Total)
		case p.Phase == syncer.PhasePull:
			fmt.Fprintf(syncErr, "sync: receiving changes: %d\n", p.Done)
		}
		last, held = time.Now(), nil
	}
	progress := func(p syncer.Progress) {
		if held != nil && held.Phase != p.Phase {
			print(*held)
		}
		if time.Since(last) >= 200*time.Millisecond {
			print(p)
			return
		}
		held = &p
	}
	defer func() {
		if held != nil {
			print(*held)
		}
	}()
	sum, err := e.SyncOnce(ctx, progress)
	if err != nil {
		st := e.Status()
		msg := strings.TrimSuffix(st.Message, " Involve will try again.")
		switch {
		case st.State == syncer.StateUnauthorized:
			msg = "The server no longer accepts this laptop (it may have been disconnected by an administrator). " +
				"Your work is safe on this laptop; connect again with `involve connect URL CODE` and a new enrolment code made for this laptop (involve-server device reenrol)."
		case errors.Is(err, context.Canceled):
			msg = "Sync stopped; what was done is kept, and the next sync carries on from there."
		}
		return fmt.Errorf("%s (%v)", msg, err)
	}
	fmt.Fprintln(syncOut, sum.String())
	if sum.Pull.Role != nil && sum.Pull.Role.Notice != "" {
		fmt.Fprintln(syncOut, sum.Pull.Role.Notice)
	}
	return nil
}

// roleText is a role as the command line shows it ("" is a server before roles).
func roleText(role string) string {
	if role == "" {
		return "staff (the server does not state roles)"
	}
	return role
}

// cmdStatus prints the sync status as the database tells it.
func cmdStatus(ctx context.Context, dir string, _ []string) error {
	db, err := openDB(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := syncer.LocalStatus(ctx, db)
	if err != nil {
		return err
	}
	w := syncOut
	if st.State == syncer.StateNotConnected {
		fmt.Fprintln(w, "connected:  no")
	} else {
		fmt.Fprintln(w, "connected:  yes")
		fmt.Fprintln(w, "server:    ", st.ServerURL)
		fmt.Fprintln(w, "team:      ", st.TeamName)
		fmt.Fprintln(w, "device:    ", st.DeviceName)
		fmt.Fprintln(w, "role:      ", roleText(st.Role))
	}
	if st.State == syncer.StateNotConnected && st.Role != "" {
		fmt.Fprintln(w, "role:      ", st.Role, "(as last enrolled; connect again to change it)")
	}
	fmt.Fprintln(w, "state:     ", st.State)
	fmt.Fprintln(w, "message:   ", st.Message)
	if st.RoleNotice != "" && !strings.Contains(st.Message, st.RoleNotice) {
		fmt.Fprintln(w, "role change:", st.RoleNotice)
	}
	fmt.Fprintln(w, "last synced:", localTime(st.LastSyncedAt))
	fmt.Fprintln(w, "pending:   ", st.Pending)
	fmt.Fprintln(w, "rejected:  ", st.Rejected)
	fmt.Fprintln(w, "conflicts: ", st.Conflicts)
	if n, err := db.ParkedCount(ctx); err == nil && n > 0 {
		fmt.Fprintln(w, "waiting:   ", n, "pulled records wait for the session or project they belong to")
	}
	return nil
}

func localTime(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04:05 MST")
}
