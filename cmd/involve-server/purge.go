package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
)

// cmdPurge purges deleted records past their team's period now (serve does it at start
// and every day): one team's with --team, every team's without.
func cmdPurge(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("purge")
	team := fs.String("team", "", "team name or id (default: every team)")
	return withStore(ctx, fs, args, 0, "purge [--team TEAM]", func(st serverstore.Store, _ []string) error {
		now := time.Now().UTC()
		if *team == "" {
			n, err := server.PurgeAll(ctx, st, now)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Purged %s past their retention period.\n", deletedRecords(n))
			return nil
		}
		t, err := findTeam(ctx, st, *team)
		if err != nil {
			return err
		}
		n, err := server.Purge(ctx, st, t.ID, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Team %q: purged %s past their retention period.\n", t.Name, deletedRecords(n))
		return nil
	})
}

// deletedRecords: "1 deleted record", "3 deleted records".
func deletedRecords(n int) string {
	if n == 1 {
		return "1 deleted record"
	}
	return fmt.Sprintf("%d deleted records", n)
}
