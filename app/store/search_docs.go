package store

import (
	"context"
	"database/sql"
	"errors"
	"html"

	"github.com/hin-south-london/involve/app/involve"
)

// Search finds "you said, we did" actions and outcomes as well as sessions and
// feedback (migration 0007). An action's or outcome's index row is docRowBase + its
// docs.pk, above every session's and feedback item's, so that the ranking window of
// the newest matches (Search) always holds them. The row's body is its texts, one per
// line; its title is empty. No other kind of doc is indexed (a partner's sealed fields
// never are).

// docRowBase is 2^60: the first index row of a doc.
const docRowBase int64 = 1 << 60

func docRow(pk int64) int64 { return docRowBase + pk }

// docIndexBody is the text a searchable doc's index row holds (the same expression as
// migration 0007's).
const docIndexBody = `CASE entity WHEN 'action' THEN concat_ws(char(10),
		nullif(state ->> '$.youSaid', ''), nullif(state ->> '$.weDid', ''),
		nullif(state ->> '$.decisionInfluenced', ''), nullif(state ->> '$.reasonNotPossible', ''))
	ELSE concat_ws(char(10),
		nullif(state ->> '$.description', ''), nullif(state ->> '$.evidence', ''),
		nullif(state ->> '$.contributorView', ''), nullif(state ->> '$.staffView', '')) END`

// searchableDoc reports whether docs of entity are in the search index.
func searchableDoc(entity string) bool {
	return entity == involve.EntityAction || entity == involve.EntityOutcome
}

// indexDoc replaces a stored doc's index row (none when it is deleted or of a kind that
// is not searched). putDoc calls it after every write of a doc, with the words the row
// had before the write (unindexedWords).
func indexDoc(ctx context.Context, tx *sql.Tx, old wordDelta, entity, id string) error {
	if !searchableDoc(entity) {
		return nil
	}
	var pk int64
	var deleted bool
	var body sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT pk, deleted_at IS NOT NULL, `+docIndexBody+` FROM docs WHERE id = ? AND entity = ?`,
		id, entity).Scan(&pk, &deleted, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return indexRow(ctx, tx, old, docRow(pk), deleted, "", body.String)
}

// docField is one searched text of a doc and what the app calls it.
type docField struct{ label, text string }

// docFields lists a searched doc's texts in their index order.
func docFields(d involve.Doc) []docField {
	switch v := d.(type) {
	case *involve.Action:
		return []docField{{"You said", v.YouSaid}, {"We did", v.WeDid},
			{"Decision influenced", v.DecisionInfluenced}, {"Not possible because", v.ReasonNotPossible}}
	case *involve.Outcome:
		return []docField{{"What changed", v.Description}, {"Evidence", v.Evidence},
			{"Contributors’ view", v.ContributorView}, {"Staff view", v.StaffView}}
	}
	return nil
}

// fillDocResult completes a search hit on an action or outcome from its stored state:
// the session or project it is shown with, its date, and the snippet of the first of
// its texts that matches (named in Field).
func fillDocResult(r *involve.SearchResult, state string, terms []term) {
	d, err := involve.DecodeDoc(r.Kind, []byte(state))
	if err != nil {
		r.Snippet = ""
		return
	}
	switch v := d.(type) {
	case *involve.Action:
		r.SessionID, r.ProjectID = v.SessionID, v.ProjectID
	case *involve.Outcome:
		r.ProjectID = v.ProjectID
		if v.Date != "" {
			r.Date = v.Date
		}
	}
	fields := docFields(d)
	for _, f := range fields {
		if snip, ok := highlight(f.text, terms); ok {
			r.Snippet, r.Field = snip, f.label
			return
		}
	}
	if len(fields) > 0 {
		r.Snippet, r.Field = html.EscapeString(firstWords(fields[0].text, 14)), fields[0].label
	}
}
