package store

import (
	"context"
	"database/sql"
	"sort"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/sqldb"
)

// A session's own questions (issue 15): question sets and their versions. Sets,
// translations and responses are docs (docs_table.go); this file keeps the rules that
// tie them together. Versions are records (involve/question_set.go): a version with
// answers whose questions change becomes a new record with the same family, so every
// answer stays tied to the exact questions it answered. Translations are in
// questions_translations.go, answers in questions_answers.go.

// SetSummary is a question set as its list shows it: its newest version, the live
// responses to every version, how many live sessions ask it, and the newest
// translation of the newest version in each language.
type SetSummary struct {
	Set           *involve.QuestionSet
	Responses     int
	SessionsUsing int
	Translations  []*involve.Translation
}

// SetVersion is one version of a set and its live responses.
type SetVersion struct {
	ID        string
	Version   int
	Responses int
	CreatedAt string
}

// SetView is one version of a set with what its page shows.
type SetView struct {
	Set *involve.QuestionSet
	// Answered: a response (live or deleted) names this version, so a change of its
	// questions makes a new version.
	Answered bool
	// Newest: this is the newest version of its family.
	Newest       bool
	Versions     []SetVersion // live versions, oldest first
	Translations []*involve.Translation
}

// newerSet reports whether version a is newer than b: a higher version, then changed
// later, then the larger id (two laptops that made "version 2" offline both keep
// theirs; every reader picks the same one).
func newerSet(a, b *involve.QuestionSet) bool {
	if a.Version != b.Version {
		return a.Version > b.Version
	}
	if a.UpdatedAt != b.UpdatedAt {
		return a.UpdatedAt > b.UpdatedAt
	}
	return a.ID > b.ID
}

// newestSet returns the newest of the versions (nil for none).
func newestSet(sets []*involve.QuestionSet) *involve.QuestionSet {
	var out *involve.QuestionSet
	for _, s := range sets {
		if out == nil || newerSet(s, out) {
			out = s
		}
	}
	return out
}

// setsOfFamily reads the versions of a family (version 1 and every record naming it),
// deleted ones only when withDeleted.
func setsOfFamily(ctx context.Context, q queryer, family string, withDeleted bool) ([]*involve.QuestionSet, error) {
	query := `SELECT ` + docCols + ` FROM docs d WHERE d.entity = 'question_set'
		AND (d.id = ? OR d.state ->> '$.familyId' = ?)`
	if !withDeleted {
		query += ` AND d.deleted_at IS NULL`
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY d.pk`, family, family)
	out := []*involve.QuestionSet{}
	err = sqldb.EachQuery(rows, err, docScan(involve.EntityQuestionSet), func(d involve.Doc) error {
		if s, ok := d.(*involve.QuestionSet); ok && s.Family() == family {
			out = append(out, s)
		}
		return nil
	})
	return out, err
}

// loadSet reads a live version of a set.
func (db *DB) loadSet(ctx context.Context, q queryer, id string) (*involve.QuestionSet, error) {
	d, err := db.loadLiveDoc(ctx, q, involve.EntityQuestionSet, id)
	if err != nil {
		if involve.ErrorCode(err) == involve.ENOTFOUND {
			return nil, involve.Errorf(involve.ENOTFOUND, "That question set could not be found. It may have been deleted.")
		}
		return nil, err
	}
	return d.(*involve.QuestionSet), nil
}

// setAnswered reports whether any response, live or deleted, names the version.
func setAnswered(ctx context.Context, q queryer, id string) (bool, error) {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM docs WHERE entity = 'response'
		AND json_extract(state, '$.questionSetId') = ? LIMIT 1`, id).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, err
}

// responseCounts counts the live responses of live feedback items by set version.
func responseCounts(ctx context.Context, q queryer) (map[string]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT json_extract(d.state, '$.questionSetId'), count(*) FROM docs d
		WHERE d.entity = 'response' AND d.deleted_at IS NULL
		AND EXISTS (SELECT 1 FROM feedback f WHERE f.id = d.parent_id AND f.deleted_at IS NULL)
		GROUP BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id sql.NullString
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id.String] += n
	}
	return out, rows.Err()
}

// ListQuestionSets lists the newest version of each set family, by name; archived
// ones only when includeArchived.
func (db *DB) ListQuestionSets(ctx context.Context, includeArchived bool) ([]SetSummary, error) {
	all, err := FindDocsOf[*involve.QuestionSet](ctx, db, involve.EntityQuestionSet, "")
	if err != nil {
		return nil, err
	}
	families := map[string][]*involve.QuestionSet{}
	for _, s := range all {
		families[s.Family()] = append(families[s.Family()], s)
	}
	counts, err := responseCounts(ctx, db.reader)
	if err != nil {
		return nil, err
	}
	using := map[string]int{}
	rows, err := db.reader.QueryContext(ctx, `SELECT j.value, count(DISTINCT s.id) FROM sessions s, json_each(s.question_sets) j
		WHERE s.deleted_at IS NULL GROUP BY j.value`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, err
		}
		using[id] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	trs, err := db.translationsByVersion(ctx, db.reader)
	if err != nil {
		return nil, err
	}
	out := []SetSummary{}
	for family, versions := range families {
		newest := newestSet(versions)
		if newest.Archived && !includeArchived {
			continue
		}
		sum := SetSummary{Set: newest, SessionsUsing: using[family], Translations: newestTranslations(trs[newest.ID])}
		for _, v := range versions {
			sum.Responses += counts[v.ID]
		}
		out = append(out, sum)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Set.Name != out[j].Set.Name {
			return out[i].Set.Name < out[j].Set.Name
		}
		return out[i].Set.Family() < out[j].Set.Family()
	})
	return out, nil
}

