package syncer_test

import (
	"context"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
)

// A push's answers carry the server's stamps and the run of sequence numbers the push
// took: the pushing laptop records them and moves its cursor past its own records
// instead of pulling them back, and holds exactly what a laptop that pulls them holds.
// When another laptop's change came in between, it pulls as before.
func TestPushAnswersSkipOwnRecords(t *testing.T) {
	ctx := context.Background()
	for _, kind := range servertest.StoreKinds() {
		t.Run(kind, func(t *testing.T) {
			st, _ := servertest.OpenStore(t, kind)
			env := servertest.NewEnvOn(t, st)
			team := env.Team("South London")
			a := enrol(t, env, team.ID, "Ada")
			b := enrol(t, env, team.ID, "Bo")

			s := addFeedback(t, a.db, 3)
			sum := a.sync()
			if sum.Push.Applied != 4 || sum.Pull.Received != 0 {
				t.Fatalf("A's first sync: %+v; want 4 applied and nothing pulled back", sum)
			}
			if sum := b.sync(); sum.Pull.Written != 4 {
				t.Fatalf("B pulled %+v", sum)
			}
			sameData(t, a, b) // the server's update times and team on A's own records too

			// B's change comes between A's cursor and A's next push: A pulls it, and its
			// own change with it.
			if _, err := b.db.CreateSession(ctx, involve.SessionInput{Title: "Clinic", Date: "2026-12-01", Type: "workshop"}); err != nil {
				t.Fatal(err)
			}
			b.sync()
			in := a.session(s.ID).SessionInput
			in.Title = "Stall, edited"
			if _, err := a.db.UpdateSession(ctx, s.ID, a.session(s.ID).SessionInput, in); err != nil {
				t.Fatal(err)
			}
			if sum := a.sync(); sum.Push.Applied != 1 || sum.Pull.Received != 2 {
				t.Fatalf("A's second sync: %+v; want 1 applied and 2 pulled", sum)
			}
			// Caught up again: A's next change needs no pull of its own record.
			in.Title = "Stall, edited twice"
			if _, err := a.db.UpdateSession(ctx, s.ID, a.session(s.ID).SessionInput, in); err != nil {
				t.Fatal(err)
			}
			if sum := a.sync(); sum.Push.Applied != 1 || sum.Pull.Received != 0 {
				t.Fatalf("A's third sync: %+v; want 1 applied and nothing pulled", sum)
			}
			b.sync()
			sameData(t, a, b)
		})
	}
}
