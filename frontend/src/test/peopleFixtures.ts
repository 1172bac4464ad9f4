// Test data shaped like Go's People reference data and records (app/people.go).
import type { Consent, ContributorView, FeePreview, LEPTotals, PeopleReference, RateCard, TimeEntry, TimeEntryView } from '../lib/types';

export const peopleRef: PeopleReference = {
  contactPreferences: [
    { code: 'email', label: 'Email' },
    { code: 'phone', label: 'Phone call' },
  ],
  paymentRoutes: [
    { code: 'payroll', label: 'Payroll' },
    { code: 'voucher', label: 'Voucher' },
    { code: 'declined', label: 'Declined payment' },
  ],
  rateUnits: [
    { code: 'hour', label: 'Hour', hint: 'Pro rata' },
    { code: 'day', label: 'Day' },
    { code: 'task', label: 'Task' },
  ],
  consentPurposes: [
    { code: 'analysis', label: 'Analysis of what they tell us' },
    { code: 'equality_monitoring', label: 'Equality monitoring' },
    { code: 'quotes', label: 'Quoting their words' },
    { code: 'recontact', label: 'Contacting them again' },
    { code: 'payments', label: 'Paying them' },
  ],
  lawfulBases: [
    { code: 'consent', label: 'Consent', hint: 'Article 6(1)(a)' },
    { code: 'public_task', label: 'Public task', hint: 'Article 6(1)(e)' },
  ],
  specialConditions: [{ code: 'explicit_consent', label: 'Explicit consent', hint: 'Article 9(2)(a)' }],
  consentMethods: [
    { code: 'written', label: 'Written (signed form)' },
    { code: 'verbal', label: 'Verbal (recorded by staff)' },
  ],
  consentSubjects: [],
  withdrawnPurposesOff: ['recontact', 'photos', 'quotes'],
};

const meta = { createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z', createdBy: 'Sam', deviceId: 'd1', rev: 1 };

export function contributor(over: Partial<ContributorView> = {}): ContributorView {
  return {
    ...meta,
    id: 'c1',
    name: 'Priya Shah',
    contactPreference: 'email',
    contactDetails: 'priya@example.org',
    accessNeeds: 'Step-free access',
    role: 'Lived Experience Partner',
    agreementStart: '2026-01-01',
    agreementEnd: '',
    livedExperience: ['Type 2 diabetes'],
    paymentPreference: 'payroll',
    declinesPayment: false,
    publicSectorEmployee: false,
    benefitsAdviceOffered: true,
    number: 3,
    pseudonym: 'Contributor 3',
    withdrawn: false,
    purposes: ['analysis', 'payments', 'recontact'],
    canRecontact: true,
    canUsePhotos: false,
    canQuote: false,
    consents: 1,
    ...over,
  };
}

export function consent(over: Partial<Consent> = {}): Consent {
  return {
    ...meta,
    id: 'k1',
    subjectEntity: 'contributor',
    subjectId: 'c1',
    purposes: ['analysis', 'payments', 'recontact'],
    lawfulBasis: 'consent',
    specialCondition: '',
    noticeVersion: 'LEP notice v3',
    method: 'written',
    givenAt: '2026-01-05',
    givenBy: 'Themselves',
    capturedBy: 'Sam',
    withdrawnAt: '',
    ...over,
  };
}

export function rateCard(over: Partial<RateCard> = {}): RateCard {
  return { ...meta, id: 'r1', unit: 'hour', amountPence: 2500, source: 'Policy 2026', effectiveFrom: '2026-04-01', effectiveTo: '', ...over };
}

export function timeEntry(over: Partial<TimeEntryView> = {}): TimeEntryView {
  const e: TimeEntry = {
    ...meta,
    id: 'e1',
    contributorId: 'c1',
    projectId: '',
    sessionId: '',
    task: 'Reviewed leaflet',
    date: '2026-04-02',
    unit: 'hour',
    minutesPrep: 30,
    minutesAttend: 60,
    minutesFollowUp: 0,
    minutesTravel: 0,
    rateCardId: 'r1',
    ratePence: 2500,
    feePence: 3750,
    feeOverridePence: null,
    overrideReason: '',
    expensesPence: 0,
    receiptRef: '',
    claimedOn: '',
    approvedOn: '',
    paidOn: '',
    route: 'payroll',
  };
  return { ...e, minutes: 90, feeDuePence: 3750, projectName: '', sessionTitle: '', ...over };
}

export function feePreview(over: Partial<FeePreview> = {}): FeePreview {
  return {
    rateCardId: 'r1',
    rateTitle: '£25.00 per hour from 1 April 2026',
    ratePence: 2500,
    unit: 'hour',
    minutes: 90,
    feePence: 3750,
    feeDuePence: 3750,
    declined: false,
    problem: '',
    ...over,
  };
}

export function totals(over: Partial<LEPTotals> = {}): LEPTotals {
  const line = { key: 'c1', label: 'Priya Shah', pseudonym: 'Contributor 3', entries: 1, minutes: 90, feesPence: 3750, expensesPence: 0, paidClaims: 0, medianDaysToPay: 0, maxDaysToPay: 0 };
  return {
    from: '',
    to: '',
    all: { ...line, key: 'all', label: 'All' },
    byContributor: [line],
    byProject: [{ ...line, key: '', label: 'No project' }],
    byMonth: [{ ...line, key: '2026-04', label: 'April 2026' }],
    ...over,
  };
}