// GetQuestionSet returns one live version of a set with its versions and the newest
// translation of it in each language.
func (db *DB) GetQuestionSet(ctx context.Context, id string) (SetView, error) {
	s, err := db.loadSet(ctx, db.reader, id)
	if err != nil {
		return SetView{}, err
	}
	versions, err := setsOfFamily(ctx, db.reader, s.Family(), false)
	if err != nil {
		return SetView{}, err
	}
	answered, err := setAnswered(ctx, db.reader, s.ID)
	if err != nil {
		return SetView{}, err
	}
	counts, err := responseCounts(ctx, db.reader)
	if err != nil {
		return SetView{}, err
	}
	trs, err := db.translationsOf(ctx, db.reader, s.ID)
	if err != nil {
		return SetView{}, err
	}
	v := SetView{Set: s, Answered: answered, Newest: newestSet(versions).ID == s.ID, Translations: newestTranslations(trs)}
	sort.SliceStable(versions, func(i, j int) bool { return newerSet(versions[j], versions[i]) })
	for _, x := range versions {
		v.Versions = append(v.Versions, SetVersion{ID: x.ID, Version: x.Version, Responses: counts[x.ID], CreatedAt: x.CreatedAt})
	}
	return v, nil
}

// StarterQuestionSets returns copies of the templates Involve ships.
func StarterQuestionSets() []*involve.QuestionSet {
	sets := involve.StarterSets()
	out := make([]*involve.QuestionSet, len(sets))
	for i := range sets {
		out[i] = &sets[i]
	}
	return out
}

// CreateQuestionSet stores a new set: version 1 of a new family, made from scratch or
// from a starter's copy (its Starter code kept). Ids, versions and archiving given are
// ignored.
func (db *DB) CreateQuestionSet(ctx context.Context, in *involve.QuestionSet) (*involve.QuestionSet, error) {
	s := *in
	s.Meta, s.FamilyID, s.Version, s.Archived = involve.Meta{}, "", 1, false
	if s.Starter != "" {
		known := false
		for _, st := range involve.StarterSets() {
			known = known || st.Starter == s.Starter
		}
		if !known {
			return nil, (involve.Problems{{Field: "starter", Message: "Choose a starter template from the list"}}).Err("question set")
		}
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := db.inTx(ctx, func(tx *sql.Tx) error { return db.createDocTx(ctx, tx, &s) }); err != nil {
		return nil, err
	}
	return &s, nil
}

// SaveQuestionSet saves an edit of a version of a set (loaded: the set as the form
// received it; edited: what the person saved; only the fields changed are written over
// the stored version, as for every record). Only the newest version of a family may be
// edited (ECONFLICT otherwise). When the version has answers and its questions change
// (involve.QuestionSet.SameQuestions), the edit becomes a new version (newVersion
// true) in the same transaction, and the old version's translations are carried to it
// for the texts whose English did not change; otherwise the version is edited in
// place. The family, version and archiving of a version are not the form's to change.
func (db *DB) SaveQuestionSet(ctx context.Context, id string, loaded, edited *involve.QuestionSet) (saved *involve.QuestionSet, newVersion bool, err error) {
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := db.loadSet(ctx, tx, id)
		if err != nil {
			return err
		}
		versions, err := setsOfFamily(ctx, tx, cur.Family(), false)
		if err != nil {
			return err
		}
		if newest := newestSet(versions); newest != nil && newest.ID != cur.ID {
			return involve.Errorf(involve.ECONFLICT, "This is version %d of the set, and version %d is newer. "+
				"Older versions keep the questions their answers were given to: open the newest version to change the set.",
				cur.Version, newest.Version)
		}
		var l involve.Doc
		if loaded != nil {
			l = loaded
		}
		d, err := overlayDoc(involve.EntityQuestionSet, cur, l, edited)
		if err != nil {
			return err
		}
		next := d.(*involve.QuestionSet)
		next.FamilyID, next.Version, next.Archived = cur.FamilyID, cur.Version, cur.Archived
		if err := next.Validate(); err != nil {
			return err
		}
		answered, err := setAnswered(ctx, tx, cur.ID)
		if err != nil {
			return err
		}
		if !answered || next.SameQuestions(cur) {
			saved = next
			if err := db.saveDocTx(ctx, tx, cur, next); err != nil {
				return err
			}
			return db.pruneTranslationsTx(ctx, tx, cur, next)
		}
		return db.newSetVersionTx(ctx, tx, cur, next, func(s *involve.QuestionSet) { saved, newVersion = s, true })
	})
	return saved, newVersion, err
}

