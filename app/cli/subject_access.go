package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/hin-south-london/involve/app/subjectaccess"
)

var subjectAccessArgs struct{ out string }

func subjectAccessFlags(fs *flag.FlagSet) {
	fs.StringVar(&subjectAccessArgs.out, "out", "", "write the two files into `DIR` (made, readable by you only, if it does not exist)")
}

// cmdSubjectAccess writes everything this laptop holds about one Lived Experience
// Partner (store.SubjectAccess: a lead's laptop, unlocked) as an HTML page and a JSON
// file, each 0600, into --out DIR (made 0700).
func cmdSubjectAccess(ctx context.Context, dir string, args []string) error {
	if subjectAccessArgs.out == "" {
		return usageErrorf("say where to write the files: --out DIR")
	}
	db, err := openSealed(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	recs, err := db.SubjectAccess(ctx, args[0])
	if err != nil {
		return err
	}
	r := subjectaccess.Build(recs, time.Now(), "Involve "+version+" (command line, on this laptop)")
	files, err := subjectaccess.Write(subjectAccessArgs.out, r)
	if err != nil {
		return err
	}
	fmt.Fprintf(reportOut, "%s\n%s\n%d consent records, %d time entries, %d sessions. The files hold personal data: keep them safe and send them only to the person they are about.\n",
		files.HTML, files.JSON, len(r.Consents), len(r.TimeEntries), len(r.Sessions))
	return nil
}
