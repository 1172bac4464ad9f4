package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The search index's vocabulary (table search_words, migration 0007): every word of the
// index and in how many index rows it is, which "Did you mean" picks from
// (search_suggest.go). It is kept in step with the index by the store itself: wherever
// an index row is written or removed, the words of the text the row holds are counted
// in or out, and a word whose count reaches 0 is deleted. The index keeps no copy of
// the texts (migration 0010), so a row's words are read from its record before the
// record is written or deleted (indexSource.texts): the record holds exactly what was
// indexed until then, as every write of a record replaces its index row in the same
// transaction. Bulk writes (an import, a pulled
// page) update the counts directly. A single save only logs its change
// (search_words_log: a row appended, where updating the counts would write a page per
// word); the log is added to the counts once a minute (MergeSearchIndex, from the app's
// housekeeping) and by every erasure and purge, in their own transaction, so a word
// that only an erased comment or a purged record held is gone from the table and the
// log as it is gone from the index, before the erasure's VACUUM. "Did you mean" reads
// the counts with the log (search_suggest.go). Sealed fields are never indexed, so
// never here.

// Words shorter or longer than these are not kept (no suggestion is made for or from
// them); neither are words with a digit (numbers, references, phone numbers).
const (
	minVocabRunes = 2
	maxVocabRunes = 40
)

// vocabWords calls fn once for each distinct word of the texts that the vocabulary
// keeps, folded as the index's tokenizer folds (lower case, accents removed: vocabFold).
func vocabWords(fn func(string), texts ...string) {
	seen := seenPool.Get().(map[string]struct{})
	defer func() { clear(seen); seenPool.Put(seen) }()
	word := func(w string, digit bool) {
		if n := utf8.RuneCountInString(w); n < minVocabRunes || n > maxVocabRunes || digit {
			return
		}
		f := vocabFold(w)
		if _, ok := seen[f]; !ok {
			seen[f] = struct{}{}
			fn(f)
		}
	}
	for _, t := range texts {
		start, digit := -1, false
		for i, r := range t {
			if !isSep(r) {
				if start < 0 {
					start, digit = i, false
				}
				digit = digit || unicode.IsDigit(r)
				continue
			}
			if start >= 0 {
				word(t[start:i], digit)
				start = -1
			}
		}
		if start >= 0 { // the last word (the text was not copied to end it with a space)
			word(t[start:], digit)
		}
	}
}

var seenPool = sync.Pool{New: func() any { return map[string]struct{}{} }}

// vocabFold is fold, a letter at a time (the index's tokenizer folds a letter at a
// time too), with each letter beyond ASCII folded once and remembered: a transform
// per word made filling the vocabulary of 100 000 items take seconds.
func vocabFold(w string) string {
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
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if r < utf8.RuneSelf {
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		f, ok := foldedRunes.Load(r)
		if !ok {
			f = fold(string(r))
			foldedRunes.Store(r, f)
		}
		b.WriteString(f.(string))
	}
	return b.String()
}

var foldedRunes sync.Map // rune → its fold

// wordDelta is a change to the vocabulary's counts: word → rows added minus removed.
type wordDelta map[string]int

// add counts the words of one index row's texts in (sign 1) or out (sign -1).
func (d wordDelta) add(sign int, texts ...string) {
	vocabWords(func(w string) { d[w] += sign }, texts...)
}

// addRecords counts in (sign 1) or out (sign -1) the words that src's records matching
// where (an SQL condition over the table, with args) have in the index: the texts of
// the live ones not in the backlog (search_backlog.go). The index keeps no copy of them (migration 0010): a record's words are
// counted out before the record is written.
func (d wordDelta) addRecords(ctx context.Context, q queryer, sign int, src indexSource, where string, args ...any) error {
	rows, err := q.QueryContext(ctx, src.indexed(where), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rowid int64
		var title, body sql.NullString
		if err := rows.Scan(&rowid, &title, &body); err != nil {
			return err
		}
		d.add(sign, title.String, body.String)
	}
	return rows.Err()
}

// vocabChunk bounds the words written by one statement.
const vocabChunk = 5000

