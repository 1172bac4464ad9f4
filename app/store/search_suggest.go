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
	if len(pieces) > 12 {
		pieces = pieces[:12]
	}
	changed := false
	for i, p := range pieces {
		words := strings.FieldsFunc(p, isSep)
		for j, w := range words {
			better, err := db.suggestWord(ctx, w, j == len(words)-1)
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

// suggestWord returns the word to offer instead of w, or "" to leave it. typing: w
// matches as a prefix.
func (db *DB) suggestWord(ctx context.Context, w string, typing bool) (string, error) {
	n := utf8.RuneCountInString(w)
	if n < minSuggestRunes || n > maxVocabRunes || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
		return "", nil
	}
	f := fold(w)
	var own int
	err := db.reader.QueryRowContext(ctx, `SELECT n FROM search_words WHERE word = ?`, f).Scan(&own)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	if own >= rareWord {
		return "", nil
	}
	if typing {
		var longer int
		err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM search_words WHERE word > ?1 AND word < ?1 || ?2 LIMIT 1)`,
			f, string(utf8.MaxRune)).Scan(&longer)
		if err != nil {
			return "", err
		}
		if longer > 0 {
			return "", nil
		}
	}
	maxEdits := 2
	if n <= 5 {
		maxEdits = 1
	}
	runes := []rune(f)
	starts := []string{string(runes[0])}
	if runes[1] != runes[0] {
		starts = append(starts, string(runes[1]))
	}
	best, bestN, bestD := "", 0, maxEdits+1
	for _, start := range starts {
		var list sql.NullString
		// one row: the words and their counts, "word n" per line (a word has no spaces)
		if err := db.reader.QueryRowContext(ctx, `SELECT group_concat(word || ' ' || n, char(10)) FROM search_words
			WHERE word >= ?1 AND word < ?1 || ?2 AND length(word) BETWEEN ?3 AND ?4 AND n > ?5`,
			start, string(utf8.MaxRune), n-maxEdits, n+maxEdits, own).Scan(&list); err != nil {
			return "", err
		}
		for _, line := range strings.Split(list.String, "\n") {
			word, count, ok := strings.Cut(line, " ")
			if !ok || word == f {
				continue
			}
			c, _ := strconv.Atoi(count)
			if own > 0 && c < rareRatio*own {
				continue
			}
			d := editDistance(runes, []rune(word), maxEdits)
			if d < bestD || (d == bestD && (c > bestN || (c == bestN && word < best))) {
				best, bestN, bestD = word, c, d
			}
		}
	}
	return best, nil
}

// editDistance is the optimal string alignment distance between a and b (letters
// added, removed, changed, or two next to each other swapped), or max+1 when it is
// more than max.
func editDistance(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
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
