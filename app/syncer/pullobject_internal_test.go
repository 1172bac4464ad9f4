package syncer

import (
	"encoding/json"
	"testing"
)

// stateIsObject says what isObject says, without copying the state.
func TestStateIsObjectAsIsObject(t *testing.T) {
	for _, s := range []string{``, ` `, `{}`, ` {"a":1}`, "\t\n\r{", `[]`, `null`, `"{"`, "\u00a0{", "\u0085{", "\u2003{", "\xc2{", "x{", "{ ", "\xa0{"} {
		if got, want := stateIsObject([]byte(s)), isObject(json.RawMessage(s)); got != want {
			t.Errorf("stateIsObject(%q) = %v, isObject %v", s, got, want)
		}
	}
}
