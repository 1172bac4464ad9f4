package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

// involve erase contributor ID [--yes] [--request REQ_ID] and involve erase feedback ID
// [--yes]: a lead's "Erase this person" and "Erase this comment" (store.Erase;
// docs/privacy.md). Without --yes it prints what would be destroyed and what kept, and
// asks for ERASE to be typed; then it prints which local backups were rewritten
// without the erased content and which deleted.

var eraseArgs struct {
	yes     bool
	request string
}

func eraseFlags(fs *flag.FlagSet) {
	fs.BoolVar(&eraseArgs.yes, "yes", false, "erase without showing the summary and asking")
	fs.StringVar(&eraseArgs.request, "request", "", "the entry of the register of requests this erasure answers")
}

// eraseConfirmWord is what the person types to go ahead.
const eraseConfirmWord = "ERASE"

func cmdErase(ctx context.Context, dir string, args []string) error {
	entity := args[0]
	switch entity {
	case "contributor", "partner":
		entity = involve.EntityContributor
	case "feedback", "comment":
		entity = involve.EntityFeedback
	default:
		return usageErrorf("erase what? contributor ID or feedback ID, not %q", args[0])
	}
	if eraseArgs.request != "" && entity != involve.EntityContributor {
		return usageErrorf("--request is for erasing a contributor")
	}
	db, err := openSealed(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	if !eraseArgs.yes {
		s, err := db.PreviewErasure(ctx, entity, args[1])
		if err != nil {
			return err
		}
		printErasureSummary(os.Stdout, s)
		fmt.Fprintf(os.Stderr, "This cannot be undone. Type %s to erase: ", eraseConfirmWord)
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && (err != io.EOF || line == "") {
			return fmt.Errorf("nothing was erased: no answer was given (use --yes to erase without asking)")
		}
		if strings.TrimSpace(line) != eraseConfirmWord {
			return fmt.Errorf("nothing was erased: %s was not typed", eraseConfirmWord)
		}
	}
	res, err := db.Erase(ctx, entity, args[1], eraseArgs.request)
	if err != nil {
		return err
	}
	what := "The comment's words are"
	if entity == involve.EntityContributor {
		what = "The partner is now \"" + res.Summary.Pseudonym + "\"; what was destroyed is"
	}
	fmt.Printf("Erased. %s gone from this laptop; the erasure reaches the server and the "+
		"other laptops at the next sync.\n", what)
	printBackups(res)
	return nil
}

// printBackups says which local backups an erasure rewrote and which it deleted.
func printBackups(res involve.ErasureResult) {
	for _, b := range res.BackupsRewritten {
		fmt.Printf("Backup rewritten without the erased content: %s\n", b)
	}
	for _, b := range res.BackupsDeleted {
		fmt.Printf("Backup deleted (it could not be rewritten): %s\n", b)
	}
	if len(res.BackupsRewritten)+len(res.BackupsDeleted) == 0 {
		fmt.Println("There were no local backups to rewrite.")
	}
}

// printErasureSummary prints what an erasure destroys and keeps.
func printErasureSummary(w io.Writer, s involve.ErasureSummary) {
	fmt.Fprintf(w, "Erasing %s (afterwards: %s).\n\nDestroyed, on this laptop, the server and every laptop of the team:\n",
		s.Title, s.Pseudonym)
	for _, d := range s.Destroyed {
		fmt.Fprintf(w, "  - %s\n", d)
	}
	fmt.Fprintln(w, "\nKept, and why:")
	for _, k := range s.Kept {
		fmt.Fprintf(w, "  - %s\n", k)
	}
	switch s.Backups {
	case 0:
	case 1:
		fmt.Fprintln(w, "\nThe 1 local backup made before is rewritten without the erased content, or deleted.")
	default:
		fmt.Fprintf(w, "\nThe %d local backups made before are rewritten without the erased content, or deleted.\n", s.Backups)
	}
	fmt.Fprintln(w)
}
