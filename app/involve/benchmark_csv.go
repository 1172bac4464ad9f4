package involve

import (
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxBenchmarkFile caps a benchmark population's CSV file (1 MB).
const MaxBenchmarkFile = 1 << 20

// maxBenchmarkProblems caps the lines a refusal lists.
const maxBenchmarkProblems = 10

// ParseBenchmarkCSV reads a benchmark population's figures from a CSV file's text
// (a hostile input until checked). The first line is the header: category,count
// (code,count or label,count are accepted too); every other line is a category of
// dimension, named by its code or its label in any case, and a count of people: a
// whole number from 0 to 100,000,000, with thousands separators if it is quoted
// ("12,345"). A byte order mark, Windows line ends, quoted labels with commas and
// blank lines are accepted. Anything else refuses the whole file: an EINVALID error
// whose "file" messages start with the line number ("Line 4: …").
func ParseBenchmarkCSV(dimension, text string) ([]BenchmarkShare, error) {
	var pr Problems
	bad := func(line int, msg string) {
		if len(pr) < maxBenchmarkProblems {
			pr.Add("file", "Line "+strconv.Itoa(line)+": "+msg)
		}
	}
	cats := BenchmarkCategories(dimension)
	switch {
	case cats == nil:
		pr.Add("dimension", "Select what the figures count from the list")
		return nil, pr.Err("file")
	case len(text) > MaxBenchmarkFile:
		pr.Add("file", "The file is larger than 1 MB. A benchmark population has at most "+itoa(MaxBenchmarkRows)+" rows: choose the right file.")
		return nil, pr.Err("file")
	case !utf8.ValidString(text):
		pr.Add("file", "The file is not text in UTF-8. Save it from your spreadsheet as “CSV UTF-8” and try again.")
		return nil, pr.Err("file")
	}
	text = strings.TrimPrefix(text, "\uFEFF")
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1 // counted here, with a sentence
	r.ReuseRecord = true
	dimLabel := strings.ToLower(LabelOf(BenchmarkDimensions, dimension))
	var out []BenchmarkShare
	seen := map[string]int{} // code: its line
	header := true
	rows := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil { // FieldPos is only for a record read
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			bad(line, "the quotation marks do not match. Put a label with a comma in it between double quotes, like \"Black, Black British\".")
			break
		}
		line, _ := r.FieldPos(0)
		if header {
			header = false
			h0 := strings.ToLower(strings.TrimSpace(rec[0]))
			if len(rec) != 2 || (h0 != "category" && h0 != "code" && h0 != "label") || strings.ToLower(strings.TrimSpace(rec[1])) != "count" {
				bad(line, "the first line must be the header category,count (or code,count, or label,count).")
				break
			}
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line (csv skips empty ones; this one had spaces)
		}
		if rows++; rows > MaxBenchmarkRows { // said even when other lines were wrong
			pr.Add("file", "Line "+strconv.Itoa(line)+": the file has more than "+itoa(MaxBenchmarkRows)+" rows of figures.")
			break
		}
		if len(rec) != 2 {
			bad(line, "each line must have 2 values, a category and a count, not "+strconv.Itoa(len(rec))+". Put a label with a comma in it between double quotes.")
			continue
		}
		name, count := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if msg := benchmarkLabelProblem(name); msg != "" {
			bad(line, msg)
			continue
		}
		code := BenchmarkCategoryCode(dimension, name)
		if code == "" {
			bad(line, "“"+shortTitle(name, "?")+"” is not a category of "+dimLabel+". Use a code or a label from the list on the screen.")
			continue
		}
		if first, dup := seen[code]; dup {
			bad(line, LabelOf(cats, code)+" is on line "+strconv.Itoa(first)+" already.")
			continue
		}
		seen[code] = line
		n, msg := benchmarkCount(count)
		if msg != "" {
			bad(line, msg)
			continue
		}
		out = append(out, BenchmarkShare{Category: code, Count: n})
	}
	if header && len(pr) == 0 {
		pr.Add("file", "The file is empty. It needs the header category,count and a line for each category.")
	}
	if len(pr) == 0 && len(out) == 0 {
		pr.Add("file", "The file has a header but no figures. Add a line for each category, like Lambeth,317498.")
	}
	if len(pr) == 0 {
		total := 0
		for _, s := range out {
			total += s.Count
		}
		if total == 0 {
			pr.Add("file", "The counts add up to 0: a benchmark population needs people in it.")
		}
	}
	if err := pr.Err("file"); err != nil {
		return nil, err
	}
	return out, nil
}

// benchmarkLabelProblem refuses a category that a spreadsheet would run as a formula,
// or with control characters in it ("" when it is fine).
func benchmarkLabelProblem(name string) string {
	if name == "" {
		return "the category is empty."
	}
	if strings.ContainsAny(name[:1], "=+-@") {
		return "a category must not start with =, +, - or @ (a spreadsheet would run it as a formula)."
	}
	for _, c := range name {
		if unicode.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') {
			return "the category has a control character in it."
		}
	}
	return ""
}

// benchmarkCount reads a count: digits, with commas between groups of three
// ("12,345"); a message when it is not one.
func benchmarkCount(s string) (int, string) {
	const msg = "the count must be a whole number of people from 0 to 100,000,000, like 12345 or \"12,345\"."
	if s == "" {
		return 0, "the count is empty; " + msg
	}
	plain := s
	if strings.Contains(s, ",") {
		groups := strings.Split(s, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return 0, msg
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, msg
			}
		}
		plain = strings.Join(groups, "")
	}
	if len(plain) > 9 {
		return 0, msg
	}
	for _, c := range plain {
		if c < '0' || c > '9' {
			return 0, msg
		}
	}
	n, err := strconv.Atoi(plain)
	if err != nil || n > MaxBenchmarkCount {
		return 0, msg
	}
	return n, ""
}
