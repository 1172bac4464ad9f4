package store

import (
	"context"
	"database/sql"
	"fmt"
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

// indexSource is a table whose live records have index rows, and how: the row's rowid,
// title and body as SQL expressions over the table's row, and which records besides
// being live (only). The index keeps no copy of the texts (migration 0010): these are
// what its rows hold.
type indexSource struct {
	table, rowid, title, body, only string
}

var (
	sessionSource  = indexSource{"sessions", "pk*2+1", "title", "notes", "true"}
	feedbackSource = indexSource{"feedback", "pk*2", "''", "text", "true"}
	docSource      = indexSource{"docs", fmt.Sprintf("%d + pk", docRowBase), "''", docIndexBody,
		"entity IN ('" + involve.EntityAction + "', '" + involve.EntityOutcome + "')"}
	indexSources = []indexSource{sessionSource, feedbackSource, docSource}
)

// texts selects the rowid, title and body of the live records matching where.
func (s indexSource) texts(where string) string {
	return `SELECT ` + s.rowid + `, ` + s.title + `, ` + s.body + ` FROM ` + s.table +
		` WHERE deleted_at IS NULL AND ` + s.only + ` AND (` + where + `)`
}

// indexed selects the rowid, title and body of the records matching where that have an
// index row now: the live ones not in the backlog (search_backlog.go), whose words are
// in the index and its vocabulary.
func (s indexSource) indexed(where string) string {
	return s.texts(where) + ` AND ` + s.rowid + ` NOT IN (SELECT row FROM search_backlog)`
}

// indexSourceOf is the source of entity's index rows (in table), if it has any.
func indexSourceOf(table, entity string) (indexSource, bool) {
	switch {
	case table == sessionSource.table:
		return sessionSource, true
	case table == feedbackSource.table:
		return feedbackSource, true
	case table == docSource.table && searchableDoc(entity):
		return docSource, true
	}
	return indexSource{}, false
}

// bulkIndex defers the search index work of a bulk write (an import, a sync page) to
// the end of its transaction. FTS5 flushes its pending terms to a new segment whenever
// a statement savepoint opens after an FTS write; upserting rows one by one after
// indexing each would flush once per row and make imports several times slower. So the
// rows are written first and indexed at the end in a few set-based statements.
//
// A record that may already be stored is noted with unindex before it is written: its
// index row's words are read from it then (the index keeps no copy). A record written
// twice in one bulk write is counted out once, as it was before the write.
type bulkIndex struct {
	seen     map[int64]bool // index rows this write has noted
	replaced []int64        // index rows that exist and must be removed first
	removed  wordDelta      // their words, counted out
	sessions []int64        // session pks to index
	feedback []int64        // feedback pks to index
	logWords bool           // the vocabulary's change logged, not applied (search_backlog.go)
}

func (b *bulkIndex) note(rowid int64) bool {
	if b.seen == nil {
		b.seen = map[int64]bool{}
	}
	if b.seen[rowid] {
		return false
	}
	b.seen[rowid] = true
	return true
}

// unindex notes src's records with these ids, about to be written: those with an index
// row (live ones not in the backlog) have it removed at the flush, and their words
// counted out now.
func (b *bulkIndex) unindex(ctx context.Context, q queryer, src indexSource, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+src.rowid+`, deleted_at IS NULL AND `+src.only+` AND `+src.rowid+
		` NOT IN (SELECT row FROM search_backlog), `+src.title+`, `+src.body+
		` FROM `+src.table+` WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rowid int64
		var live bool
		var title, body sql.NullString
		if err := rows.Scan(&rowid, &live, &title, &body); err != nil {
			return err
		}
		if !b.note(rowid) || !live {
			continue
		}
		if b.removed == nil {
			b.removed = wordDelta{}
		}
		b.replaced = append(b.replaced, rowid)
		b.removed.add(-1, title.String, body.String)
	}
	return rows.Err()
}

// session notes a session written (after unindex, if it may have been stored).
func (b *bulkIndex) session(pk int64) {
	b.note(sessionRow(pk))
	b.sessions = append(b.sessions, pk)
}

// feedbackItem notes a feedback item written (after unindex, if it may have been
// stored).
func (b *bulkIndex) feedbackItem(pk int64) {
	b.note(feedbackRow(pk))
	b.feedback = append(b.feedback, pk)
}

// flush updates the index for every row noted, and its vocabulary (search_words.go);
// deleted records get no index row. A write of deferAt rows or more (0: never) leaves
// the rows it wrote to the background indexer instead (search_backlog.go): they go into
// the backlog, and only the index rows they replaced are removed now.
func (b *bulkIndex) flush(ctx context.Context, tx *sql.Tx, deferAt int) error {
	d := b.removed
	if d == nil {
		d = wordDelta{}
	}
	if len(b.replaced) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search WHERE rowid IN (SELECT value FROM json_each(?))`,
			jsonList(b.replaced)); err != nil {
			return err
		}
	}
	const byPK = `pk IN (SELECT value FROM json_each(?))`
	written := len(b.sessions) + len(b.feedback)
	deferred := deferAt > 0 && written >= deferAt
	// an import into a database with nothing waiting (the usual case) looks nothing up
	var waiting bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM search_backlog)`).Scan(&waiting); err != nil {
		return err
	}
	hash := !deferred && written >= bulkHashRows
	if hash {
		if err := setSearchHashSize(ctx, tx, bulkHashSize); err != nil {
			return err
		}
	}
	for _, w := range []struct {
		src indexSource
		pks []int64
	}{{sessionSource, b.sessions}, {feedbackSource, b.feedback}} {
		if len(w.pks) == 0 {
			continue
		}
		pks := jsonList(w.pks)
		// The rows written leave the backlog: indexed now, or back in it below (a
		// deleted record's row not).
		if waiting {
			if _, err := tx.ExecContext(ctx, `DELETE FROM search_backlog WHERE row IN (SELECT `+w.src.rowid+
				` FROM `+w.src.table+` WHERE `+byPK+`)`, pks); err != nil {
				return err
			}
		}
		if deferred {
			if _, err := tx.ExecContext(ctx, `INSERT INTO search_backlog(row) SELECT `+w.src.rowid+` FROM `+w.src.table+
				` WHERE deleted_at IS NULL AND `+w.src.only+` AND `+byPK, pks); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO search(rowid, title, body) `+w.src.texts(byPK), pks); err != nil {
			return err
		}
		if err := d.addRecords(ctx, tx, 1, w.src, byPK, pks); err != nil {
			return err
		}
	}
	if hash {
		if err := setSearchHashSize(ctx, tx, 0); err != nil {
			return err
		}
	}
	if b.logWords {
		if err := d.log(ctx, tx); err != nil {
			return err
		}
	} else if err := d.applyWithLog(ctx, tx); err != nil {
		return err
	}
	*b = bulkIndex{}
	return nil
}

