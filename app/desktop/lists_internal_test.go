package desktop

import (
	"encoding/json"
	"testing"
)

func TestWithEmptyLists(t *testing.T) {
	type inner struct {
		Tags   []string       `json:"tags"`
		Counts map[string]int `json:"counts"`
		Raw    []byte         `json:"raw"`
	}
	type outer struct {
		Items  []inner  `json:"items"`
		Ptr    *inner   `json:"ptr"`
		Nil    *inner   `json:"nil"`
		Hidden []string `json:"-"`
		Any    any      `json:"any"`
	}
	shared := []inner{{}}
	in := outer{Items: shared, Ptr: &inner{}, Any: inner{}}
	got, _ := json.Marshal(withEmptyLists(in))
	want := `{"items":[{"tags":[],"counts":{},"raw":null}],"ptr":{"tags":[],"counts":{},"raw":null},"nil":null,"any":{"tags":[],"counts":{},"raw":null}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if shared[0].Tags != nil || in.Ptr.Tags != nil {
		t.Error("the value passed in was changed; want a copy")
	}
}
