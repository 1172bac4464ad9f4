package syncwire

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// feedbackTexts are strings that encoding/json writes in each of its ways: plain, the
// two-byte escapes, \u00XX for other control characters and <, > and &, U+2028 and
// U+2029 escaped, invalid UTF-8 as \ufffd, valid non-ASCII as it is; and each at the
// edges of AppendString's eight bytes at a time.
var feedbackTexts = func() []string {
	specials := []string{"", "a", "\"", "\\", "/", "<", ">", "&", "\b", "\f", "\n", "\r", "\t", "\x00", "\x01", "\x1f",
		"\x7f", "\u2028", "\u2029", "\u2027", "\u202a", "\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xc0\xaf", "\ufffd", "é", "£", "😀", "\U0010ffff", "\u0085", "\u00a0", "\ufeff"}
	out := []string{"The café was too loud", "A&E <b>waited</b> 2 hours", "line 1\nline 2\r\n\tend", "0193a5c2-7d6e-7b3a-9c1d-2f4e5a6b7c8d",
		"2026-12-07T10:00:00.000Z", strings.Repeat("x", 20_000), strings.Repeat("é", 300) + "<", "\"quoted\" \\ back\\slash"}
	for _, s := range specials {
		out = append(out, s)
		for _, n := range []int{1, 6, 7, 8, 9, 15, 16, 17} {
			out = append(out, strings.Repeat("a", n)+s, s+strings.Repeat("b", n), strings.Repeat("c", n)+s+strings.Repeat("d", n))
		}
	}
	return out
}()

// randomText is a string of up to 40 bytes drawn from feedbackTexts' pieces and
// random bytes.
func randomText(r *rand.Rand) string {
	var b strings.Builder
	for n := r.IntN(6); n > 0; n-- {
		switch r.IntN(4) {
		case 0:
			b.WriteByte(byte(r.IntN(256)))
		case 1:
			b.WriteRune(rune(r.IntN(0x110000)))
		default:
			s := feedbackTexts[r.IntN(len(feedbackTexts))]
			b.WriteString(s[:min(len(s), 40)])
		}
	}
	return b.String()
}

// fillRandom sets every field of v (a struct, through Meta and FeedbackInput) at
// random, by reflection: a field added to involve.Feedback gets a value too, and the
// comparison with json.Marshal fails until AppendFeedback writes it. A field of a type
// it does not know fails the test.
func fillRandom(t testing.TB, v reflect.Value, r *rand.Rand) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			fillRandom(t, v.Field(i), r)
		}
	case reflect.String:
		if r.IntN(4) > 0 { // empty a quarter of the time (deletedAt, teamId: omitempty)
			v.SetString(randomText(r))
		} else {
			v.SetString("")
		}
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 1)
	case reflect.Int, reflect.Int64:
		ns := []int64{0, 1, -1, 7, math.MaxInt64, math.MinInt64, r.Int64(), -r.Int64(), int64(r.IntN(6))}
		v.SetInt(ns[r.IntN(len(ns))])
	case reflect.Pointer:
		if r.IntN(3) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fillRandom(t, p.Elem(), r)
		v.Set(p)
	case reflect.Slice:
		switch r.IntN(4) {
		case 0:
			v.SetZero() // nil: null
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0)) // empty: []
		default:
			s := reflect.MakeSlice(v.Type(), 1+r.IntN(4), 4)
			for i := range s.Len() {
				fillRandom(t, s.Index(i), r)
			}
			v.Set(s)
		}
	default:
		t.Fatalf("fillRandom: a field of kind %s in involve.Feedback: AppendFeedback must learn it", v.Kind())
	}
}

// checkAppendFeedback fails at once (with both outputs) when AppendFeedback does not
// write json.Marshal's bytes for f, or does not append to what dst held.
func checkAppendFeedback(t testing.TB, f *involve.Feedback) {
	t.Helper()
	want, err := json.Marshal(f)
	if err != nil {
		t.Fatalf("json.Marshal(%+v): %v", f, err)
	}
	got := AppendFeedback([]byte("x"), f)
	if string(got) != "x"+string(want) {
		t.Fatalf("AppendFeedback(%+v) wrote\n%q\njson.Marshal wrote\n%q", f, got[min(1, len(got)):], want)
	}
	checkStampFeedback(t, f, f.TeamID, f.Rev, f.UpdatedAt, want)
}

