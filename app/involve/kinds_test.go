package involve_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func TestKinds(t *testing.T) {
	all := involve.Kinds()
	if len(all) != 23 {
		t.Errorf("%d kinds, want 23", len(all))
	}
	t.Run("HeldBy", func(t *testing.T) {
		for _, k := range all {
			if k.HeldBy == 0 {
				t.Errorf("%s: HeldBy not set", k.Entity)
			}
			if !k.HeldBy.Has(involve.RoleLead) {
				t.Errorf("%s: leads hold every kind of their team's records", k.Entity)
			}
			if got, want := k.HeldBy.Has(involve.RoleStaff), k.Entity != involve.EntityPrivacyRequest; got != want {
				t.Errorf("%s: held by staff devices %v, want %v (only the register of requests is a lead's alone)", k.Entity, got, want)
			}
			if got, want := k.HeldBy.Has(involve.RoleCapture), !k.Personal; got != want {
				t.Errorf("%s: held by capture devices %v, want %v (capture devices never hold an identifiable record)", k.Entity, got, want)
			}
		}
		for _, e := range []string{involve.EntityContributor, involve.EntityConsent, involve.EntityTimeEntry, involve.EntityPrivacyRequest} {
			if k, _ := involve.KindOf(e); k.HeldBy.Has(involve.RoleCapture) || !k.Personal {
				t.Errorf("%s identifies a person: %+v", e, k)
			}
		}
	})
	t.Run("OrderAndParents", func(t *testing.T) {
		seen := map[string]bool{}
		for i, k := range all {
			if seen[k.Entity] {
				t.Errorf("%s declared twice", k.Entity)
			}
			seen[k.Entity] = true
			if i > 0 && all[i-1].Order >= k.Order {
				t.Errorf("%s and %s share Order %d", all[i-1].Entity, k.Entity, k.Order)
			}
			if k.Parent != "" && !seen[k.Parent] {
				t.Errorf("%s is pulled before its parent %s", k.Entity, k.Parent)
			}
		}
		if last := all[len(all)-1]; last.Entity != involve.EntityConflict {
			t.Errorf("conflicts must come last, not %s", last.Entity)
		}
	})
	t.Run("Records", func(t *testing.T) {
		for _, k := range all {
			rec := k.NewRecord()
			if (k.Table == involve.DocTable) != k.IsDoc() {
				t.Errorf("%s: table %q, Doc %v", k.Entity, k.Table, k.IsDoc())
			}
			if d, ok := rec.(involve.Doc); ok != k.IsDoc() || ok && d.DocEntity() != k.Entity {
				t.Errorf("%s: NewRecord gives a %T", k.Entity, rec)
			}
			involve.MetaOf(rec).ID = "x"
			if involve.MetaOf(rec).ID != "x" {
				t.Errorf("%s: MetaOf is not the record's own", k.Entity)
			}
			if k.Parent == "" {
				continue
			}
			if e, _ := involve.ParentOf(rec); e != k.Parent {
				t.Errorf("%s: ParentOf names a %q, the kind says %q", k.Entity, e, k.Parent)
			}
		}
		if _, err := involve.NewRecord("nonsense"); err == nil || !involve.IsEntity(involve.EntityTheme) || involve.IsEntity("nonsense") {
			t.Error("unknown entities must be refused")
		}
		if involve.IsDocEntity(involve.EntitySession) || !involve.IsDocEntity(involve.EntityTally) || len(involve.DocKinds()) != 18 {
			t.Error("Docs are the kinds kept in the docs table")
		}
	})
}