// apply writes the change: counts added, and words whose count is 0 or less deleted.
func (d wordDelta) apply(ctx context.Context, tx *sql.Tx) error {
	chunk := make(map[string]int, min(len(d), vocabChunk))
	var gone []string
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		b, err := json.Marshal(chunk)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_words(word, n) SELECT key, value FROM json_each(?) WHERE true
			ON CONFLICT(word) DO UPDATE SET n = n + excluded.n`, string(b)); err != nil {
			return fmt.Errorf("updating the search index's words: %w", err)
		}
		clear(chunk)
		return nil
	}
	for w, n := range d {
		if n == 0 {
			continue
		}
		if n < 0 {
			gone = append(gone, w)
		}
		chunk[w] = n
		if len(chunk) >= vocabChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	for len(gone) > 0 {
		part := gone[:min(len(gone), vocabChunk)]
		gone = gone[len(part):]
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_words WHERE word IN (SELECT value FROM json_each(?)) AND n <= 0`,
			jsonList(part)); err != nil {
			return fmt.Errorf("updating the search index's words: %w", err)
		}
	}
	return nil
}

// log appends the change to the log (nothing when it changes no count), as lines of
// "word n" (a word has no white space).
func (d wordDelta) log(ctx context.Context, tx *sql.Tx) error {
	var b strings.Builder
	for w, n := range d {
		if n != 0 {
			b.WriteString(w)
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(n))
			b.WriteByte('\n')
		}
	}
	if b.Len() == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO search_words_log(delta) VALUES (?)`, b.String())
	return err
}

// readLog adds every logged change to d.
func (d wordDelta) readLog(ctx context.Context, q queryer) error {
	rows, err := q.QueryContext(ctx, `SELECT delta FROM search_words_log`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
			w, count, ok := strings.Cut(line, " ")
			n, err := strconv.Atoi(count)
			if !ok || err != nil {
				return fmt.Errorf("the search index's word log is damaged: %q", line)
			}
			d[w] += n
		}
	}
	return rows.Err()
}

// applyWithLog is apply with the logged changes added to d first, and the log emptied:
// a count written directly must not meet a word whose rows are still only in the log
// (counted out here with its count in the table at 0, the word's row would be deleted
// and the log's +1 would keep it in the vocabulary once no record holds it).
func (d wordDelta) applyWithLog(ctx context.Context, tx *sql.Tx) error {
	var logged bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM search_words_log)`).Scan(&logged); err != nil {
		return err
	}
	if !logged {
		return d.apply(ctx, tx)
	}
	if err := d.readLog(ctx, tx); err != nil {
		return err
	}
	if err := d.apply(ctx, tx); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM search_words_log`)
	return err
}

// applySearchWordsLog adds the logged changes to the counts and empties the log.
func applySearchWordsLog(ctx context.Context, tx *sql.Tx) error {
	return wordDelta{}.applyWithLog(ctx, tx)
}

// dropIndexRows removes the index rows of src's records matching where (an SQL
// condition over the table, with args), and their words from the vocabulary, before
// the records themselves are deleted.
func dropIndexRows(ctx context.Context, tx *sql.Tx, src indexSource, where string, args ...any) error {
	d := wordDelta{}
	if err := d.addRecords(ctx, tx, -1, src, where, args...); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search WHERE rowid IN (SELECT `+src.rowid+` FROM `+src.table+
		` WHERE `+src.only+` AND (`+where+`))`, args...); err != nil {
		return err
	}
	// and leaves them out of the backlog: never to be indexed (search_backlog.go)
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_backlog WHERE row IN (SELECT `+src.rowid+` FROM `+src.table+
		` WHERE `+src.only+` AND (`+where+`))`, args...); err != nil {
		return err
	}
	return d.applyWithLog(ctx, tx)
}

// metaSearchWords is set ('rebuild') by migrations 0007 and 0010: the vocabulary is to
// be filled from the indexed records when the database is next opened.
const metaSearchWords = "search_words"

// rebuildSearchWords fills the vocabulary again from every indexed record (what the
// index holds), and clears the mark that asks for it.
func rebuildSearchWords(ctx context.Context, tx *sql.Tx) error {
	for _, table := range []string{"search_words", "search_words_log"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
			return err
		}
	}
	d := wordDelta{}
	for _, src := range indexSources {
		if err := d.addRecords(ctx, tx, 1, src, "true"); err != nil {
			return fmt.Errorf("reading the search index's words: %w", err)
		}
	}
	if err := d.apply(ctx, tx); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = ?`, metaSearchWords)
	return err
}

// fillSearchWords fills the vocabulary if a migration asked for it (at open).
func (db *DB) fillSearchWords(ctx context.Context) error {
	var v string
	err := db.writer.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, metaSearchWords).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return rebuildSearchWords(ctx, tx) })
}
