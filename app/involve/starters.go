package involve

import (
	_ "embed"
	"encoding/json"
)

//go:embed starters/sets.json
var starterSetsJSON []byte

// StarterSets returns the question-set templates Involve ships (as data, in
// starters/sets.json): event feedback, priority setting and co-design reflection. A
// team makes its own set from one; the copy is then theirs to edit.
func StarterSets() []QuestionSet {
	var sets []QuestionSet
	if err := json.Unmarshal(starterSetsJSON, &sets); err != nil {
		panic("involve: starters/sets.json: " + err.Error()) // shipped data; a test reads it
	}
	for i := range sets {
		sets[i].Version = 1
	}
	return sets
}
