// Package cli is Involve's command line: `involve SUBCOMMAND …` (import, export,
// backup, restore, check, kiosk-off, connect, sync, status, passphrase, subject-access,
// requests, retention, erase, version, help)
// runs without a display, and `involve [--data-dir DIR]` opens the desktop app. It parses the words,
// prints the messages and exit statuses; the work itself is done by the packages the
// desktop app uses too (app/store, app/jsonl, app/xlsx, app/syncer).
package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/store"
)

// version is the app's version, as main was built with (Main and AppDataDir set it):
// `involve version`, the usage text and the exports show it.
var version string

// Main runs a subcommand: args are the arguments after the program's name, starting
// with the subcommand (IsCommand), and v is the app's version. It returns the exit
// status: 0 done, 1 failed, 2 a mistake on the command line. On Windows it first
// attaches to the console it was started from (console.go).
func Main(v string, args []string) int {
	attachParentConsole()
	version = v
	if len(args) == 0 || !IsCommand(args[0]) {
		if len(args) > 0 {
			fmt.Fprintf(os.Stderr, "involve: unknown command %q\n\n", args[0])
		}
		usage()
		return 2
	}
	return runCommand(args[0], args[1:])
}

// AppDataDir reads the arguments of `involve [--data-dir DIR]`, which opens the desktop
// app (args after the program's name; v is the app's version), and returns the data
// folder to open, made if missing. When the app must not open, ok is false and exit is
// the status to exit with: 0 after --help, 2 after a mistake on the command line and 1
// when the data folder cannot be made; each is reported on stderr first (on Windows,
// on the console it was started from: console.go; the app itself attaches to none).
func AppDataDir(v string, args []string) (dir string, exit int, ok bool) {
	version = v
	fs := flag.NewFlagSet("involve", flag.ContinueOnError)
	dirFlag := fs.String("data-dir", "", "data folder (default: $"+datadir.EnvVar+" or the per-user data folder)")
	var flagMsg bytes.Buffer
	fs.SetOutput(&flagMsg)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		attachParentConsole()
		os.Stderr.Write(flagMsg.Bytes())
		usage()
		if errors.Is(err, flag.ErrHelp) {
			return "", 0, false
		}
		return "", 2, false
	}
	if fs.NArg() > 0 {
		attachParentConsole()
		fmt.Fprintf(os.Stderr, "involve: unknown command %q\n\n", fs.Arg(0))
		usage()
		return "", 2, false
	}
	dir, err := datadir.Resolve(*dirFlag)
	if err != nil {
		attachParentConsole()
		fmt.Fprintln(os.Stderr, "involve:", err)
		return "", 1, false
	}
	return dir, 0, true
}

// command is one subcommand: its own flags, how many arguments it takes, and what it
// does with the resolved data folder.
type command struct {
	usage string
	nargs int
	flags func(fs *flag.FlagSet)
	run   func(ctx context.Context, dir string, args []string) error
}

var commands = map[string]command{
	"import":         {usage: "FILE.jsonl", nargs: 1, run: cmdImport},
	"export":         {usage: "--format jsonl [--out FILE] | --xlsx FILE [--csv DIR] | --you-said-we-did FILE.html|FILE.txt|FILE.pdf [--contact TEXT] [--language CODE] | --board-pack FILE.pdf|FILE.docx [--contact TEXT] [--from DATE] [--to DATE] [--project ID|NAME] [--borough CODE|NAME] [--type CODE|LABEL]", flags: exportFlags, run: cmdExport},
	"backup":         {usage: "[--out FILE]", flags: backupFlags, run: cmdBackup},
	"restore":        {usage: "FILE", nargs: 1, run: cmdRestore},
	"check":          {usage: "[--repair]", flags: checkFlags, run: cmdCheck},
	"kiosk-off":      {run: cmdKioskOff},
	"connect":        {usage: "[--ca FILE] URL CODE", nargs: 2, flags: connectFlags, run: cmdConnect},
	"sync":           {run: cmdSync},
	"status":         {run: cmdStatus},
	"passphrase":     {usage: "set|remove|check", nargs: 1, run: cmdPassphrase},
	"subject-access": {usage: "CONTRIBUTOR_ID --out DIR", nargs: 1, flags: subjectAccessFlags, run: cmdSubjectAccess},
	"requests":       {usage: "--csv FILE", flags: requestsFlags, run: cmdRequests},
	"retention":      {usage: "[--due] [--json] [--erase-due]", flags: retentionFlags, run: cmdRetention},
	"erase":          {usage: "contributor ID [--yes] [--request REQ_ID] | feedback ID [--yes]", nargs: 2, flags: eraseFlags, run: cmdErase},
}

// IsCommand reports whether s, the first argument, names a subcommand (for Main) rather
// than starting the desktop app's own arguments.
func IsCommand(s string) bool {
	_, ok := commands[s]
	return ok || s == "version" || s == "help" || s == "-h" || s == "--help" || s == "--version"
}

