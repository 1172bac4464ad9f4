package syncer_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// A push answer is read as encoding/json reads it, whether in the form the server
// writes (read in one pass: syncwire.DecodePushResponse) or another (unknown fields,
// null, other spellings: encoding/json); one cut off half way is a network failure.
func TestClientReadsPushAnswers(t *testing.T) {
	want := syncapi.PushResponse{Since: "4", Cursor: "6", Row: true, Results: []syncapi.Result{
		{ChangeID: "0195a", Status: syncapi.StatusApplied, Rev: 5, UpdatedAt: "2026-11-24T10:00:00Z"},
		{ChangeID: "0195b", Status: syncapi.StatusRejected, Code: "invalid", Reason: `text: "x" is wrong`},
	}}
	for _, c := range []struct{ name, body string }{
		{"the server's form", `{"results":[{"changeId":"0195a","status":"applied","rev":5,"updatedAt":"2026-11-24T10:00:00Z"},` +
			`{"changeId":"0195b","status":"rejected","code":"invalid","reason":"text: \"x\" is wrong"}],"since":"4","cursor":"6","row":true}`},
		{"another form", `{"Results":[{"changeId":"0195a","status":"applied","rev":5,"updatedAt":"2026-11-24T10:00:00Z","conflicts":null,"later":1},` +
			`{"changeId":"0195b","status":"rejected","code":"invalid","reason":"text: \"x\" is wrong"}], "since":"4","cursor":"6","row":true,"more":{}}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(c.body))
			}))
			defer srv.Close()
			got, err := syncer.NewClient(srv.URL, "inv1_fake", srv.Client(), syncer.CompressAuto).Push(context.Background(), nil)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("Push = %+v, %v; want %+v", got, err, want)
			}
		})
	}
	cut := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"results":[{"changeId":"0195a","status":"app`))
	}))
	defer cut.Close()
	if _, err := syncer.NewClient(cut.URL, "inv1_fake", cut.Client(), syncer.CompressAuto).Push(context.Background(), nil); err == nil {
		t.Fatal("an answer cut off half way was read")
	}
}
