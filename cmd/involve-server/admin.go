package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"rsc.io/qr"
)

// withStore parses flags, opens the store, runs fn and closes the store.
func withStore(ctx context.Context, fs *flagSet, args []string, npos int, what string,
	fn func(st serverstore.Store, pos []string) error) error {
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != npos {
		return fmt.Errorf("usage: involve-server %s", what)
	}
	st, _, err := openStore(ctx, fs)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st, pos)
}

func cmdTeamAdd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("team add")
	return withStore(ctx, fs, args, 1, "team add NAME", func(st serverstore.Store, pos []string) error {
		name := strings.Join(strings.Fields(pos[0]), " ")
		if name == "" || utf8.RuneCountInString(name) > 100 {
			return errors.New("a team name has 1 to 100 characters")
		}
		if _, err := st.FindTeam(ctx, name); err == nil {
			return fmt.Errorf("there is already a team called %q", name)
		}
		t := serverstore.Team{ID: uuid.Must(uuid.NewV7()).String(), Name: name, CreatedAt: time.Now().UTC()}
		keys, _, _, err := openKeys(ctx, fs, st) // before the team: a refused key file makes no team
		if err != nil {
			return err
		}
		defer keys.Wipe()
		if err := st.CreateTeam(ctx, t); err != nil {
			return err
		}
		if _, err := keys.TeamKey(ctx, t.ID); err != nil {
			return fmt.Errorf("team %s was added, but its key was not made (the server makes it at its next start): %w", t.ID, err)
		}
		audit(ctx, st, serverstore.AuditEntry{At: t.CreatedAt, TeamID: t.ID, Action: "team.add", Detail: "team " + quote(name) + " by " + operator()})
		fmt.Fprintf(stdout, "%s\t%s\n", safe(t.ID), safe(t.Name))
		return nil
	})
}