// newSetVersionTx stores next as a new version of cur's family (the highest version
// there is, deleted ones counted, plus one) and carries cur's translations over.
func (db *DB) newSetVersionTx(ctx context.Context, tx *sql.Tx, cur, next *involve.QuestionSet, done func(*involve.QuestionSet)) error {
	all, err := setsOfFamily(ctx, tx, cur.Family(), true)
	if err != nil {
		return err
	}
	top := 0
	for _, v := range all {
		top = max(top, v.Version)
	}
	nv := *next
	nv.Meta, nv.FamilyID, nv.Version = involve.Meta{}, cur.Family(), top+1
	if err := nv.Validate(); err != nil {
		return err
	}
	if err := db.createDocTx(ctx, tx, &nv); err != nil {
		return err
	}
	trs, err := db.translationsOf(ctx, tx, cur.ID)
	if err != nil {
		return err
	}
	for _, t := range newestTranslations(trs) {
		c := carryTranslation(t, cur, &nv)
		if err := c.Validate(); err != nil {
			return err
		}
		if err := db.createDocTx(ctx, tx, c); err != nil {
			return err
		}
	}
	done(&nv)
	return nil
}

// carryTranslation is t (of version from) for version to: only the texts whose
// English is the same in both versions.
// pruneTranslationsTx tidies every live translation of a version edited in place: a
// text for something the version no longer asks (a question, choice or help text
// removed) is dropped, so no translation holds keys the version does not have (the
// server refuses those); when the English of a kept text changed, the translation is
// no longer marked reviewed, so that someone checks it again.
func (db *DB) pruneTranslationsTx(ctx context.Context, tx *sql.Tx, from, to *involve.QuestionSet) error {
	trs, err := db.translationsOf(ctx, tx, from.ID)
	if err != nil {
		return err
	}
	keys := to.TextKeySet()
	for _, t := range trs {
		next := *t
		next.Texts = make(map[string]string, len(t.Texts))
		changed := false
		for k, v := range t.Texts {
			switch {
			case !keys[k]:
				changed = true
			default:
				next.Texts[k] = v
				if from.EnglishText(k) != to.EnglishText(k) && next.Reviewed {
					next.Reviewed, changed = false, true
				}
			}
		}
		if !changed {
			continue
		}
		if err := db.saveDocTx(ctx, tx, t, &next); err != nil {
			return err
		}
	}
	return nil
}

func carryTranslation(t *involve.Translation, from, to *involve.QuestionSet) *involve.Translation {
	c := &involve.Translation{Of: to.ID, Language: t.Language, LanguageName: t.LanguageName, Reviewed: t.Reviewed,
		Texts: map[string]string{}}
	for _, k := range to.TextKeys() {
		if v, ok := t.Texts[k]; ok && from.EnglishText(k) == to.EnglishText(k) {
			c.Texts[k] = v
		}
	}
	return c
}

// SetQuestionSetArchived archives the set id belongs to (the flag is on its newest
// version) or brings it back, and returns that version.
func (db *DB) SetQuestionSetArchived(ctx context.Context, id string, archived bool) (*involve.QuestionSet, error) {
	var out *involve.QuestionSet
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		s, err := db.loadSet(ctx, tx, id)
		if err != nil {
			return err
		}
		versions, err := setsOfFamily(ctx, tx, s.Family(), false)
		if err != nil {
			return err
		}
		cur := newestSet(versions)
		next := *cur
		next.Archived = archived
		out = &next
		if cur.Archived == archived {
			return nil
		}
		return db.saveDocTx(ctx, tx, cur, &next)
	})
	return out, err
}

// checkSessionSets checks that every family id in sets that is not in before names a
// live question set's first version (a family) that is not archived: what a session
// may newly ask. Sets asked before stay, archived or not.
func checkSessionSets(ctx context.Context, q queryer, sets, before []string) error {
	was := map[string]bool{}
	for _, id := range before {
		was[id] = true
	}
	for _, id := range sets {
		if was[id] {
			continue
		}
		var family string
		err := q.QueryRowContext(ctx, `SELECT coalesce(state ->> '$.familyId', '') FROM docs
			WHERE id = ? AND entity = 'question_set' AND deleted_at IS NULL`, id).Scan(&family)
		switch {
		case err == sql.ErrNoRows:
			return (involve.Problems{{Field: "questionSets",
				Message: "Choose question sets from the list: one chosen no longer exists"}}).Err("session")
		case err != nil:
			return err
		case family != "":
			return (involve.Problems{{Field: "questionSets",
				Message: "Choose question sets from the list: a session asks a set, not one of its versions"}}).Err("session")
		}
		versions, err := setsOfFamily(ctx, q, id, false)
		if err != nil {
			return err
		}
		if n := newestSet(versions); n != nil && n.Archived {
			return (involve.Problems{{Field: "questionSets",
				Message: "Choose question sets from the list: " + n.Name + " is archived"}}).Err("session")
		}
	}
	return nil
}
