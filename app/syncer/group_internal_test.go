package syncer

import "testing"

// TestGroupSize: a group is about pushGroupChanges changes in whole pushes of the
// server's MaxBatch, at least one push and at most pushGroup of them.
func TestGroupSize(t *testing.T) {
	for _, c := range []struct{ maxBatch, want int }{
		{1000, 10_000}, {2500, 10_000}, {3000, 9000}, {20_000, 20_000}, {4, 40}, {1, 10}, {0, 0},
	} {
		if got := groupSize(c.maxBatch); got != c.want {
			t.Errorf("MaxBatch %d: a group of %d, want %d", c.maxBatch, got, c.want)
		}
	}
}