func cmdTeamList(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("team list")
	return withStore(ctx, fs, args, 0, "team list", func(st serverstore.Store, _ []string) error {
		teams, err := st.ListTeams(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tCREATED\tSTORAGE USED\tSTORAGE QUOTA\tCHANGES PER LAPTOP A DAY")
		for _, t := range teams {
			u, err := st.TeamUsage(ctx, t.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", safe(t.ID), safe(t.Name), t.CreatedAt.Format(time.RFC3339),
				server.FormatSize(u.BytesUsed), storageText(u.Quota.StorageBytes), changesText(u.Quota.DeviceDailyChanges))
		}
		return tw.Flush()
	})
}

func findTeam(ctx context.Context, st serverstore.Store, team string) (serverstore.Team, error) {
	if team == "" {
		return serverstore.Team{}, errors.New("say which team: --team NAME or ID")
	}
	t, err := st.FindTeam(ctx, team)
	if errors.Is(err, serverstore.ErrNotFound) {
		return t, fmt.Errorf("there is no team %q (involve-server team list shows them)", team)
	}
	return t, err
}

func cmdEnrol(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("enrol")
	team := fs.String("team", "", "team name or id")
	expires := fs.Duration("expires", 24*time.Hour, "how long the code works")
	qrFile := fs.String("qr", "", "write the QR code PNG here (default DATA_DIR/enrol-CODE.png)")
	role := fs.String("role", "", "the laptop's role: capture, staff or lead (role.go)")
	return withStore(ctx, fs, args, 0, "enrol --team TEAM --role capture|staff|lead [--expires 24h] [--qr FILE.png]", func(st serverstore.Store, _ []string) error {
		if err := checkExpires(*expires); err != nil {
			return err
		}
		if *role == "" {
			return errors.New("say which role the laptop has: --role capture, staff or lead.\n" + rolesHelp)
		}
		r, err := parseRole(*role)
		if err != nil {
			return err
		}
		t, err := findTeam(ctx, st, *team)
		if err != nil {
			return err
		}
		return issueCode(ctx, st, fs, stdout, t, nil, r, *expires, *qrFile)
	})
}

// cmdDeviceReenrol makes a one-time code that enrols exactly one device id again: the
// only way to replace an enrolled device's token (a new laptop installation keeping
// its id, a revoked laptop given back) or to move it to another team.
func cmdDeviceReenrol(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("device reenrol")
	team := fs.String("team", "", "team to move the device to (default: its own team)")
	expires := fs.Duration("expires", 24*time.Hour, "how long the code works")
	qrFile := fs.String("qr", "", "write the QR code PNG here (default DATA_DIR/enrol-CODE.png)")
	role := fs.String("role", "", "the role the device gets: capture, staff or lead (default: the one it has now)")
	return withStore(ctx, fs, args, 1, "device reenrol DEVICE_ID [--team TEAM] [--role R] [--expires 24h] [--qr FILE.png]", func(st serverstore.Store, pos []string) error {
		if err := checkExpires(*expires); err != nil {
			return err
		}
		dev, from, err := findDevice(ctx, st, pos[0])
		if err != nil {
			return err
		}
		r := dev.Role // the code carries the role the device has when it is made
		if *role != "" {
			if r, err = parseRole(*role); err != nil {
				return err
			}
		}
		to := from
		if *team != "" {
			if to, err = findTeam(ctx, st, *team); err != nil {
				return err
			}
		}
		return issueCode(ctx, st, fs, stdout, to, &reenrol{dev: dev, from: from}, r, *expires, *qrFile)
	})
}

// reenrol is the device a code is bound to, and its team when the code was made.
type reenrol struct {
	dev  serverstore.Device
	from serverstore.Team
}

func checkExpires(d time.Duration) error {
	if d <= 0 || d > 30*24*time.Hour {
		return errors.New("--expires must be between 1s and 720h (30 days)")
	}
	return nil
}

// issueCode stores a new one-time code for team t (bound to a device when re is not
// nil), audits it, writes its QR image and prints it.
func issueCode(ctx context.Context, st serverstore.Store, fs *flagSet, stdout io.Writer, t serverstore.Team, re *reenrol,
	role string, ttl time.Duration, qrFile string) error {
	code := server.NewEnrolmentCode()
	now := time.Now().UTC()
	exp := now.Add(ttl)
	e := serverstore.Enrolment{CodeHash: server.HashCode(code), TeamID: t.ID, CreatedAt: now, ExpiresAt: exp, Role: role}
	if re != nil {
		e.ForDevice = re.dev.ID
	}
	if err := st.CreateEnrolment(ctx, e); err != nil {
		return err
	}
	detail := "code for a " + role + " laptop expiring " + exp.Format(time.RFC3339) + " by " + operator()
	if re == nil {
		audit(ctx, st, serverstore.AuditEntry{At: now, TeamID: t.ID, Action: "enrol.code", Detail: detail})
	} else {
		// Said in the device's team and, when the code moves it, in the team it joins.
		detail = "code to re-enrol device " + quote(re.dev.Name) + " in team " + t.ID + ", " + detail
		audit(ctx, st, serverstore.AuditEntry{At: now, TeamID: re.from.ID, DeviceID: re.dev.ID, Action: "enrol.code", Detail: detail})
		if t.ID != re.from.ID {
			audit(ctx, st, serverstore.AuditEntry{At: now, TeamID: t.ID, DeviceID: re.dev.ID, Action: "enrol.code",
				Detail: detail + " (moving it from team " + re.from.ID + ")"})
		}
	}
	path := qrFile
	if path == "" {
		dir := fs.dataDir
		if dir == "" {
			dir = "."
		}
		path = filepath.Join(dir, "enrol-"+code+".png")
	}
	if err := writeQR(path, code); err != nil {
		return fmt.Errorf("the code works, but its QR image could not be written: %w", err)
	}
	if re == nil {
		fmt.Fprintf(stdout, "One-time enrolment code for a %s laptop of team %q, valid until %s (%s).\n", role, t.Name, exp.Format("2006-01-02 15:04 MST"), ttl)
	} else {
		fmt.Fprintf(stdout, "One-time code to re-enrol device %s (%s) as %s in team %q, valid until %s (%s).\n", re.dev.ID, safe(re.dev.Name),
			role, t.Name, exp.Format("2006-01-02 15:04 MST"), ttl)
		fmt.Fprintln(stdout, "It works only on that laptop; using it replaces the laptop's token and clears a revocation.")
	}
	fmt.Fprintf(stdout, "QR code: %s\n", path)
	fmt.Fprintln(stdout, code)
	return nil
}

// writeQR writes the code as a QR image (only the owner may read it: it is a secret
// until used).
func writeQR(path, code string) error {
	c, err := qr.Encode(code, qr.M)
	if err != nil {
		return err
	}
	c.Scale = 10
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(c.PNG()); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

func cmdDeviceList(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("device list")
	team := fs.String("team", "", "team name or id")
	return withStore(ctx, fs, args, 0, "device list --team TEAM", func(st serverstore.Store, _ []string) error {
		t, err := findTeam(ctx, st, *team)
		if err != nil {
			return err
		}
		devs, err := st.ListDevices(ctx, t.ID)
		if err != nil {
			return err
		}
		today, err := st.DeviceChangesOn(ctx, t.ID, serverstore.Day(time.Now()))
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tUSER\tROLE\tENROLLED\tLAST SEEN\tCHANGES TODAY\tSTATUS")
		for _, d := range devs {
			seen, status := "never", "active"
			if d.LastSeenAt != nil {
				seen = d.LastSeenAt.Format(time.RFC3339)
			}
			if d.RevokedAt != nil {
				status = "revoked " + d.RevokedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", safe(d.ID), safe(d.Name), safe(d.UserName), safe(d.Role), d.EnrolledAt.Format(time.RFC3339), seen,
				today[d.ID], status)
		}
		return tw.Flush()
	})
}

func cmdDeviceRevoke(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("device revoke")
	return withStore(ctx, fs, args, 1, "device revoke DEVICE_ID", func(st serverstore.Store, pos []string) error {
		id := pos[0]
		dev, team, err := findDevice(ctx, st, id)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		if err := st.RevokeDevice(ctx, id, now); err != nil {
			return err
		}
		audit(ctx, st, serverstore.AuditEntry{At: now, TeamID: team.ID, DeviceID: id, Action: "device.revoke",
			Detail: "device " + quote(dev.Name) + " by " + operator()})
		fmt.Fprintf(stdout, "Revoked %s (%s) of team %q. Its next request is refused; the data already synced stays.\n", safe(id), safe(dev.Name), team.Name)
		return nil
	})
}

// findDevice finds an enrolled device by id, and its team.
func findDevice(ctx context.Context, st serverstore.Store, id string) (serverstore.Device, serverstore.Team, error) {
	teams, err := st.ListTeams(ctx)
	if err != nil {
		return serverstore.Device{}, serverstore.Team{}, err
	}
	for _, t := range teams {
		devs, err := st.ListDevices(ctx, t.ID)
		if err != nil {
			return serverstore.Device{}, serverstore.Team{}, err
		}
		for _, d := range devs {
			if d.ID == id {
				return d, t, nil
			}
		}
	}
	return serverstore.Device{}, serverstore.Team{}, fmt.Errorf("there is no device %s (involve-server device list --team T shows them)", safe(id))
}

// audit records an administrator's action; a failure is reported but does not undo it.
func audit(ctx context.Context, st serverstore.Store, e serverstore.AuditEntry) {
	if err := st.Audit(ctx, e); err != nil {
		fmt.Fprintln(os.Stderr, "involve-server: warning: audit log:", err)
	}
}

// operator names who ran an admin command, for the audit log.
func operator() string {
	for _, k := range []string{"SUDO_USER", "USER", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return "admin " + quote(v)
		}
	}
	return "admin"
}

// safe makes a string from the database fit to print on one line of a terminal: one
// holding a control character (new line, tab, ESC of a terminal escape, …), a
// bidirectional override or isolate, or bytes that are not UTF-8 is printed quoted and
// escaped (strconv.Quote), so that a device's name cannot forge lines, columns or
// colours in device list or audit. Names are refused with such characters at
// enrolment; older rows and other fields may still hold them.
func safe(s string) string {
	if !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == '\u2028' || r == '\u2029' {
			return strconv.Quote(s)
		}
	}
	return s
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `'`) + `"` }
