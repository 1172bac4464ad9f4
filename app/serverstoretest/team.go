package serverstoretest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
)

func testTeams(t *testing.T, s serverstore.Store) {
	a := mustTeam(t, s, "team-b-id", "South London")
	b := mustTeam(t, s, "team-a-id", "North East")
	got, err := s.FindTeam(ctx(), a.ID)
	if err != nil || got.ID != a.ID || got.Name != a.Name || !got.CreatedAt.Equal(t0) {
		t.Errorf("FindTeam(id) = %+v, %v; want %+v", got, err, a)
	}
	got, err = s.FindTeam(ctx(), "North East")
	if err != nil || got.ID != b.ID {
		t.Errorf("FindTeam(name) = %+v, %v; want %s", got, err, b.ID)
	}
	if _, err := s.FindTeam(ctx(), "nobody"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("FindTeam(unknown) error = %v, want ErrNotFound", err)
	}
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: "team-c-id", Name: "South London", CreatedAt: t0}); err == nil {
		t.Error("CreateTeam with a name already used: no error")
	}
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: a.ID, Name: "Other", CreatedAt: t0}); err == nil {
		t.Error("CreateTeam with an id already used: no error")
	}
	list, err := s.ListTeams(ctx())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tm := range list {
		names = append(names, tm.Name)
	}
	if want := []string{"North East", "South London"}; !reflect.DeepEqual(names, want) {
		t.Errorf("ListTeams = %v, want %v (by name)", names, want)
	}
}
