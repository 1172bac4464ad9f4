package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/xlsx"
)

// `involve requests --csv FILE`: the register of information-rights requests as a CSV
// file for the information governance lead (app/xlsx WriteRequestsCSV). The register
// is kept on a lead's laptop; its free text is sealed, so the command unlocks first.

var requestsArgs struct{ csv string }

func requestsFlags(fs *flag.FlagSet) {
	fs.StringVar(&requestsArgs.csv, "csv", "", "write the register of requests to `FILE` (CSV)")
}

func cmdRequests(ctx context.Context, dir string, _ []string) error {
	path := requestsArgs.csv
	if path == "" {
		return usageErrorf("say where to write the register: --csv FILE")
	}
	db, err := openSealed(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	set, err := db.SyncSettings(ctx)
	if err != nil {
		return err
	}
	if set.Role != involve.RoleNameLead {
		return errors.New("only a lead's laptop keeps the register of requests, and this laptop is not enrolled as a lead: " +
			"run this on your team's lead laptop")
	}
	reg, err := db.PrivacyRegister(ctx)
	if err != nil {
		return err
	}
	if err := xlsx.ExportRequestsCSV(path, reg); err != nil {
		return fmt.Errorf("the register could not be written to %s: %w", path, err)
	}
	n := len(reg.Requests)
	word := "requests"
	if n == 1 {
		word = "request"
	}
	fmt.Fprintf(reportOut, "requests: %d %s to %s\n", n, word, path)
	return nil
}
