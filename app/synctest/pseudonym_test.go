package synctest_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// TestPseudonymsUniqueInTeam: Ada and Bo each add a partner while offline, and both
// laptops give it number 1 (one more than the highest each knows). After two syncs
// each, every laptop and the server agree; the two partners have different numbers;
// and each laptop shows the same pseudonym for the same partner.
func TestPseudonymsUniqueInTeam(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		s := newStack(t, kind)
		ada := s.enrol(t, "ada")
		bo := s.enrol(t, "bo")
		var made []string
		for i, d := range []*device{ada, bo} {
			c, _, err := d.db.CreateContributor(bg(), &involve.Contributor{Name: "Partner of " + d.name, PaymentPreference: "payroll"},
				newConsent(i+1, "", "", involve.PurposeAnalysis))
			if err != nil {
				t.Fatal(err)
			}
			if c.Number != 1 {
				t.Fatalf("%s's new partner is numbered %d offline, want 1", d.name, c.Number)
			}
			made = append(made, c.ID)
		}
		for _, d := range []*device{ada, bo, ada, bo} {
			if sum := d.mustSync(); sum.Push.Rejected > 0 {
				t.Fatalf("%s: %d changes rejected", d.name, sum.Push.Rejected)
			}
		}
		want := settle(t, s.store, s.team.ID, ada, bo)

		// The server's numbers.
		numbers := map[string]int{}
		for _, id := range made {
			var n int
			if err := json.Unmarshal(want.fields(key(involve.EntityContributor, id))["number"], &n); err != nil {
				t.Fatalf("server's partner %s: %v", id, err)
			}
			numbers[id] = n
		}
		if numbers[made[0]] == numbers[made[1]] {
			t.Errorf("both partners are numbered %d on the server", numbers[made[0]])
		}
		for _, d := range []*device{ada, bo} {
			list, err := d.db.FindContributors(bg())
			if err != nil || len(list) != 2 {
				t.Fatalf("%s has %d partners: %v", d.name, len(list), err)
			}
			for _, c := range list {
				if want := "Contributor " + strconv.Itoa(numbers[c.ID]); c.Pseudonym != want {
					t.Errorf("%s shows %s as %q, want %q (the server's number)", d.name, c.ID, c.Pseudonym, want)
				}
			}
		}
	})
}
