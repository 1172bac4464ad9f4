package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// involve retention: the team's retention schedule, and with --due the records past
// their period (a lead's list to review); with --erase-due, the partners and comments
// due under a kind the lead set to be erased automatically are erased (store.EraseDue),
// as the app does after each sync. Other records are erased with involve erase.

var retentionArgs struct{ due, json, eraseDue bool }

func retentionFlags(fs *flag.FlagSet) {
	fs.BoolVar(&retentionArgs.due, "due", false, "list the records past their retention period (a lead laptop)")
	fs.BoolVar(&retentionArgs.json, "json", false, "print JSON instead of a table")
	fs.BoolVar(&retentionArgs.eraseDue, "erase-due", false,
		"erase the partners and comments due under a kind set to be erased automatically (a lead laptop)")
}

// dueReport is what --due --json prints.
type dueReport struct {
	AsOf string          `json:"asOf"` // YYYY-MM-DD
	Due  []store.DueItem `json:"due"`
}

func cmdRetention(ctx context.Context, dir string, _ []string) error {
	db, err := openSealed(ctx, dir) // partners' records, though shown by pseudonym only
	if err != nil {
		return err
	}
	defer db.Close()
	if retentionArgs.eraseDue {
		return eraseDue(ctx, db)
	}
	if !retentionArgs.due {
		return printSchedule(ctx, db)
	}
	if err := db.CheckLead(ctx, "reviews records due under the retention schedule"); err != nil {
		return err
	}
	due, err := db.DueForReview(ctx)
	if err != nil {
		return err
	}
	today := db.Now().UTC().Format("2006-01-02")
	if retentionArgs.json {
		if due == nil {
			due = []store.DueItem{}
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(dueReport{AsOf: today, Due: due})
	}
	if len(due) == 0 {
		fmt.Printf("Nothing is due for review on %s.\n", involve.LongDate(today))
		return nil
	}
	noun := "records are"
	if len(due) == 1 {
		noun = "record is"
	}
	fmt.Printf("%d %s due for review on %s. Erase a partner or a comment with involve erase;\n"+
		"to keep one, use Keep until in the app's Due for review screen.\n\n", len(due), noun, involve.LongDate(today))
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DUE ON\tKIND OF RECORD\tRECORD\tWHY")
	for _, d := range due {
		why := d.Why
		if d.KeptUntil != "" {
			why += "; kept until " + involve.LongDate(d.KeptUntil)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", d.DueOn, d.KindLabel, d.Title, why)
	}
	return w.Flush()
}

// eraseDue is --erase-due.
func eraseDue(ctx context.Context, db *store.DB) error {
	if err := db.CheckLead(ctx, "erases records due under the retention schedule"); err != nil {
		return err
	}
	done, _, err := db.EraseDue(ctx)
	for _, r := range done {
		fmt.Printf("Erased: %s (due under the retention schedule, set to be erased automatically).\n", r.Summary.Pseudonym)
		printBackups(r)
	}
	if err != nil {
		return err
	}
	if len(done) == 0 {
		fmt.Println("Nothing set to be erased automatically is due.")
	}
	return nil
}

func printSchedule(ctx context.Context, db *store.DB) error {
	sched, err := db.RetentionSchedule(ctx)
	if err != nil {
		return err
	}
	if retentionArgs.json {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sched)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "KIND OF RECORD\tKEPT FOR\tSET BY")
	for _, e := range sched {
		by := "default: " + e.Source
		if !e.IsDefault {
			by = e.SetBy + ", " + involve.LongDate(e.SetAt[:min(10, len(e.SetAt))])
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", e.Label, e.Text, by)
	}
	return w.Flush()
}
