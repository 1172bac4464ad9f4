// Test data shaped like Go's reference data and records, and a render helper.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { FlashBanner } from '../components/FlashBanner';
import { FlashProvider } from '../lib/flash';
import { RefDataProvider } from '../lib/refdata';
import type { Feedback, ReferenceData, Session, SessionSummary, Theme } from '../lib/types';

export const refData: ReferenceData = {
  version: '2026.1',
  sessionTypes: [
    { code: 'workshop', label: 'Workshop' },
    { code: 'focus_group', label: 'Focus group' },
    { code: 'outreach_stall', label: 'Outreach stall' },
  ],
  sessionModes: [
    { code: 'in_person', label: 'In person' },
    { code: 'online', label: 'Online' },
    { code: 'hybrid', label: 'Hybrid' },
  ],
  sessionStatuses: [
    { code: 'planned', label: 'Planned' },
    { code: 'held', label: 'Held' },
    { code: 'written_up', label: 'Written up' },
  ],
  involvementLevels: [
    { code: 'inform', label: 'Inform', hint: 'Giving people information' },
    { code: 'consult', label: 'Consult', hint: 'Asking for views on options' },
  ],
  engagementStages: [
    { code: 'identify', label: 'Identifying priorities' },
    { code: 'design', label: 'Design' },
  ],
  standards: [
    { code: '1', label: 'Inclusive opportunities' },
    { code: '2', label: 'Working together' },
  ],
  accessSupport: [
    { code: 'interpreter', label: 'Interpreter' },
    { code: 'bsl', label: 'British Sign Language' },
  ],
  boroughs: [
    { code: 'E09000022', label: 'Lambeth', group: 'SEL' },
    { code: 'E09000028', label: 'Southwark', group: 'SEL' },
    { code: 'E09000008', label: 'Croydon', group: 'SWL' },
    { code: 'other_london', label: 'Other London borough' },
  ],
  feedbackSources: [
    { code: 'comment_card', label: 'Comment card' },
    { code: 'conversation', label: 'Conversation' },
    { code: 'post_it', label: 'Post-it note' },
  ],
  ratings: [
    { code: '5', label: 'Very good' },
    { code: '4', label: 'Good' },
    { code: '3', label: 'Neither good nor poor' },
    { code: '2', label: 'Poor' },
    { code: '1', label: 'Very poor' },
    { code: '0', label: "Don't know" },
  ],
  ageBands: [
    { code: '18_24', label: '18 to 24' },
    { code: 'prefer_not_to_say', label: 'Prefer not to say' },
  ],
  ethnicGroups: [
    { code: 'asian', label: 'Asian, Asian British or Asian Welsh' },
    { code: 'white', label: 'White' },
  ],
  ethnicities: [],
  core20plus5: [
    { code: 'core20', label: 'Core20 (most deprived 20%)' },
    { code: 'maternity', label: 'Maternity' },
  ],
  plusGroups: [{ code: 'carers', label: 'Carers' }],
  actionStatuses: [
    { code: 'planned', label: 'Planned' },
    { code: 'in_progress', label: 'In progress' },
    { code: 'done', label: 'Done' },
    { code: 'not_possible', label: 'Not possible' },
  ],
  actionChannels: [
    { code: 'newsletter', label: 'Newsletter' },
    { code: 'meeting', label: 'Meeting' },
    { code: 'email', label: 'Email' },
    { code: 'poster', label: 'Poster' },
    { code: 'other', label: 'Other' },
  ],
  impactAreas: [
    { code: 'design', label: 'Design' },
    { code: 'materials', label: 'Materials' },
    { code: 'decision', label: 'Decision' },
  ],
  impactDirections: [
    { code: 'positive', label: 'Positive' },
    { code: 'negative', label: 'Negative' },
  ],
  impactMagnitudes: [
    { code: 'none', label: 'None' },
    { code: 'minor', label: 'Minor' },
    { code: 'substantial', label: 'Substantial' },
    { code: 'decision_changed', label: 'Decision changed' },
  ],
};

export const themes: Theme[] = [
  { id: 't-access', label: 'Access', archived: false, usage: 3 },
  { id: 't-comm', label: 'Communication', archived: false, usage: 1 },
  { id: 't-wait', label: 'Waiting times', archived: false, usage: 0 },
  { id: 't-old', label: 'Old theme', archived: true, usage: 2 },
];

const meta = {
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  createdBy: 'Sam',
  deviceId: 'dev-1',
  rev: 1,
};

export function session(over: Partial<Session> = {}): Session {
  return {
    ...meta,
    id: 's1',
    projectId: '',
    title: 'Market stall, Brixton',
    date: '2026-03-01',
    startTime: '10:00',
    endTime: '14:00',
    type: 'outreach_stall',
    mode: 'in_person',
    venue: 'Brixton market',
    borough: 'E09000022',
    hostPartner: '',
    targetGroups: '',
    purpose: '',
    intendedOutcome: '',
    involvementLevel: '',
    engagementStage: '',
    standards: [],
    accessSupport: [],
    facilitators: '',
    lepsPresent: '',
    status: 'held',
    wentWell: '',
    toImprove: '',
    attendees: 0,
    questionSets: [],
    noFft: false,
    notes: '',
    notesUpdatedAt: '',
    projectName: '',
    feedbackCount: 0,
    ...over,
  };
}

export function summary(over: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: 's1',
    title: 'Market stall, Brixton',
    date: '2026-03-01',
    startTime: '10:00',
    type: 'outreach_stall',
    borough: 'E09000022',
    status: 'held',
    projectId: '',
    projectName: '',
    feedbackCount: 0,
    updatedAt: '2026-03-01T10:00:00.000Z',
    ...over,
  };
}

let fbSeq = 0;
export function feedback(over: Partial<Feedback> = {}): Feedback {
  fbSeq += 1;
  return {
    ...meta,
    id: `f${fbSeq}`,
    sessionId: 's1',
    text: 'Lovely staff',
    rating: 5,
    themes: [],
    source: 'comment_card',
    answered: false,
    quoteConsent: false,
    needsResponse: false,
    ageBand: '',
    ethnicGroup: '',
    borough: '',
    capturedBy: 'Sam',
    ...over,
  };
}

function LocationProbe() {
  const loc = useLocation();
  return <div data-testid="location">{loc.pathname + loc.search}</div>;
}

/** Renders routes at a path with reference data, the flash banner and a location probe. */
export function renderAt(path: string, routes: { path: string; element: ReactElement }[]) {
  return render(
    <RefDataProvider initial={refData}>
      <FlashProvider>
        <MemoryRouter initialEntries={[path]}>
          <FlashBanner />
          <Routes>
            {routes.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            <Route path="*" element={<p>Elsewhere</p>} />
          </Routes>
          <LocationProbe />
        </MemoryRouter>
      </FlashProvider>
    </RefDataProvider>,
  );
}