// A bulk write indexing at least bulkHashRows rows lets FTS5 gather up to bulkHashSize
// bytes of pending terms before it writes them out as a segment (its 'hashsize'; 1 MiB
// by default): fewer, larger segments and fewer merges of them. Filling the index of an
// import of 100 000 items takes about a fifth less CPU (1.15 → 0.9 s), for a few MB more
// memory while it runs; 16 MiB or 64 MiB gain no more (docs/benchmarks.md, "Issue 17 —
// the search index in an import and a pull").
const (
	bulkHashRows = 2000
	bulkHashSize = 4 << 20
)

// setSearchHashSize sets FTS5's hashsize for the rest of the transaction (n bytes), or
// back to its default (n = 0): FTS5 keeps the setting in search_config, which is left
// without it, as a fresh index has it.
func setSearchHashSize(ctx context.Context, tx *sql.Tx, n int) error {
	v := n
	if n == 0 {
		v = 1 << 20 // FTS5's default
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO search(search, rank) VALUES ('hashsize', ?)`, v); err != nil {
		return fmt.Errorf("setting the search index's hashsize: %w", err)
	}
	if n == 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_config WHERE k = 'hashsize'`); err != nil {
			return fmt.Errorf("setting the search index's hashsize: %w", err)
		}
	}
	return nil
}

// unindexedWords counts out the words that src's record id has in the index now (none
// when it is deleted or not stored): read before the record is written, for indexRow.
func unindexedWords(ctx context.Context, q queryer, src indexSource, id string) (wordDelta, error) {
	d := wordDelta{}
	return d, d.addRecords(ctx, q, -1, src, `id = ?`, id)
}

// indexRow replaces one record's index row without prepared statements (single
// writes): old holds the words of the record as it was before this write
// (unindexedWords: none if it was in the backlog); the change to the vocabulary's counts is logged (search_words.go).
func indexRow(ctx context.Context, tx *sql.Tx, old wordDelta, rowid int64, deleted bool, title, body string) error {
	// A record in the backlog is indexed now (or, deleted, never): the indexer must not
	// index it again (search_backlog.go).
	if _, err := tx.ExecContext(ctx, "DELETE FROM search_backlog WHERE row = ?", rowid); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", rowid); err != nil {
		return err
	}
	if !deleted {
		if _, err := tx.ExecContext(ctx, "INSERT INTO search(rowid, title, body) VALUES (?, ?, ?)", rowid, title, body); err != nil {
			return err
		}
		old.add(1, title, body)
	}
	return old.log(ctx, tx)
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
