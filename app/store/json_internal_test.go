package store

import (
	"encoding/json"
	"strings"
	"testing"
)

// codes writes what json.Marshal writes for a non-empty list.
func TestCodesAsEncodingJSON(t *testing.T) {
	for _, list := range [][]string{{"a"}, {"cost of living", "mental health"}, {""}, {`q"uote\\`, "<b>&</b>", "tab\there", "é ü 漢字", "\u2028\u2029", "bad \xff utf-8", "\x00\x1f"}} {
		want, _ := json.Marshal(list)
		if got := codes(list); got != string(want) {
			t.Errorf("codes(%q) = %s, want %s", list, got, want)
		}
	}
}

func FuzzCodes(f *testing.F) {
	f.Add("a", "b<c>&\u2028")
	f.Add("\xff", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, list := range [][]string{{a}, {a, b}, strings.Fields(a + " " + b)} {
			if len(list) == 0 {
				continue
			}
			want, _ := json.Marshal(list)
			if got := codes(list); got != string(want) {
				t.Fatalf("codes(%q) = %s, want %s", list, got, want)
			}
		}
	})
}
