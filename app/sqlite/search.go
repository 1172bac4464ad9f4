package sqlite

import (
	"context"
	"html"
	"strings"
	"unicode"

	"github.com/hin-south-london/involve/app/involve"
)

// matchQuery turns what a person typed into an FTS5 query: every word must match, as
// a prefix (search as you type), quoted so that FTS5 syntax in the input is inert.
func matchQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if len(words) > 12 {
		words = words[:12]
	}
	parts := make([]string, 0, len(words))
	for _, w := range words {
		parts = append(parts, `"`+w+`"*`)
	}
	return strings.Join(parts, " ")
}

// Marks FTS5 puts around matches; they cannot occur in stored text's HTML escape, so
// the snippet can be escaped first and marked up after.
const markOpen, markClose = "\x01", "\x02"

var snippetHTML = strings.NewReplacer(markOpen, "<mark>", markClose, "</mark>")

// Search finds sessions (by title and notes) and feedback (by text), best match first.
// Snippets are HTML-escaped with <mark> around the matched words.
func (db *DB) Search(ctx context.Context, q string, limit int) ([]involve.SearchResult, error) {
	out := []involve.SearchResult{}
	m := matchQuery(q)
	if m == "" {
		return out, nil
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	rows, err := db.reader.QueryContext(ctx, `WITH hits AS (
			SELECT rowid AS rid, snippet(search, -1, char(1), char(2), '…', 14) AS snip, rank AS r
			FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?)
		SELECT 'session', s.id, s.id, s.title, h.snip, s.date, h.r
			FROM hits h JOIN sessions s ON s.pk = (h.rid - 1) / 2 WHERE h.rid % 2 = 1
		UNION ALL
		SELECT 'feedback', f.id, s.id, s.title, h.snip, s.date, h.r
			FROM hits h JOIN feedback f ON f.pk = h.rid / 2 JOIN sessions s ON s.id = f.session_id
			WHERE h.rid % 2 = 0
		ORDER BY 7`, m, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r involve.SearchResult
		var snip string
		if err := rows.Scan(&r.Kind, &r.ID, &r.SessionID, &r.Title, &snip, &r.Date, &r.Rank); err != nil {
			return nil, err
		}
		r.Snippet = snippetHTML.Replace(html.EscapeString(snip))
		out = append(out, r)
	}
	return out, rows.Err()
}
