package store

import (
	"context"
	"database/sql"
	"sort"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/sqldb"
)

// Translations of question set versions and of the kiosk's own words. Each is its own
// record, so two languages translated on two laptops never conflict; two translations
// of one version into one language made offline are both kept, and readers take the
// newest (involve.Newest).

// translationsOf reads the live translations of one set version (or of the kiosk's
// words: of is involve.KioskWords).
func (db *DB) translationsOf(ctx context.Context, q queryer, of string) ([]*involve.Translation, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+docCols+` FROM docs d WHERE d.entity = 'translation'
		AND d.deleted_at IS NULL AND d.state ->> '$.of' = ? ORDER BY d.pk`, of)
	out := []*involve.Translation{}
	err = sqldb.EachQuery(rows, err, docScan(involve.EntityTranslation), func(d involve.Doc) error {
		if t, ok := d.(*involve.Translation); ok && t.Of == of {
			out = append(out, t)
		}
		return nil
	})
	return out, err
}

// translationsByVersion reads every live translation of a set version, by version.
func (db *DB) translationsByVersion(ctx context.Context, q queryer) (map[string][]*involve.Translation, error) {
	out := map[string][]*involve.Translation{}
	err := eachDoc(ctx, q, involve.EntityTranslation, "", false, func(d involve.Doc) error {
		if t, ok := d.(*involve.Translation); ok && t.Of != involve.KioskWords {
			out[t.Of] = append(out[t.Of], t)
		}
		return nil
	})
	return out, err
}

// newestTranslations is involve.Newest as a list by language code.
func newestTranslations(ts []*involve.Translation) []*involve.Translation {
	m := involve.Newest(ts)
	out := make([]*involve.Translation, 0, len(m))
	for _, t := range m {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Language < out[j].Language })
	return out
}

// SaveTranslation saves a translation of a live set version (its keys must be the
// version's: involve.Translation.CheckKeys), of a live action's words (its parent,
// checked when it is written) or of the kiosk's words: the newest record
// of that language is updated, or a new one made. Id and metadata given are ignored.
func (db *DB) SaveTranslation(ctx context.Context, in *involve.Translation) (*involve.Translation, error) {
	t := *in
	t.Meta = involve.Meta{}
	if t.Texts == nil {
		t.Texts = map[string]string{}
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		// an action's: Validate checked the keys; checkDocParent that it is live
		if _, ofAction := t.ActionID(); !ofAction && t.Of != involve.KioskWords {
			s, err := db.loadSet(ctx, tx, t.Of)
			if err != nil {
				return err
			}
			if err := t.CheckKeys(s); err != nil {
				return err
			}
		}
		trs, err := db.translationsOf(ctx, tx, t.Of)
		if err != nil {
			return err
		}
		cur := involve.Newest(trs)[t.Language]
		if cur == nil {
			return db.createDocTx(ctx, tx, &t)
		}
		return db.saveDocTx(ctx, tx, cur, &t)
	})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// DeleteTranslation deletes a translation (a tombstone that syncs).
func (db *DB) DeleteTranslation(ctx context.Context, id string) error {
	return db.DeleteDoc(ctx, involve.EntityTranslation, id)
}

// ListKioskWords returns the newest translation of the kiosk's own words in each
// language added as data, by language code.
func (db *DB) ListKioskWords(ctx context.Context) ([]*involve.Translation, error) {
	trs, err := db.translationsOf(ctx, db.reader, involve.KioskWords)
	if err != nil {
		return nil, err
	}
	return newestTranslations(trs), nil
}

// ListActionTranslations returns the newest translation of an action's words in each
// language, by language code.
func (db *DB) ListActionTranslations(ctx context.Context, actionID string) ([]*involve.Translation, error) {
	trs, err := db.translationsOf(ctx, db.reader, involve.ActionOf(actionID))
	if err != nil {
		return nil, err
	}
	return newestTranslations(trs), nil
}

// ActionTranslations returns the newest translation of each action's words, by action
// id then language code (publish.Build reads the language it is asked for; the "you
// said, we did" screen lists the languages of the chosen actions).
func (db *DB) ActionTranslations(ctx context.Context) (map[string]map[string]*involve.Translation, error) {
	byAction := map[string][]*involve.Translation{}
	err := eachDoc(ctx, db.reader, involve.EntityTranslation, "", false, func(d involve.Doc) error {
		if t, ok := d.(*involve.Translation); ok {
			if id, ok := t.ActionID(); ok {
				byAction[id] = append(byAction[id], t)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]map[string]*involve.Translation, len(byAction))
	for id, ts := range byAction {
		out[id] = involve.Newest(ts)
	}
	return out, nil
}

// staleActionTranslationsTx unmarks as reviewed every live translation of the action
// whose English words changed from from to to (in the edit's transaction).
func (db *DB) staleActionTranslationsTx(ctx context.Context, tx *sql.Tx, from, to *involve.Action) error {
	if from.YouSaid == to.YouSaid && from.WeDid == to.WeDid {
		return nil
	}
	trs, err := db.translationsOf(ctx, tx, involve.ActionOf(from.ID))
	if err != nil {
		return err
	}
	for _, t := range trs {
		if !involve.ActionTranslationStale(t, from, to) {
			continue
		}
		next := *t
		next.Reviewed = false
		if err := next.Validate(); err != nil {
			return err
		}
		if err := db.saveDocTx(ctx, tx, t, &next); err != nil {
			return err
		}
	}
	return nil
}

// dropStaleTexts, for a translation of a question set being restored, drops the texts
// of keys the set's version no longer has: the set may have been edited in place while
// the translation was deleted (here or on another laptop). Such words translate
// nothing the set asks, and the server refuses a translation with a key no state of
// its set has (convergence seed 1796619675799291482).
func (db *DB) dropStaleTexts(ctx context.Context, tx *sql.Tx, d involve.Doc) error {
	t, ok := d.(*involve.Translation)
	if !ok || t.Of == involve.KioskWords {
		return nil
	}
	if _, ofAction := t.ActionID(); ofAction {
		return nil
	}
	s, err := db.loadSet(ctx, tx, t.Of)
	if err != nil {
		return err
	}
	want := s.TextKeySet()
	for k := range t.Texts {
		if !want[k] {
			delete(t.Texts, k)
		}
	}
	return nil
}