// runCommand runs a subcommand and returns the exit status. Subcommands work while the
// app is open: SQLite's locking and the busy timeout serialise their writes.
func runCommand(name string, args []string) int {
	switch name {
	case "version", "--version":
		fmt.Println("involve", version)
		return 0
	case "help", "-h", "--help":
		usage()
		return 0
	}
	cmd := commands[name]
	fs := flag.NewFlagSet("involve "+name, flag.ContinueOnError)
	dirFlag := fs.String("data-dir", "", "data folder")
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(pos) != cmd.nargs {
		fmt.Fprintf(os.Stderr, "usage: involve %s [--data-dir DIR] %s\n", name, cmd.usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir, err := datadir.Resolve(*dirFlag)
	if err == nil {
		err = cmd.run(ctx, dir, pos)
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(os.Stderr, "involve "+name+":", err)
		return 2
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "involve "+name+":", message(err))
		return 1
	}
	return 0
}

// parseInterspersed parses flags before, between and after the positional arguments
// (`involve subject-access ID --out DIR`), and returns the positional ones; after "--"
// every argument is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	pos := []string{}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// usageError is a mistake on the command line (exit status 2); the command did nothing.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func message(err error) string {
	var de *store.DamagedError
	if errors.As(err, &de) {
		return err.Error() + ". The file was not changed; `involve restore` can put a backup in its place."
	}
	return err.Error()
}

func openDB(ctx context.Context, dir string) (*store.DB, error) {
	return store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
}

func usage() {
	fmt.Fprintf(os.Stderr, `Involve %s: offline capture of patient and public involvement.

Usage:
  involve [--data-dir DIR]                 open the app
  involve import [--data-dir DIR] FILE.jsonl
                                           import JSON Lines (the shared data set or an Involve export), all or nothing
  involve export [--data-dir DIR] --format jsonl [--out FILE] [--decrypt]
                                           write everything as JSON Lines (stdout by default),
                                           partners' details sealed; --decrypt writes them readable
  involve export [--data-dir DIR] --xlsx FILE [--csv DIR] [--from DATE] [--to DATE]
                 [--project ID|NAME] [--borough CODE|NAME] [--type CODE|LABEL]
                                           the Excel summary workbook and/or its CSV files for a filter
  involve export [--data-dir DIR] --you-said-we-did FILE.html|FILE.txt|FILE.pdf [--contact TEXT]
                 [--language CODE] [--from DATE] [--to DATE] [--project ID|NAME] [--borough CODE|NAME]
                 [--type CODE|LABEL]
                                           the done actions for the public: a web page, email text or an A4 poster;
                                           --language writes their translated words (others stay in English)
  involve export [--data-dir DIR] --board-pack FILE.pdf|FILE.docx [--contact TEXT]
                 [--from DATE] [--to DATE] [--project ID|NAME] [--borough CODE|NAME] [--type CODE|LABEL]
                                           the board pack (outcomes first) as a PDF or a Word document
  involve backup [--data-dir DIR] [--out FILE]
                                           back up the database now (into DIR/backups by default)
  involve restore [--data-dir DIR] FILE    replace the database with a backup (the app must be closed)
  involve check [--data-dir DIR] [--repair]
                                           run SQLite's integrity check; --repair rebuilds a
                                           damaged search index (Involve closed)
  involve kiosk-off [--data-dir DIR]       end kiosk mode without the PIN (Involve closed)
  involve connect [--data-dir DIR] [--ca FILE] URL CODE
                                           connect this laptop to a sync server with an enrolment code;
                                           --ca: trust only your team's own certificate authority (PEM)
  involve sync [--data-dir DIR]            sync with the server now (progress on stderr, a summary on stdout)
  involve status [--data-dir DIR]          show the sync status: server, team, last synced, changes waiting
  involve passphrase [--data-dir DIR] set|remove|check
                                           set, change, remove or check the app lock's passphrase
                                           (from $%s or standard input, one a line;
                                           set and remove need Involve closed)
  involve subject-access [--data-dir DIR] CONTRIBUTOR_ID --out DIR
                                           everything this laptop holds about one Lived Experience
                                           Partner, as an HTML page and a JSON file in DIR (a lead's laptop)
  involve requests [--data-dir DIR] --csv FILE
                                           write the register of information-rights requests as CSV
                                           (a lead's laptop; it names who asked: keep it safe)
  involve retention [--data-dir DIR] [--due] [--json] [--erase-due]
                                           the team's retention schedule; --due lists the records
                                           past their period (a lead laptop); --erase-due erases
                                           the partners and comments due under a kind set to be
                                           erased automatically (as the app does after each sync)
  involve erase [--data-dir DIR] contributor ID [--yes] [--request REQ_ID]
  involve erase [--data-dir DIR] feedback ID [--yes]
                                           erase a Lived Experience Partner or a comment, here and
                                           (at the next sync) everywhere; shows what is destroyed and
                                           kept and asks for ERASE unless --yes (a lead laptop)
  involve version                          print the version

On a laptop with a passphrase, sync, connect, import, export --decrypt, the summary
workbook, subject-access, requests, retention and erase unlock Involve first: with $%s, or by asking at
the terminal.

The data folder is --data-dir, else $%s, else %s.
`, version, PassphraseEnv, PassphraseEnv, datadir.EnvVar, defaultDirText())
}

func defaultDirText() string {
	d, err := datadir.Default()
	if err != nil {
		return "the per-user data folder"
	}
	return d
}
