package syncer

import (
	"errors"
	"strings"
	"time"
	"unicode"

	"github.com/hin-south-london/involve/app/syncapi"
)

// Messages for a quota's refusal when the server's answer says nothing.
const (
	MsgStorageQuota = "The server did not take your changes: your team's data has reached its storage quota. Your work is safe on this laptop. Ask your administrator to raise the team's quota."
	MsgDailyQuota   = "The server did not take your changes: this laptop has sent as many changes today as the server takes from one laptop a day. Your work is safe on this laptop; Involve will send them tomorrow."
)

// StorageQuotaRetry is how long the engine waits after a push refused by the team's
// storage quota before it tries again: only an administrator can help, so it does not
// retry quickly (Sync now tries at once).
const StorageQuotaRetry = 30 * time.Minute

// maxQuotaMessage bounds the server's message shown to the user.
const maxQuotaMessage = 600

// IsQuota reports a push refused by a quota (syncapi.ESTORAGEQUOTA or EDAILYQUOTA).
// The engine stops sending, still pulls, shows the server's message and tries again
// only when the quota may allow it (Retry-After, or StorageQuotaRetry).
func IsQuota(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Status == 0 || e.API == nil {
		return false
	}
	return e.API.Code == syncapi.ESTORAGEQUOTA || e.API.Code == syncapi.EDAILYQUOTA
}

// quotaMessage is the server's message (it says what happened and that the work is
// safe), on one line and of a sensible length, or ours if it sent none.
func quotaMessage(e *Error) string {
	m := strings.Join(strings.FieldsFunc(e.API.Message, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	if r := []rune(m); len(r) > maxQuotaMessage {
		m = string(r[:maxQuotaMessage]) + "…"
	}
	switch {
	case m != "":
		return m
	case e.API.Code == syncapi.EDAILYQUOTA:
		return MsgDailyQuota
	}
	return MsgStorageQuota
}

// quotaWait is how long to wait after a quota's refusal: the server's Retry-After (the
// next UTC day for the daily quota, so at most a day and an hour), else
// StorageQuotaRetry.
func quotaWait(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) && e.RetryAfter > 0 {
		return min(e.RetryAfter, 25*time.Hour)
	}
	return StorageQuotaRetry
}
