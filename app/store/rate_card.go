package store

import (
	"context"
	"sort"

	"github.com/hin-south-london/involve/app/involve"
)

// FindRateCards lists the live rate cards by unit, newest start first.
func (db *DB) FindRateCards(ctx context.Context) ([]*involve.RateCard, error) {
	cs, err := FindDocsOf[*involve.RateCard](ctx, db, involve.EntityRateCard, "")
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Unit != cs[j].Unit {
			return unitOrder(cs[i].Unit) < unitOrder(cs[j].Unit)
		}
		return cs[i].EffectiveFrom > cs[j].EffectiveFrom
	})
	return cs, err
}

func unitOrder(u string) int {
	for i, it := range involve.PeopleRef().RateUnits {
		if it.Code == u {
			return i
		}
	}
	return 99
}

// CreateRateCard stores a rate card that overlaps no other of its unit.
func (db *DB) CreateRateCard(ctx context.Context, r *involve.RateCard) (*involve.RateCard, error) {
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		if _, err := w.Create(r); err != nil {
			return err
		}
		return checkOverlapTx(w, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// UpdateRateCard saves a rate card's edit form; the result may not overlap another
// card of its unit. Entries already logged keep the fee they were saved with.
func (db *DB) UpdateRateCard(ctx context.Context, id string, loaded, edited *involve.RateCard) (*involve.RateCard, error) {
	var out *involve.RateCard
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		d, err := w.Update(involve.EntityRateCard, id, asDoc(loaded), edited)
		if err != nil {
			return err
		}
		out = d.(*involve.RateCard)
		return checkOverlapTx(w, out)
	})
	return out, err
}

func checkOverlapTx(w *DocTx, r *involve.RateCard) error {
	cards, err := findDocsTx[*involve.RateCard](w, involve.EntityRateCard, "")
	if err != nil {
		return err
	}
	return involve.CheckRateOverlap(r, cards)
}