// checkStampFeedback: StampFeedback writes json.Marshal of f with the stamps given
// (f unchanged), and says sent is as sent exactly when it is json.Marshal(f).
func checkStampFeedback(t testing.TB, f *involve.Feedback, team string, rev int64, at string, sent []byte) {
	t.Helper()
	g := *f
	g.TeamID, g.Rev, g.UpdatedAt = team, rev, at
	want, err := json.Marshal(&g)
	if err != nil {
		t.Fatal(err)
	}
	own, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	was := *f
	got, asSent := StampFeedback([]byte("x"), f, team, rev, at, sent)
	if string(got) != "x"+string(want) || asSent != (string(sent) == string(own)) || !reflect.DeepEqual(*f, was) {
		t.Fatalf("StampFeedback(%+v, %q, %d, %q, %q) = %q, %v; json.Marshal of the record stamped\n%q\nas sent: %v",
			f, team, rev, at, sent, got[min(1, len(got)):], asSent, want, string(sent) == string(own))
	}
}

func TestAppendFeedbackIsMarshal(t *testing.T) {
	checkAppendFeedback(t, &involve.Feedback{})
	zero, one, big := 0, 1, math.MaxInt
	// Every edge-case string in every string field, the others plain.
	base := involve.Feedback{Meta: involve.Meta{ID: "f1", CreatedAt: "2026-12-07T09:00:00.000Z", UpdatedAt: "2026-12-07T09:00:00.000Z",
		CreatedBy: "Ann", DeviceID: "d1", Rev: 12}, FeedbackInput: involve.FeedbackInput{SessionID: "s1", Text: "text",
		Themes: []string{"waiting"}, Source: "comment_card"}, CapturedBy: "Ann"}
	var strs []*string
	var collect func(v reflect.Value)
	collect = func(v reflect.Value) {
		for i := range v.NumField() {
			switch fv := v.Field(i); fv.Kind() {
			case reflect.Struct:
				collect(fv)
			case reflect.String:
				strs = append(strs, fv.Addr().Interface().(*string))
			}
		}
	}
	f := base
	collect(reflect.ValueOf(&f).Elem())
	if len(strs) != 14 {
		t.Fatalf("involve.Feedback has %d string fields, not 14: check AppendFeedback writes them all", len(strs))
	}
	for _, p := range strs {
		for _, s := range feedbackTexts {
			f = base
			*p = s
			checkAppendFeedback(t, &f)
		}
	}
	for _, s := range feedbackTexts {
		f = base
		f.Themes = []string{s, "a", s}
		checkAppendFeedback(t, &f)
	}
	for _, rating := range []*int{nil, &zero, &one, &big} {
		for _, themes := range [][]string{nil, {}, {""}, {"a", "b"}} {
			for _, b := range []bool{false, true} {
				f = base
				f.Rating, f.Themes, f.QuoteConsent, f.NeedsResponse, f.Answered = rating, themes, b, !b, b
				f.Rev = map[bool]int64{false: math.MinInt64, true: math.MaxInt64}[b]
				checkAppendFeedback(t, &f)
			}
		}
	}
	// And random items, every field set by reflection.
	r := rand.New(rand.NewPCG(17, 2026))
	n := 20_000
	if testing.Short() {
		n = 2_000
	}
	for range n {
		var f involve.Feedback
		fillRandom(t, reflect.ValueOf(&f).Elem(), r)
		checkAppendFeedback(t, &f)
	}
}

// TestAppendFeedbackOfDecoded: a state json.Marshal wrote, decoded by DecodeFeedback
// (the server's usual path), is written again as it came.
func TestAppendFeedbackOfDecoded(t *testing.T) {
	for i := range 100 {
		state := benchFeedback(i)
		var f involve.Feedback
		if !DecodeFeedback(state, &f) {
			t.Fatalf("%s: not decoded", state)
		}
		if got := AppendFeedback(nil, &f); string(got) != string(state) {
			t.Fatalf("decoded and written again\n%s\nsent\n%s", got, state)
		}
	}
}

