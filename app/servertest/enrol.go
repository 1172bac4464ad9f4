package servertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/syncapi"
)

func testEnrolGood(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("South London")
	code := e.Code(tm.ID, time.Hour)
	devID := uuid.Must(uuid.NewV7()).String()
	var resp syncapi.EnrolResponse
	// Codes are typed by people: lower case and missing dashes are fine.
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	e.MustJSON("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: typed, DeviceID: devID, DeviceName: "hin-laptop-12", UserName: "Amira K."}, 200, &resp)
	if !strings.HasPrefix(resp.Token, "inv1_") || len(resp.Token) < 40 || resp.DeviceID != devID ||
		resp.Team.ID != tm.ID || resp.Team.Name != tm.Name || resp.Limits != e.Config.Limits {
		t.Errorf("enrol response = %+v", resp)
	}
	dev, err := e.Store.DeviceByTokenHash(context.Background(), server.HashSecret(resp.Token))
	if err != nil || dev.ID != devID || dev.TeamID != tm.ID {
		t.Errorf("stored device = %+v, %v", dev, err)
	}
	if dev.TokenHash == resp.Token || strings.Contains(dev.TokenHash, resp.Token[5:]) {
		t.Error("the token is stored in clear")
	}
}

func enrolBody(code string) syncapi.EnrolRequest {
	return syncapi.EnrolRequest{Code: code, DeviceID: uuid.Must(uuid.NewV7()).String(), DeviceName: "laptop"}
}

func testEnrolReused(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	code := e.Code(tm.ID, time.Hour)
	e.MustJSON("POST", "/v1/enrol", "", enrolBody(code), 200, nil)
	wantError(t, e.Do("POST", "/v1/enrol", "", enrolBody(code)), 401, syncapi.EUNAUTH)
}

func testEnrolExpired(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	code := e.Code(tm.ID, time.Hour)
	e.Clock.Advance(time.Hour + time.Second)
	msg := wantError(t, e.Do("POST", "/v1/enrol", "", enrolBody(code)), 401, syncapi.EUNAUTH)
	unknown := wantError(t, e.Do("POST", "/v1/enrol", "", enrolBody("AAAA-BBBB-CCCC")), 401, syncapi.EUNAUTH)
	if msg.Message != unknown.Message {
		t.Errorf("expired and unknown codes answer differently (%q, %q): a guesser learns which", msg.Message, unknown.Message)
	}
}

func testEnrolUnknown(t *testing.T, open Open) {
	e := NewEnv(t, open)
	e.Team("T")
	wantError(t, e.Do("POST", "/v1/enrol", "", enrolBody("ZZZZ-ZZZZ-ZZZZ")), 401, syncapi.EUNAUTH)
}

func testEnrolBad(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	code := e.Code(tm.ID, time.Hour)
	wantError(t, e.Do("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: code, DeviceID: "not-a-uuid", DeviceName: "x"}), 400, syncapi.EINVALID)
	wantError(t, e.Do("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: code, DeviceID: uuid.NewString()}), 400, syncapi.EINVALID)
	wantError(t, e.Do("POST", "/v1/enrol", "", []byte(`{"code":`)), 400, syncapi.EINVALID)
	wantError(t, e.Do("POST", "/v1/enrol", "", []byte(`{"code":"x","deviceId":"y","deviceName":"z","admin":true}`)), 400, syncapi.EINVALID)
	// The bad requests did not use the code up.
	e.MustJSON("POST", "/v1/enrol", "", enrolBody(code), 200, nil)
}
