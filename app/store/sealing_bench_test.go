package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// partners500 is a store with 500 partners, each with a consent record (sealed).
func partners500(b *testing.B) *store.DB {
	b.Helper()
	db := storetest.Open(b)
	for i := 0; i < 500; i++ {
		if _, _, err := db.CreateContributor(context.Background(), &involve.Contributor{Name: fmt.Sprintf("Partner %d Testperson", i),
			ContactDetails: fmt.Sprintf("partner%d@example.org", i), AccessNeeds: "Large print", PaymentPreference: "payroll"},
			lepConsent()); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkPeopleList500: the People list of 500 partners, every sealed field opened.
func BenchmarkPeopleList500(b *testing.B) {
	db := partners500(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if list, err := db.FindContributors(context.Background()); err != nil || len(list) != 500 {
			b.Fatal(len(list), err)
		}
	}
}

// BenchmarkSaveContributorSealed: saving a partner's edit form (sealed on write).
func BenchmarkSaveContributorSealed(b *testing.B) {
	db := partners500(b)
	list, err := db.FindContributors(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	c := list[0].Contributor
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		edited := c
		edited.AccessNeeds = fmt.Sprintf("Large print, edit %d", i)
		if _, err := db.UpdateContributor(context.Background(), c.ID, nil, &edited); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStoreUnlock: the store's part of unlocking (the team key opened; the
// upgrade done already), not the passphrase's key derivation.
func BenchmarkStoreUnlock(b *testing.B) {
	db := partners500(b)
	ctx := context.Background()
	key, err := db.UnwrapLockKey(ctx, storetest.Passphrase)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db.Lock()
		if err := db.Unlock(ctx, key); err != nil {
			b.Fatal(err)
		}
	}
}
