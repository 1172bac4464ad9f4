package syncwire

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// benchFeedback is a feedback item's state as json.Marshal writes it, of the data set's
// usual size (scripts/bench/gen.mjs): most of what a first pull carries.
func benchFeedback(i int) []byte {
	r := 1 + i%5
	f := involve.Feedback{
		Meta: involve.Meta{ID: fmt.Sprintf("f1cbeae0-0d3b-4ec3-9722-%012d", i), CreatedAt: "2023-11-03T17:31:57.000Z",
			UpdatedAt: "2023-11-03T17:31:57.000Z", CreatedBy: "Ben Z.", DeviceID: "0195f3a4-0000-7000-8000-000000000001", Rev: 1,
			TeamID: "0195f3a4-0000-7000-8000-0000000000aa"},
		FeedbackInput: involve.FeedbackInput{SessionID: "b5eae977-421a-4f49-9b7d-4aadb68db61d",
			Text:   "Osttelge briithpi, pre nessingdor pre an marlala sannu. Verlining ri ul ing ta sole nurse ing room otelpi epidi kari receptionist.",
			Rating: &r, Themes: []string{"communication", "waiting"}, Source: "comment_card", AgeBand: "35-44", EthnicGroup: "Black",
			Borough: "Southwark"},
		CapturedBy: "Ben Z.",
	}
	b, err := json.Marshal(f)
	if err != nil {
		panic(err)
	}
	return b
}

func BenchmarkCompacted(b *testing.B) {
	state := benchFeedback(1)
	b.SetBytes(int64(len(state)))
	for b.Loop() {
		if !Compacted(state) {
			b.Fatal("not compacted")
		}
	}
}

func BenchmarkValid(b *testing.B) {
	state := benchFeedback(1)
	b.SetBytes(int64(len(state)))
	for b.Loop() {
		if !Valid(state) {
			b.Fatal("not valid")
		}
	}
}

// benchPage is a pull page of n feedback items as the server writes it.
func benchPage(n int) []byte {
	w := NewPageWriter(nil)
	for i := range n {
		if err := w.Add(int64(i+1), involve.EntityFeedback, fmt.Sprintf("f1cbeae0-0d3b-4ec3-9722-%012d", i), 1, benchFeedback(i)); err != nil {
			panic(err)
		}
	}
	return w.End("1000", true, "")
}

func BenchmarkPageWriter(b *testing.B) {
	states := make([][]byte, 1000)
	for i := range states {
		states[i] = benchFeedback(i)
	}
	page := benchPage(len(states))
	b.SetBytes(int64(len(page)))
	var buf []byte
	for b.Loop() {
		w := NewPageWriter(buf)
		for i, s := range states {
			if err := w.AddBytes(int64(i+1), []byte(involve.EntityFeedback), s[7:43], 1, s); err != nil {
				b.Fatal(err)
			}
		}
		buf = w.End("1000", true, "")
	}
}

func BenchmarkDecodePullResponse(b *testing.B) {
	page := benchPage(1000)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, ok := DecodePullResponse(page); !ok {
			b.Fatal("not decoded")
		}
	}
}

func BenchmarkDecodeFeedback(b *testing.B) {
	state := benchFeedback(1)
	b.SetBytes(int64(len(state)))
	b.ReportAllocs()
	for b.Loop() {
		var f involve.Feedback
		if !DecodeFeedback(state, &f) {
			b.Fatal("not decoded")
		}
	}
}

// benchFeedbackText is benchFeedback with another text (non-ASCII text costs a string
// scan more than ASCII: each byte of a multi-byte character is looked at alone).
func benchFeedbackText(text string) []byte {
	var f involve.Feedback
	if err := json.Unmarshal(benchFeedback(1), &f); err != nil {
		panic(err)
	}
	f.Text = text
	b, err := json.Marshal(f)
	if err != nil {
		panic(err)
	}
	return b
}

func BenchmarkCompactedNonASCII(b *testing.B) {
	for _, text := range []struct{ name, text string }{
		{"polish", "Pielęgniarka była bardzo miła, ale czekałam ponad dwie godziny na wizytę. Poczekalnia była zimna i nikt nie wyjaśnił opóźnienia."},
		{"bengali", "নার্স খুব ভালো ছিলেন, কিন্তু আমি দুই ঘণ্টার বেশি অপেক্ষা করেছি। কেউ দেরির কারণ ব্যাখ্যা করেনি।"},
		{"quotes", "The nurse said “we’ll call you” – nobody did… It’s the second time this month."},
		{"mixed", "Comment 1: waited <5 mins at the GP's – the A&E \"quick\" triage was kind, café cost £5; naïve signage, more words to reach the usual length."}, // app/server's benchFeedback
	} {
		state := benchFeedbackText(text.text)
		b.Run(text.name, func(b *testing.B) {
			b.SetBytes(int64(len(state)))
			for b.Loop() {
				if !Compacted(state) {
					b.Fatal("not compacted")
				}
			}
		})
	}
}

// BenchmarkAppendFeedback writes the data set's usual feedback item (benchFeedback) as
// the server stamps it: AppendFeedback against json.Marshal of the same item.
func BenchmarkAppendFeedback(b *testing.B) {
	var f involve.Feedback
	if !DecodeFeedback(benchFeedback(1), &f) {
		b.Fatal("not decoded")
	}
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = AppendFeedback(buf[:0], &f)
		}
		b.SetBytes(int64(len(buf)))
	})
	b.Run("json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for b.Loop() {
			buf, err := json.Marshal(&f)
			if err != nil {
				b.Fatal(err)
			}
			n = len(buf)
		}
		b.SetBytes(int64(n))
	})
	b.Run("mixed-text", func(b *testing.B) { // app/server's benchFeedback text: escapes and non-ASCII
		var g involve.Feedback
		if err := json.Unmarshal(benchFeedbackText("Comment 1: waited <5 mins at the GP's – the A&E \"quick\" triage was kind, café cost £5; naïve signage, more words to reach the usual length."), &g); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = AppendFeedback(buf[:0], &g)
		}
		b.SetBytes(int64(len(buf)))
	})
}
