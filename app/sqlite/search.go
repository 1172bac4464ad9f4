package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hin-south-london/involve/app/involve"
)

// Index rows: a session's is pk*2+1, a feedback item's pk*2.
func sessionRow(pk int64) int64  { return pk*2 + 1 }
func feedbackRow(pk int64) int64 { return pk * 2 }

// bulkIndex defers the search index work of a bulk write (an import, a sync page) to
// the end of its transaction. FTS5 flushes its pending terms to a new segment whenever
// a statement savepoint opens after an FTS write; upserting rows one by one after
// indexing each would flush once per row and make imports several times slower. So the
// rows are written first and indexed at the end in three set-based statements.
type bulkIndex struct {
	replaced []int64 // index rows that may exist and must be removed first
	sessions []int64 // session pks to index
	feedback []int64 // feedback pks to index
}

func (b *bulkIndex) session(pk int64, isNew bool) {
	if !isNew {
		b.replaced = append(b.replaced, sessionRow(pk))
	}
	b.sessions = append(b.sessions, pk)
}

func (b *bulkIndex) feedbackItem(pk int64, isNew bool) {
	if !isNew {
		b.replaced = append(b.replaced, feedbackRow(pk))
	}
	b.feedback = append(b.feedback, pk)
}

// flush updates the index for every row noted; deleted records get no index row.
func (b *bulkIndex) flush(ctx context.Context, tx *sql.Tx) error {
	list := func(ids []int64) string {
		buf, _ := json.Marshal(ids)
		return string(buf)
	}
	if len(b.replaced) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search WHERE rowid IN (SELECT value FROM json_each(?))`, list(b.replaced)); err != nil {
			return err
		}
	}
	if len(b.sessions) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO search(rowid, title, body)
			SELECT pk*2+1, title, notes FROM sessions WHERE pk IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
			list(b.sessions)); err != nil {
			return err
		}
	}
	if len(b.feedback) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO search(rowid, title, body)
			SELECT pk*2, '', text FROM feedback WHERE pk IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
			list(b.feedback)); err != nil {
			return err
		}
	}
	*b = bulkIndex{}
	return nil
}

// indexRow replaces one record's index row without prepared statements (single writes).
func indexRow(ctx context.Context, tx *sql.Tx, rowid int64, deleted bool, title, body string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", rowid); err != nil {
		return err
	}
	if deleted {
		return nil
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO search(rowid, title, body) VALUES (?, ?, ?)", rowid, title, body)
	return err
}

// matchQuery turns what a person typed into an FTS5 query. Each space-separated piece
// becomes a quoted phrase of its words ("A&E" → "A E", so it matches those words next
// to each other, not any A… and any E…), which also makes FTS5 syntax in the input
// inert. A piece matches as a prefix (search as you type) when its last word has two or
// more characters: one-letter prefixes match nearly everything and have no index.
func matchQuery(q string) string {
	isSep := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }
	pieces := strings.Fields(q)
	if len(pieces) > 12 {
		pieces = pieces[:12]
	}
	parts := make([]string, 0, len(pieces))
	for _, p := range pieces {
		words := strings.FieldsFunc(p, isSep)
		if len(words) == 0 {
			continue
		}
		phrase := `"` + strings.Join(words, " ") + `"`
		if utf8.RuneCountInString(words[len(words)-1]) >= 2 {
			phrase += "*"
		}
		parts = append(parts, phrase)
	}
	return strings.Join(parts, " ")
}

// RankWindow bounds the work of ranking a very broad query: at most this many of the
// most recent matches are scored. A query matching fewer rows is ranked over all of
// them; one matching tens of thousands (a two-letter prefix) shows the best of the most
// recent RankWindow, which keeps every search within a few milliseconds.
const RankWindow = 1000

// Marks FTS5 puts around matches; they cannot occur in stored text's HTML escape, so
// the snippet can be escaped first and marked up after.
const markOpen, markClose = "\x01", "\x02"

var snippetHTML = strings.NewReplacer(markOpen, "<mark>", markClose, "</mark>")

// Search finds sessions (by title and notes) and feedback (by text), best match first.
// Snippets are HTML-escaped with <mark> around the matched words. Ranking reads only
// rowids and scores; snippets are made for the hits alone.
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
			SELECT rowid AS rid, rank AS r FROM search
			WHERE search MATCH ?1 AND rowid >= coalesce(
				(SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?3), 0)
			ORDER BY rank LIMIT ?2),
		snips AS (
			SELECT h.rid, h.r, (SELECT snippet(search, -1, char(1), char(2), '…', 14) FROM search
				WHERE search MATCH ?1 AND rowid = h.rid) AS snip
			FROM hits h)
		SELECT 'session', s.id, s.id, s.title, h.snip, s.date, h.r
			FROM snips h JOIN sessions s ON s.pk = (h.rid - 1) / 2 WHERE h.rid % 2 = 1
		UNION ALL
		SELECT 'feedback', f.id, s.id, s.title, h.snip, s.date, h.r
			FROM snips h JOIN feedback f ON f.pk = h.rid / 2 JOIN sessions s ON s.id = f.session_id
			WHERE h.rid % 2 = 0
		ORDER BY 7`, m, limit, RankWindow-1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r involve.SearchResult
		var snip sql.NullString
		if err := rows.Scan(&r.Kind, &r.ID, &r.SessionID, &r.Title, &snip, &r.Date, &r.Rank); err != nil {
			return nil, err
		}
		r.Snippet = snippetHTML.Replace(html.EscapeString(snip.String))
		out = append(out, r)
	}
	return out, rows.Err()
}

// MergeSearchIndex does a bounded amount of FTS5 segment merging (about pages leaf
// pages), so that searches stay fast without saves ever paying for merges. The app calls
// it from its housekeeping loop.
func (db *DB) MergeSearchIndex(ctx context.Context, pages int) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO search(search, rank) VALUES ('merge', ?)", pages)
		return err
	})
}
