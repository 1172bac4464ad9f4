package servertest

import (
	"testing"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Run runs the whole HTTP suite against stores made by open.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open Open)
	}{
		{"HealthAndReady", testHealth},
		{"Info", testInfo},
		{"EnrolGood", testEnrolGood},
		{"EnrolCodeReused", testEnrolReused},
		{"EnrolCodeExpired", testEnrolExpired},
		{"EnrolCodeUnknown", testEnrolUnknown},
		{"EnrolBadRequest", testEnrolBad},
		{"EnrolTakeoverRefused", testEnrolTakeover},
		{"EnrolBoundCode", testEnrolBoundCode},
		{"EnrolControlCharacters", testEnrolControl},
		{"AuthMissingWrongRevoked", testAuth},
		{"DeviceMe", testDeviceMe},
		{"TouchThrottled", testTouch},
		{"OtherTeamRecordForbidden", testOtherTeam},
		{"PushAppliedAndDuplicate", testPushDuplicate},
		{"PushAnswerRun", testPushRange},
		{"LostResponse", testLostResponse},
		{"RejectedStaysRejected", testRejected},
		{"UnknownEntityAndFields", testUnknownEntity},
		{"EntityMismatch", testEntityMismatch},
		{"StaleRevNotGreater", testStaleRev},
		{"MergeDifferentFields", testMergeFields},
		{"SameFieldConflict", testConflict},
		{"ConflictServerWins", testConflictServerWins},
		{"DeleteVersusEdit", testDeleteVsEdit},
		{"RestoreVersusDelete", testRestoreVsDelete},
		{"ThemesPerTeam", testThemesPerTeam},
		{"PullPagingAndCursor", testPullPaging},
		{"PullBadParameters", testPullBad},
		{"OversizedBody", testOversized},
		{"TooManyChanges", testTooManyChanges},
		{"GzipRequestAndResponse", testGzip},
		{"GzipBomb", testGzipBomb},
		{"MalformedJSON", testMalformed},
		{"UnknownFields", testUnknownFields},
		{"ProtocolHeader", testProtocol},
		{"RateLimit", testRateLimit},
		{"StorageQuota", testStorageQuota},
		{"DailyQuota", testDailyQuota},
		{"QuotaUnderMaxBatch", testQuotaUnderMaxBatch},
		{"AuditOnePerPush", testAudit},
		{"AuditIdentifiablePulls", testAuditPull},
		{"AuditFailedAuthentications", testAuthFailuresAudited},
		{"RolesPull", testRolesPull},
		{"RolesPush", testRolesPush},
		{"RolesPayments", testRolesPayments},
		{"RolesReports", testRolesReports},
		{"RolesSetRole", testRolesSetRole},
		{"RolesRegister", testRolesRegister},
		{"RolesRetention", testRolesRetention},
		{"RolesStandards", testRolesStandards},
		{"ReportWorkbook", testReportWorkbook},
		{"ReportCSV", testReportCSV},
		{"ReportRefused", testReportRefused},
		{"ReportFailsMidStream", testReportFailsMidStream},
		{"ReportOutcomeRecords", testReportDocs},
		{"ReportQuestions", testReportQuestions},
		{"ReportBoardPack", testReportBoardPack},
		{"PseudonymNumbers", testPseudonymNumbers},
		{"RulesConsent", testRulesConsent},
		{"RulesRateCards", testRulesRateCards},
		{"RulesFees", testRulesFees},
		{"RulesQuestionSets", testRulesQuestionSets},
		{"RulesActionTranslations", testRulesActionTranslations},
		{"TeamKey", testTeamKey},
		{"SealedPush", testSealedPush},
		{"SealedReports", testSealedReports},
		{"SealPlainAtStart", testSealPlainAtStart},
		{"SealedMergeJudged", testSealedMergeJudged},
		{"ErasurePartner", testErasurePartner},
		{"ErasureComment", testErasureComment},
		{"ErasureAnswers", testErasureAnswers},
		{"NotFoundIsJSON", testNotFound},
		{"GracefulShutdown", testGracefulShutdown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

func wantError(t *testing.T, r Response, status int, code string) syncapi.Error {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	e := r.Error()
	if e.Code != code || e.Message == "" {
		t.Fatalf("error body %s, want code %q and a message", r.Body, code)
	}
	return e
}

// envWithDevice starts a server over a fresh store with one team, "T", and one of
// its devices enrolled.
func envWithDevice(t *testing.T, open Open, tweak ...func(*server.Config)) (*Env, *Device) {
	t.Helper()
	e := NewEnv(t, open, tweak...)
	return e, e.Enrol(e.Team("T").ID)
}

// envWithTwoDevices is envWithDevice with two devices of the team enrolled.
func envWithTwoDevices(t *testing.T, open Open, tweak ...func(*server.Config)) (*Env, *Device, *Device) {
	t.Helper()
	e := NewEnv(t, open, tweak...)
	tm := e.Team("T")
	return e, e.Enrol(tm.ID), e.Enrol(tm.ID)
}
