// Command involve-server is Involve's central sync server: the HTTP API that laptops
// sync with (docs/sync-protocol.md) and its administration (teams, enrolment codes,
// devices, audit log). It stores data in an SQLite file in its data directory, or in
// PostgreSQL with --db postgres://… (several servers may share one database). It
// links no desktop (Wails/GTK) code. See docs/server.md and docs/deploy.md.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time (-ldflags "-X main.version=…").
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `involve-server: the Involve sync server

Usage:
  involve-server serve --addr 127.0.0.1:8080 --data-dir DIR [--db postgres://…]
                       [--tls-cert FILE --tls-key FILE] [--max-body-bytes N] [--rate N]
                       [--trusted-proxy CIDR[,CIDR…]] [--insecure-http]
                       [--team-storage-quota 2GiB] [--device-daily-changes 200000]
  involve-server team add NAME
  involve-server team list
  involve-server team set-quota TEAM [--storage SIZE|unlimited|default]
                                     [--changes-per-device-day N|unlimited|default]
  involve-server enrol --team TEAM --role capture|staff|lead [--expires 24h] [--qr FILE.png]
  involve-server device list --team TEAM
  involve-server device set-role DEVICE_ID capture|staff|lead
  involve-server device revoke DEVICE_ID
  involve-server device reenrol DEVICE_ID [--team TEAM] [--role R] [--expires 24h] [--qr FILE.png]
  involve-server audit --team TEAM | --server [--limit 100]
  involve-server audit verify [--head HASH]
  involve-server export --xlsx FILE [--csv DIR] [--team TEAM] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                        [--project ID] [--borough CODE] [--type CODE]
  involve-server export --board-pack FILE.pdf|FILE.docx --team TEAM [--contact TEXT] [--from YYYY-MM-DD]
                        [--to YYYY-MM-DD] [--project ID] [--borough CODE] [--type CODE]
  involve-server subject-access --team TEAM --contributor ID --out DIR
  involve-server purge [--team TEAM]
  involve-server version

Every command takes --data-dir DIR (the SQLite database and enrolment QR codes) or
--db postgres://… , and --key-file PATH (the master key that wraps every team's key;
default DIR.key beside the data folder; made 0600 at first start; back it up apart
from the database). Every flag can also be set in the environment as
INVOLVE_SERVER_<FLAG> (for example INVOLVE_SERVER_DATA_DIR); a flag given on the
command line wins. See docs/server.md.
`

// run runs one command and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "serve":
		err = cmdServe(ctx, rest, stderr)
	case "team":
		err = sub(ctx, "team", rest, stdout, map[string]command{"add": cmdTeamAdd, "list": cmdTeamList, "set-quota": cmdTeamSetQuota})
	case "enrol", "enroll":
		err = cmdEnrol(ctx, rest, stdout)
	case "device", "devices":
		err = sub(ctx, "device", rest, stdout, map[string]command{"list": cmdDeviceList, "set-role": cmdDeviceSetRole, "revoke": cmdDeviceRevoke, "reenrol": cmdDeviceReenrol, "reenroll": cmdDeviceReenrol})
	case "audit":
		err = cmdAudit(ctx, rest, stdout)
	case "export":
		err = cmdExport(ctx, rest, stdout)
	case "subject-access":
		err = cmdSubjectAccess(ctx, rest, stdout)
	case "purge":
		err = cmdPurge(ctx, rest, stdout)
	case "version", "--version":
		fmt.Fprintln(stdout, "involve-server", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "involve-server: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		if err == errUsage {
			return 2
		}
		fmt.Fprintln(stderr, "involve-server:", err)
		return 1
	}
	return 0
}

type command func(ctx context.Context, args []string, stdout io.Writer) error

func sub(ctx context.Context, name string, args []string, stdout io.Writer, cmds map[string]command) error {
	if len(args) == 0 {
		return fmt.Errorf("%s needs a subcommand (see involve-server help)", name)
	}
	c, ok := cmds[args[0]]
	if !ok {
		return fmt.Errorf("unknown command %q %q (see involve-server help)", name, args[0])
	}
	return c(ctx, args[1:], stdout)
}
