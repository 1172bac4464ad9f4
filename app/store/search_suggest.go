package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// "Did you mean …?": a word of a search that the index does not have (or has in only a
// row or two) is matched against the index's vocabulary (search_words.go), offline, and
// the closest word offered in its place ("interpretor" → "interpreter").
//
// The rule: words of 4 or more letters (no digits) are checked. A word the vocabulary
// has in at least rareWord rows, or, for the word being typed (the last of each
// space-separated piece, which matches as a prefix), a word that begins a longer word
// of the vocabulary, is known and left alone. For the others the candidates are the
// vocabulary's words that begin with the same letter, or with the word's second letter
// (a letter added or swapped at the start), and are at most 1 edit away (words of 4 or
// 5 letters) or 2 (longer): a letter added, removed, changed or two next to each other
// swapped. The nearest wins; among equally near ones, the word in more rows. A word the
// vocabulary has once or twice is replaced only by a word in at least rareRatio times
// as many rows.

const (
	minSuggestRunes = 4
	rareWord        = 3
	rareRatio       = 10
)

// SuggestSearch returns q with each misspelt word replaced by the vocabulary's closest
// word, or "" when there is nothing to suggest.
func (db *DB) SuggestSearch(ctx context.Context, q string) (string, error) {
	pieces := strings.Fields(q)
	var pending wordDelta // the logged changes of the counts, read once if needed
	changed := false
	for i, p := range pieces[:min(len(pieces), 12)] { // as many as the search reads (matchQuery)
		words := strings.FieldsFunc(p, isSep)
		for j, w := range words {
			n := utf8.RuneCountInString(w)
			if n < minSuggestRunes || n > maxVocabRunes || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
				continue
			}
			if pending == nil {
				pending = wordDelta{}
				if err := pending.readLog(ctx, db.reader); err != nil {
					return "", err
				}
			}
			better, err := db.suggestWord(ctx, vocabFold(w), j == len(words)-1, pending)
			if err != nil {
				return "", err
			}
			if better != "" {
				pieces[i] = strings.Replace(pieces[i], w, better, 1)
				changed = true
			}
		}
	}
	if !changed {
		return "", nil
	}
	return strings.Join(pieces, " "), nil
}

// suggestWord returns the word to offer instead of the folded word f, or "" to leave
// it. typing: f matches as a prefix. A word's count is its count in search_words plus
// its logged changes (pending).
func (db *DB) suggestWord(ctx context.Context, f string, typing bool, pending wordDelta) (string, error) {
	last := string(utf8.MaxRune)
	var stored int
	err := db.reader.QueryRowContext(ctx, `SELECT n FROM search_words WHERE word = ?`, f).Scan(&stored)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	own := max(0, stored+pending[f])
	if own >= rareWord {
		return "", nil
	}
	if typing {
		// being typed: known when a longer word begins with it
		rows, err := db.reader.QueryContext(ctx, `SELECT word, n FROM search_words WHERE word > ?1 AND word < ?1 || ?2 LIMIT 20`, f, last)
		if err != nil {
			return "", err
		}
		longer := false
		for rows.Next() {
			var w string
			var n int
			if err := rows.Scan(&w, &n); err != nil {
				rows.Close()
				return "", err
			}
			longer = longer || n+pending[w] > 0
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
		for w, n := range pending {
			longer = longer || (n > 0 && w != f && strings.HasPrefix(w, f))
		}
		if longer {
			return "", nil
		}
	}
	runes := []rune(f)
	n := len(runes)
	maxEdits := 2
	if n <= 5 {
		maxEdits = 1
	}
	starts := []string{string(runes[0])}
	if runes[1] != runes[0] {
		starts = append(starts, string(runes[1]))
	}
	counts := map[string]int{} // candidates: stored count
	for _, start := range starts {
		var list sql.NullString
		// one row: the words and their counts, "word n" per line (a word has no spaces)
		if err := db.reader.QueryRowContext(ctx, `SELECT group_concat(word || ' ' || n, char(10)) FROM search_words
			WHERE word >= ?1 AND word < ?1 || ?2 AND length(word) BETWEEN ?3 AND ?4`,
			start, last, n-maxEdits, n+maxEdits).Scan(&list); err != nil {
			return "", err
		}
		for _, line := range strings.Split(list.String, "\n") {
			if word, count, ok := strings.Cut(line, " "); ok {
				counts[word], _ = strconv.Atoi(count)
			}
		}
		for w := range pending { // words added since the log was last applied
			if _, ok := counts[w]; !ok && strings.HasPrefix(w, start) {
				counts[w] = 0
			}
		}
	}
	best, bestN, bestD := "", 0, maxEdits+1
	var ed editor
	for word, stored := range counts {
		c := stored + pending[word]
		if word == f || c <= own || c <= 0 || (own > 0 && c < rareRatio*own) {
			continue
		}
		d := ed.distance(runes, word, maxEdits)
		if d > maxEdits {
			continue
		}
		if d < bestD || (d == bestD && (c > bestN || (c == bestN && word < best))) {
			best, bestN, bestD = word, c, d
		}
	}
	return best, nil
}

// editor computes edit distances, reusing its buffers from one word to the next (a
// search may compare a few thousand words).
type editor struct {
	b                []rune
	prev2, prev, cur []int
}

// distance is the optimal string alignment distance between a and b (letters added,
// removed, changed, or two next to each other swapped), or max+1 when it is more than
// max.
func (e *editor) distance(a []rune, word string, max int) int {
	b := e.b[:0]
	for _, r := range word {
		b = append(b, r)
	}
	e.b = b
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	if cap(e.cur) < len(b)+1 {
		e.prev2, e.prev, e.cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev2, prev, cur := e.prev2[:len(b)+1], e.prev[:len(b)+1], e.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], max+1)
}
