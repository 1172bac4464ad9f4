package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

// cmdAudit lists a team's audit entries, or the server's own (--server: failed
// authentications no team is known for); audit verify checks the whole log's chain.
func cmdAudit(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "verify" {
		return cmdAuditVerify(ctx, args[1:], stdout)
	}
	fs := newFlags("audit")
	team := fs.String("team", "", "team name or id")
	server := fs.Bool("server", false, "list the entries about the whole server (failed authentications) instead of a team's")
	limit := fs.Int("limit", 100, "how many lines, newest first (0: all)")
	return withStore(ctx, fs, args, 0, "audit --team TEAM | --server [--limit N]", func(st serverstore.Store, _ []string) error {
		teamID := serverstore.ServerTeam
		switch {
		case *server && *team != "":
			return errors.New("--team and --server do not go together: say which entries to list")
		case !*server:
			t, err := findTeam(ctx, st, *team)
			if err != nil {
				return fmt.Errorf("%w, or --server for the server's own entries", err)
			}
			teamID = t.ID
		}
		entries, err := st.ListAudit(ctx, teamID, *limit)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "AT\tACTION\tDEVICE\tDETAIL")
		for _, e := range entries {
			dev := e.DeviceID
			if dev == "" {
				dev = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.At.Format(time.RFC3339), safe(e.Action), safe(dev), safe(e.Detail))
		}
		return tw.Flush()
	})
}

// cmdAuditVerify walks the whole audit log (every team's entries and the server's) and
// checks its hash chain: it names the first entry that was edited, deleted, moved or
// stripped of its hash, and exits non-zero. An intact log ends with its head hash:
// written down away from the server, it is what proves later that no entry was cut
// from the end and that the log was not rewritten with new hashes (--head).
func cmdAuditVerify(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("audit verify")
	head := fs.String("head", "", "a head hash printed by an earlier audit verify: check that the log still holds that entry")
	return withStore(ctx, fs, args, 0, "audit verify [--head HASH]", func(st serverstore.Store, _ []string) error {
		if b, err := hex.DecodeString(*head); *head != "" && (err != nil || len(b) != 32) {
			return errors.New("--head must be a head hash as audit verify prints it (64 hexadecimal digits)")
		}
		r, err := serverstore.VerifyAudit(ctx, st, *head)
		if err != nil {
			return fmt.Errorf("reading the audit log: %w", err)
		}
		if b := r.Break; b != nil {
			team := b.Entry.TeamID
			if team == serverstore.ServerTeam {
				team = "server"
			}
			return fmt.Errorf("audit log broken at entry %d (numbered %d, at %s, action %s, team %s): %s. "+
				"The %d entries before it verify",
				b.Position, b.Entry.Seq, serverstore.ChainTime(b.Entry.At), safe(b.Entry.Action), safe(team), b.Reason, b.Position-1)
		}
		if *head != "" && r.WantHeadAt == 0 {
			return fmt.Errorf("the audit log's %d entries verify, but none has the head hash %s: entries were cut from the end of the log, "+
				"or the log was rewritten with new hashes, after that hash was written down", r.Entries, *head)
		}
		fmt.Fprintf(stdout, "audit log intact: %d entries\n", r.Entries)
		if r.Entries > 0 {
			fmt.Fprintf(stdout, "head: %s (entry number %d)\n", r.Head, r.HeadSeq)
		}
		if *head != "" {
			fmt.Fprintf(stdout, "the head written down earlier is entry %d: no entry up to it was changed, removed or cut off\n", r.WantHeadAt)
		} else {
			fmt.Fprintln(stdout, "Write the head down away from the server: entries cut from the end, or a log rewritten with new hashes, "+
				"show only against it (audit verify --head HASH).")
		}
		return nil
	})
}
