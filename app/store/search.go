package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/hin-south-london/involve/app/involve"
)

// Index rows: a session's is pk*2+1, a feedback item's pk*2 (an action's or outcome's
// docRow: search_docs.go).
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

// flush updates the index for every row noted, and its vocabulary (search_words.go);
// deleted records get no index row.
func (b *bulkIndex) flush(ctx context.Context, tx *sql.Tx) error {
	list := func(ids []int64) string {
		buf, _ := json.Marshal(ids)
		return string(buf)
	}
	if len(b.replaced) > 0 {
		if err := dropIndexRows(ctx, tx, `SELECT value FROM json_each(?)`, list(b.replaced)); err != nil {
			return err
		}
	}
	added := make([]int64, 0, len(b.sessions)+len(b.feedback))
	if len(b.sessions) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO search(rowid, title, body)
			SELECT pk*2+1, title, notes FROM sessions WHERE pk IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
			list(b.sessions)); err != nil {
			return err
		}
		for _, pk := range b.sessions {
			added = append(added, sessionRow(pk))
		}
	}
	if len(b.feedback) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO search(rowid, title, body)
			SELECT pk*2, '', text FROM feedback WHERE pk IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
			list(b.feedback)); err != nil {
			return err
		}
		for _, pk := range b.feedback {
			added = append(added, feedbackRow(pk))
		}
	}
	if len(added) > 0 {
		d := wordDelta{}
		if err := d.addRows(ctx, tx, 1, `SELECT value FROM json_each(?)`, list(added)); err != nil {
			return err
		}
		if err := d.apply(ctx, tx); err != nil {
			return err
		}
	}
	*b = bulkIndex{}
	return nil
}

// indexRow replaces one record's index row without prepared statements (single
// writes); the change to the vocabulary's counts is logged (search_words.go).
func indexRow(ctx context.Context, tx *sql.Tx, rowid int64, deleted bool, title, body string) error {
	d := wordDelta{}
	if err := d.addRows(ctx, tx, -1, `?`, rowid); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", rowid); err != nil {
		return err
	}
	if !deleted {
		if _, err := tx.ExecContext(ctx, "INSERT INTO search(rowid, title, body) VALUES (?, ?, ?)", rowid, title, body); err != nil {
			return err
		}
		d.add(1, title, body)
	}
	return d.log(ctx, tx)
}

// term is one word of a query, folded, and whether it matches as a prefix.
type term struct {
	word   string
	prefix bool
}

// matchQuery turns what a person typed into an FTS5 query and the terms to highlight.
// Each space-separated piece becomes a quoted phrase of its words ("A&E" → "A E", so it
// matches those words next to each other, not any A… and any E…), which also makes
// FTS5 syntax in the input inert. A piece matches as a prefix (search as you type)
// when its last word has two or more characters: one-letter prefixes match nearly
// everything and have no index.
func matchQuery(q string) (string, []term) {
	pieces := strings.Fields(q)
	if len(pieces) > 12 {
		pieces = pieces[:12]
	}
	parts := make([]string, 0, len(pieces))
	var terms []term
	for _, p := range pieces {
		words := strings.FieldsFunc(p, isSep)
		if len(words) == 0 {
			continue
		}
		phrase := `"` + strings.Join(words, " ") + `"`
		last := utf8.RuneCountInString(words[len(words)-1]) >= 2
		if last {
			phrase += "*"
		}
		parts = append(parts, phrase)
		for i, w := range words {
			terms = append(terms, term{fold(w), last && i == len(words)-1})
		}
	}
	return strings.Join(parts, " "), terms
}

func isSep(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// fold lower-cases a word and removes its accents, as the index's tokenizer does
// (unicode61 remove_diacritics 2).
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	s, _, err := transform.String(foldChain(), w)
	if err != nil {
		s = w
	}
	return strings.ToLower(s)
}

