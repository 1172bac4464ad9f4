package syncer

import (
	"context"

	"github.com/hin-south-london/involve/app/syncapi"
)

// ApplyPagesForTest applies pages as one batch of a pull (applyPages), taking feedback
// items to be new while *assume holds (pullnew.go).
func ApplyPagesForTest(ctx context.Context, st Store, pages []syncapi.PullResponse, assume *bool) ([]PullTally, error) {
	batch := make([]*fetchedPage, len(pages))
	for i := range pages {
		batch[i] = &fetchedPage{page: pages[i], decoded: decodePage(st, pages[i].Changes)}
	}
	tallies, _, err := applyPages(ctx, st, batch, nil, nil, assume)
	return tallies, err
}