func FuzzAppendFeedback(f *testing.F) {
	for i, s := range feedbackTexts {
		f.Add(s, "0193a5c2", feedbackTexts[(i*7)%len(feedbackTexts)], int64(i-20), i%7-1, i%3 == 0, i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, text, id, theme string, rev int64, rating int, hasRating, b bool) {
		fb := involve.Feedback{Meta: involve.Meta{ID: id, CreatedAt: theme, UpdatedAt: text, CreatedBy: text, DeviceID: id, Rev: rev},
			FeedbackInput: involve.FeedbackInput{SessionID: id, Text: text, Source: theme, QuoteConsent: b, NeedsResponse: !b,
				AgeBand: text, EthnicGroup: id, Borough: theme, Answered: b}, CapturedBy: text}
		if hasRating {
			fb.Rating = &rating
		}
		if b {
			fb.DeletedAt, fb.TeamID, fb.Themes = text, id, []string{theme, text}
		} else if hasRating {
			fb.Themes = []string{}
		}
		checkAppendFeedback(t, &fb)
	})
}

// The server's shortcut (app/server pushstamp.go): a state that is AppendFeedback's
// bytes for a record has, by SameFields, the fields of the record written again with
// other stamps (team, revision, update time; the team left out or not).
func TestRestampedFeedbackHasSameFields(t *testing.T) {
	r := rand.New(rand.NewPCG(29, 2026))
	for range 5_000 {
		var f involve.Feedback
		fillRandom(t, reflect.ValueOf(&f).Elem(), r)
		sent := AppendFeedback(nil, &f)
		var g involve.Feedback
		fillRandom(t, reflect.ValueOf(&g.Meta).Elem(), r)
		f.TeamID, f.Rev, f.UpdatedAt = g.TeamID, g.Rev, g.UpdatedAt
		if stamped := AppendFeedback(nil, &f); !SameFields(sent, stamped) {
			t.Fatalf("SameFields(%q, %q) is false", sent, stamped)
		}
	}
}

// StampFeedback against json.Marshal, with random stamps and states sent that are
// AppendFeedback's bytes or not quite.
func TestStampFeedback(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 2026))
	for range 5_000 {
		var f, g involve.Feedback
		fillRandom(t, reflect.ValueOf(&f).Elem(), r)
		fillRandom(t, reflect.ValueOf(&g.Meta).Elem(), r)
		own := AppendFeedback(nil, &f)
		other := f
		other.TeamID, other.Rev, other.UpdatedAt = g.TeamID, g.Rev, g.UpdatedAt
		i := r.IntN(len(own))
		for _, sent := range [][]byte{own, AppendFeedback(nil, &other), own[:i], own[i+1:], append(own[:i:i], own[i:]...),
			append(append(own[:i:i], 'x'), own[i:]...), append(own[:i:i], append([]byte{own[i] ^ 1}, own[i+1:]...)...),
			append(own[:len(own):len(own)], ' '), nil} {
			checkStampFeedback(t, &f, g.TeamID, g.Rev, g.UpdatedAt, sent)
		}
	}
}

// AppendString's escaping of bytes (a pull page's ids from a database row) and of a
// string are encoding/json's.
func TestAppendStringIsMarshal(t *testing.T) {
	r := rand.New(rand.NewPCG(37, 2026))
	texts := append([]string(nil), feedbackTexts...)
	for range 20_000 {
		texts = append(texts, randomText(r))
	}
	for _, s := range texts {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString([]byte("x"), []byte(s)); string(got) != "x"+string(want) {
			t.Fatalf("appendString([]byte(%q)) = %q; json.Marshal %q", s, got[1:], want)
		}
		if got := AppendString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Fatalf("AppendString(%q) = %q; json.Marshal %q", s, got[1:], want)
		}
	}
}
