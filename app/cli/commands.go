package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/store"
)

// The data commands: import, export (JSON Lines here, the summary in report.go),
// backup, restore, kiosk-off and check.

func cmdImport(ctx context.Context, dir string, args []string) error {
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := openSealed(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	last := time.Time{}
	progress := func(n int) {
		if time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintf(os.Stderr, "\rimporting: %d records read (%.0f records/s)", n, float64(n)/time.Since(start).Seconds())
	}
	res, err := jsonl.Import(ctx, db, f, progress)
	if !last.IsZero() {
		fmt.Fprintln(os.Stderr)
	}
	if err != nil {
		return fmt.Errorf("%w\nNothing was imported", err)
	}
	secs := res.Duration.Seconds()
	fmt.Printf("imported %d records from %d lines (%s format) in %.2f s (%.0f records/s): %d written, %d already up to date\n",
		res.Records, res.Lines, res.Format, secs, float64(res.Records)/secs, res.Written, res.Skipped)
	return indexForSearch(ctx, db)
}

// indexForSearch writes the search index rows a large import left to be written after
// its commit (store.CatchUpSearchIndex), saying so: the records are stored whatever
// happens here, and what an interruption leaves is indexed when the app next opens.
func indexForSearch(ctx context.Context, db *store.DB) error {
	n, err := db.SearchBacklog(ctx)
	if err != nil || n == 0 {
		return err
	}
	fmt.Printf("making %d records searchable (they are imported: if this stops, the app finishes it when it opens)\n", n)
	start := time.Now()
	done, err := db.CatchUpSearchIndex(ctx, store.SearchIndexChunkAlone)
	if err != nil {
		return fmt.Errorf("the records are imported, but the search index stopped after %d of %d: %w", done, n, err)
	}
	fmt.Printf("%d records searchable in %.2f s\n", done, time.Since(start).Seconds())
	return nil
}

var exportArgs struct {
	format, out, xlsx, csv          string
	youSaid, boardPack, contact     string
	language                        string
	from, to, project, borough, typ string
	decrypt                         bool
}

func exportFlags(fs *flag.FlagSet) {
	fs.StringVar(&exportArgs.format, "format", "jsonl", "output format of the full export (jsonl)")
	fs.StringVar(&exportArgs.out, "out", "-", "output file of the full export (- for stdout)")
	fs.BoolVar(&exportArgs.decrypt, "decrypt", false, "write partners' sealed details readable (needs the passphrase): the file then holds personal data in clear")
	fs.StringVar(&exportArgs.xlsx, "xlsx", "", "write the Excel summary workbook to `FILE`")
	fs.StringVar(&exportArgs.csv, "csv", "", "write the summary's row sheets as CSV files into `DIR`")
	fs.StringVar(&exportArgs.youSaid, "you-said-we-did", "", "write the done actions for the public to `FILE`: .html a web page, .txt email or newsletter text, .pdf an A4 poster or leaflet")
	fs.StringVar(&exportArgs.boardPack, "board-pack", "", "write the board pack to `FILE`: .pdf a PDF, .docx an editable Word document")
	fs.StringVar(&exportArgs.contact, "contact", "", "you said, we did: the line telling readers how to get in touch (`TEXT`)")
	fs.StringVar(&exportArgs.language, "language", "", "you said, we did: write the actions' words in this language where they have a translation (`CODE`: pl, es, ar…); the others stay in English")
	fs.StringVar(&exportArgs.from, "from", "", "summary: sessions on or after `YYYY-MM-DD`")
	fs.StringVar(&exportArgs.to, "to", "", "summary: sessions on or before `YYYY-MM-DD`")
	fs.StringVar(&exportArgs.project, "project", "", "summary: one project, by `ID or exact name`")
	fs.StringVar(&exportArgs.borough, "borough", "", "summary: sessions in one borough, by `ONS code or name`")
	fs.StringVar(&exportArgs.typ, "type", "", "summary: one session type, by `code or label` (workshop, \"focus group\"…)")
}

func cmdExport(ctx context.Context, dir string, _ []string) error {
	a := exportArgs
	if a.boardPack != "" {
		if a.xlsx != "" || a.csv != "" || a.youSaid != "" {
			return usageErrorf("--board-pack is made on its own: run export again for --xlsx, --csv or --you-said-we-did")
		}
		if a.language != "" {
			return usageErrorf("--language is for --you-said-we-did FILE: the board pack is in English")
		}
		return cmdExportBoardPack(ctx, dir)
	}
	if a.youSaid != "" {
		if a.xlsx != "" || a.csv != "" {
			return usageErrorf("--you-said-we-did is made on its own: run export again for --xlsx or --csv")
		}
		return cmdExportYouSaid(ctx, dir)
	}
	if a.contact != "" {
		return usageErrorf("--contact is for --you-said-we-did FILE or --board-pack FILE")
	}
	if a.language != "" {
		return usageErrorf("--language is for --you-said-we-did FILE")
	}
	if a.xlsx != "" || a.csv != "" {
		return cmdExportReport(ctx, dir)
	}
	if a.from != "" || a.to != "" || a.project != "" || a.borough != "" || a.typ != "" {
		return usageErrorf("--from, --to, --project, --borough and --type choose what a summary covers: add --xlsx FILE, --csv DIR, --you-said-we-did FILE or --board-pack FILE")
	}
	if exportArgs.format != "jsonl" {
		return fmt.Errorf("unknown format %q (this version writes jsonl)", exportArgs.format)
	}
	// sealed fields are written sealed, as stored: no passphrase needed, unless they
	// are to be written readable
	open := openDB
	if a.decrypt {
		open = openSealed
	}
	db, err := open(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	o := jsonl.ExportOptions{AppVersion: version, Decrypt: a.decrypt}
	var n int
	if exportArgs.out == "-" {
		n, err = jsonl.ExportWith(ctx, db, os.Stdout, o)
	} else {
		n, err = jsonl.ExportFileWith(ctx, db, exportArgs.out, o)
	}
	if involve.ErrorCode(err) == involve.ELOCKED && !a.decrypt {
		return fmt.Errorf("%s\n%s", involve.ErrorMessage(err), errNoPassphrase)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "exported %d records\n", n)
	if a.decrypt {
		fmt.Fprintln(os.Stderr, "warning: --decrypt: partners' names, contact details and access needs are in clear in this export: it holds personal data. Keep it safe and delete it when done.")
	}
	return nil
}

var backupArgs struct{ out string }

func backupFlags(fs *flag.FlagSet) {
	fs.StringVar(&backupArgs.out, "out", "", "backup file (default: a new file in DATA_DIR/backups)")
}

func cmdBackup(ctx context.Context, dir string, _ []string) error {
	db, err := openDB(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	var b store.BackupInfo
	if backupArgs.out != "" {
		b, err = db.BackupFile(ctx, backupArgs.out)
	} else {
		b, err = db.Backup(ctx, "manual")
	}
	if err != nil {
		return err
	}
	fmt.Printf("backup written and checked: %s (%d bytes)\n", b.Path, b.SizeBytes)
	return nil
}

func cmdRestore(ctx context.Context, dir string, args []string) error {
	lock, err := holdClosed(dir, "close it before restoring a backup")
	if err != nil {
		return err
	}
	defer lock.Close()
	src := args[0]
	if _, err := os.Stat(src); err != nil {
		// a bare name means a file in the backups folder
		if alt := store.BackupPath(dir, src); fileExists(alt) {
			src = alt
		} else {
			return err
		}
	}
	db, aside, err := store.Restore(ctx, filepath.Join(dir, datadir.DBName), src)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Printf("restored %s\n", src)
	if aside != "" {
		fmt.Printf("the previous database was kept as %s\n", aside)
	}
	return nil
}

// cmdKioskOff ends kiosk mode without the PIN (a forgotten PIN), for someone with the
// laptop's own account, while Involve is closed: the kiosk lives in the database so
// that restarting the app does not end it.
func cmdKioskOff(ctx context.Context, dir string, _ []string) error {
	lock, err := holdClosed(dir, "close it first (kiosk mode needs the staff PIN while it is open)")
	if err != nil {
		return err
	}
	defer lock.Close()
	// the window's own note of kiosk mode goes first: it is what keeps a kiosk whose
	// database cannot be opened from showing the restore screen
	if err := datadir.RemoveKioskMarker(dir); err != nil {
		return err
	}
	db, err := openDB(ctx, dir)
	if err != nil {
		return fmt.Errorf("%w\nKiosk mode is off for the app's window: when Involve starts, staff see the restore screen (or use `involve restore`)", err)
	}
	defer db.Close()
	k, err := db.KioskSettings(ctx)
	if err != nil {
		return err
	}
	if !k.Active() {
		fmt.Println("kiosk mode is not on")
		return nil
	}
	if err := db.ClearKioskSettings(ctx); err != nil {
		return err
	}
	fmt.Println("kiosk mode ended; the feedback given at the kiosk is kept")
	return nil
}

// holdClosed takes the data folder's lock for work that needs Involve closed; while the
// app holds it, the error says so and what to do (todo), and that nothing was changed.
func holdClosed(dir, todo string) (*datadir.Lock, error) {
	lock, err := datadir.Acquire(dir)
	if errors.Is(err, datadir.ErrLocked) {
		return nil, errors.New("Involve is open with this data folder; " + todo + ". Nothing was changed")
	}
	return lock, err
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

var checkArgs struct{ repair bool }

func checkFlags(fs *flag.FlagSet) {
	fs.BoolVar(&checkArgs.repair, "repair", false, "when the check fails, rebuild the search index from the records (Involve must be closed)")
}

// cmdCheck runs integrity_check; with --repair, a failing database has its search
// index (the one part made from the rest) rebuilt and is checked again. Damage the
// rebuild does not mend is for `involve restore`.
func cmdCheck(ctx context.Context, dir string, _ []string) error {
	path := filepath.Join(dir, datadir.DBName)
	if !fileExists(path) {
		return fmt.Errorf("there is no database at %s", path)
	}
	err := store.CheckFile(ctx, path)
	if err == nil {
		fmt.Printf("ok: %s passed integrity_check; it is an Involve database holding only what Involve's migrations create\n", path)
		return nil
	}
	if !checkArgs.repair {
		return fmt.Errorf("%w\n`involve check --repair` rebuilds the search index; if that is not enough, `involve restore` puts a backup in place", err)
	}
	fmt.Printf("%s failed integrity_check (%v); rebuilding the search index\n", path, err)
	lock, err := holdClosed(dir, "close it before repairing")
	if err != nil {
		return err
	}
	defer lock.Close()
	db, err := openDB(ctx, dir)
	if err != nil {
		return err
	}
	err = db.RebuildSearchIndex(ctx)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := store.CheckFile(ctx, path); err != nil {
		return fmt.Errorf("the search index was rebuilt, but the database is still damaged (%w): `involve restore` puts a backup in place", err)
	}
	fmt.Printf("repaired: the search index was rebuilt; %s passes integrity_check\n", path)
	return nil
}