func foldChain() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// highlight makes a snippet of text around its first word that matches a term: about
// 14 words, HTML-escaped, matches wrapped in <mark>. ok is false when no word matches.
func highlight(text string, terms []term) (snippet string, ok bool) {
	type tok struct{ start, end int }
	var toks []tok
	start := -1
	for i, r := range text {
		if isSep(r) {
			if start >= 0 {
				toks = append(toks, tok{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		toks = append(toks, tok{start, len(text)})
	}
	matches := make([]bool, len(toks))
	first := -1
	for i, t := range toks {
		f := fold(text[t.start:t.end])
		for _, q := range terms {
			if f == q.word || (q.prefix && strings.HasPrefix(f, q.word)) {
				matches[i] = true
				break
			}
		}
		if matches[i] && first < 0 {
			first = i
		}
	}
	if first < 0 {
		return "", false
	}
	const words, before = 14, 4
	from := max(0, first-before)
	to := min(len(toks), from+words)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := toks[from].start
	for i := from; i < to; i++ {
		t := toks[i]
		b.WriteString(html.EscapeString(text[pos:t.start]))
		if matches[i] {
			b.WriteString("<mark>" + html.EscapeString(text[t.start:t.end]) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(text[t.start:t.end]))
		}
		pos = t.end
	}
	if to < len(toks) {
		b.WriteString("…")
	} else {
		b.WriteString(html.EscapeString(text[pos:]))
	}
	return b.String(), true
}

// RankWindow bounds the work of ranking a very broad query: at most this many of the
// most recent matches are scored. A query matching fewer rows is ranked over all of
// them; one matching tens of thousands (a two-letter prefix) shows the best of the most
// recent RankWindow, which keeps every search within a few milliseconds.
const RankWindow = 1000

// Search finds sessions (by title and notes), feedback (by text), and actions and
// outcomes (by their texts: search_docs.go), best match first. Ranking reads only
// rowids and scores inside FTS5; snippets (HTML-escaped, <mark> around matched words)
// are made in Go from the stored text of the hits alone, which is several times cheaper
// than FTS5's snippet().
func (db *DB) Search(ctx context.Context, q string, limit int) ([]involve.SearchResult, error) {
	out := []involve.SearchResult{}
	m, terms := matchQuery(q)
	if m == "" {
		return out, nil
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	rows, err := db.reader.QueryContext(ctx, `WITH hits AS MATERIALIZED (
			SELECT rowid AS rid, rank AS r FROM search
			WHERE search MATCH ?1 AND rowid >= coalesce(
				(SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?3), 0)
			ORDER BY rank LIMIT ?2)
		SELECT 'session', s.id, s.id, s.title, s.notes, s.date, h.r
			FROM hits h JOIN sessions s ON s.pk = (h.rid - 1) / 2 WHERE h.rid < ?4 AND h.rid % 2 = 1
		UNION ALL
		SELECT 'feedback', f.id, s.id, s.title, f.text, s.date, h.r
			FROM hits h JOIN feedback f ON f.pk = h.rid / 2 JOIN sessions s ON s.id = f.session_id
			WHERE h.rid < ?4 AND h.rid % 2 = 0
		UNION ALL
		SELECT d.entity, d.id, '', d.title, d.state, substr(d.created_at, 1, 10), h.r
			FROM hits h JOIN docs d ON d.pk = h.rid - ?4 WHERE h.rid >= ?4
		ORDER BY 7`, m, limit, RankWindow-1, docRowBase)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r involve.SearchResult
		var body string
		if err := rows.Scan(&r.Kind, &r.ID, &r.SessionID, &r.Title, &body, &r.Date, &r.Rank); err != nil {
			return nil, err
		}
		if searchableDoc(r.Kind) {
			fillDocResult(&r, body, terms)
			out = append(out, r)
			continue
		}
		snip, ok := highlight(body, terms)
		if !ok && r.Kind == "session" {
			snip, _ = highlight(r.Title, terms) // matched by its title
		}
		if snip == "" {
			snip = html.EscapeString(firstWords(body, 14))
		}
		r.Snippet = snip
		out = append(out, r)
	}
	return out, rows.Err()
}

// firstWords is the start of a text, about n words, with "…" if cut.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return strings.Join(f, " ")
	}
	return strings.Join(f[:n], " ") + "…"
}

// MergeSearchIndex does a bounded amount of FTS5 segment merging (about pages leaf
// pages), so that searches stay fast without saves ever paying for merges, and adds the
// logged changes of the vocabulary's counts to it (search_words.go). The app calls it
// from its housekeeping loop.
func (db *DB) MergeSearchIndex(ctx context.Context, pages int) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := applySearchWordsLog(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO search(search, rank) VALUES ('merge', ?)", pages)
		return err
	})
}
