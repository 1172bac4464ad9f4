// "Who came" (#/sessions/:id/reach): a session's total attendees, forms returned and
// anonymous tallies per question with − / + counters, each self-reported or estimated;
// saves as you go. Each question's sum is checked against the total attendees, with a
// warning (never a block). Below, anonymous attendee profiles (one per returned
// monitoring form), which add themselves to the same questions: the counters are for
// the people without a profile. Beside the questions (above them on a narrow screen),
// the contents: the totals and each question's running count, always in view
// (ReachContents); "How … fit together" explains forms returned and profiles.
import { useEffect, useRef, useState, type FocusEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { BackLink, Button, InsetText, Radios, WarningCallout } from 'nhsuk-react-components';
import { LoadProblem, PageHeading, LoadingPage } from '../../components/PageHeading';
import {
  addAttendeeProfile,
  deleteAttendeeProfile,
  getSession,
  getSessionReach,
  restoreAttendeeProfile,
  saveTally,
  setSessionAttendees,
  toBackendError,
  updateAttendeeProfile,
} from '../../lib/backend';
import { Autosaver, autosaveText, type AutosaveStatus } from '../../lib/autosave';
import { formatDate } from '../../lib/dates';
import { num } from '../../lib/format';
import { useDataChanged } from '../../lib/events';
import { useFlash } from '../../lib/flash';
import {
  Basis,
  NOT_STATED,
  PREFER_NOT_TO_SAY,
  emptyAttendee,
  mergeTally,
  profileCounts,
  sameTallyCounts,
  questionCount,
  tallyWarnings,
  type Attendee,
  type QuestionCode,
  type ReachQuestion,
  type SessionReach,
  type Tally,
  type TallyDim,
} from '../../lib/reach';
import { labelOf, useRefData } from '../../lib/refdata';
import { useLoad } from '../../lib/useLoad';
import type { BackendError } from '../../lib/types';
import { AttendeeProfileForm } from './AttendeeProfileForm';
import { HowItFits, ReachContents, jump } from './ReachContents';
import { TallyCounter } from './TallyCounter';
import './reach.scss';

const plural = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

export function SessionReachScreen() {
  const { id = '' } = useParams();
  const session = useLoad(() => getSession(id), [id]);
  const reach = useLoad(() => getSessionReach(id), [id]);
  // Profiles added, changed or deleted (here or by a sync) and counts pulled by a sync:
  // the screen follows (ReachEditor merges pulled counts question by question, so
  // counts being typed are never replaced).
  useDataChanged(() => reach.reload(), ['attendee', 'tally', 'session']);

  const error = session.error ?? reach.error;
  if (error && !(session.data && reach.data)) {
    return (
      <>
        <BackLink asElement={Link} to={`/sessions/${id}`}>
          Back to session
        </BackLink>
        <LoadProblem title="Who came" message={error.code === 'not_found' ? 'This session no longer exists. It may have been deleted.' : error.message} />
      </>
    );
  }
  if (!session.data || !reach.data) {
    // aria-busy: tests (e2e reflow) wait for the page itself, not this
    return (
      <div aria-busy="true">
        <LoadingPage title="Who came" />
      </div>
    );
  }
  const s = session.data;
  return (
    <>
      <BackLink asElement={Link} to={`/sessions/${s.id}`}>
        Back to session
      </BackLink>
      <PageHeading caption={`${s.title || 'Untitled session'}, ${formatDate(s.date)}`}>Who came</PageHeading>
      <ReachEditor key={s.id} sr={reach.data} onProfilesChanged={reach.reload} />
    </>
  );
}

/** The worse of two autosave statuses (an error, then saving, then the later save). */
function combine(a: AutosaveStatus, b: AutosaveStatus): AutosaveStatus {
  for (const kind of ['error', 'saving'] as const) {
    if (a.kind === kind) return a;
    if (b.kind === kind) return b;
  }
  if (a.kind === 'saved' && b.kind === 'saved') return a.savedAt > b.savedAt ? a : b;
  return a.kind === 'saved' ? a : b;
}

const permanent = (e: unknown) => !!e && typeof e === 'object' && (e as { code?: string }).code === 'invalid';

/** An Autosaver of a JSON value, flushed when the page hides and when the screen closes:
 * `change` a value typed, `rebase` when another device's value arrives (Autosaver.rebase). */
function useJSONSaver<T>(initial: T, save: (v: T) => Promise<{ savedAt: string }>, onStatus: (s: AutosaveStatus) => void) {
  const ref = useRef<Autosaver | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const saver = new Autosaver(JSON.stringify(initial), {
      save: (text) =>
        saveRef.current(JSON.parse(text) as T).catch((e: unknown) => {
          const be = toBackendError(e);
          throw { ...be, message: be.fields?.[0]?.message ?? be.message };
        }),
      onStatus,
      isPermanent: permanent,
    });
    ref.current = saver;
    const flush = () => saver.flush();
    const onVisibility = () => document.visibilityState === 'hidden' && saver.flush();
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      saver.dispose();
      ref.current = null;
    };
    // once per screen (keyed by session)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return {
    change: (v: T) => ref.current?.change(JSON.stringify(v)),
    rebase: (stored: T, latest: T) => ref.current?.rebase(JSON.stringify(stored), JSON.stringify(latest)),
  };
}

function ReachEditor({ sr, onProfilesChanged }: { sr: SessionReach; onProfilesChanged: () => void }) {
  const [tally, setTallyState] = useState<Tally>(sr.tally);
  const [attendees, setAttendeesState] = useState(sr.attendees);
  const tallyRef = useRef(tally);
  const loadedTally = useRef<Tally>(sr.tally);
  const loadedAttendees = useRef(sr.attendees);
  const [tallyStatus, setTallyStatus] = useState<AutosaveStatus>({ kind: 'idle' });
  const [current, setCurrent] = useState('');
  const [attStatus, setAttStatus] = useState<AutosaveStatus>({ kind: 'idle' });

  const tallySaver = useJSONSaver<Tally>(
    sr.tally,
    (t) =>
      saveTally(sr.sessionId, loadedTally.current, t).then((res) => {
        loadedTally.current = res.tally;
        return { savedAt: res.savedAt };
      }),
    setTallyStatus,
  );
  const attendeesSaver = useJSONSaver<number>(
    sr.attendees,
    (n) =>
      setSessionAttendees(sr.sessionId, loadedAttendees.current, n).then((s) => {
        loadedAttendees.current = s.attendees;
        return { savedAt: s.updatedAt };
      }),
    setAttStatus,
  );

  const updateTally = (fn: (t: Tally) => Tally) => {
    const next = fn(tallyRef.current);
    tallyRef.current = next;
    setTallyState(next);
    tallySaver.change(next);
  };
  const attendeesRef = useRef(attendees);
  const setAttendees = (n: number) => {
    attendeesRef.current = n;
    setAttendeesState(n);
    attendeesSaver.change(n);
  };

  // Counts stored by another device (pulled by a sync) while the screen is open: each
  // question changed here since the last load or save keeps what is on screen, every
  // other one shows what arrived (mergeTally); the total likewise.
  const lastSR = useRef(sr);
  useEffect(() => {
    if (sr === lastSR.current) return;
    lastSR.current = sr;
    if (!sameTallyCounts(sr.tally, loadedTally.current)) {
      const merged = mergeTally(loadedTally.current, tallyRef.current, sr.tally);
      loadedTally.current = sr.tally;
      tallyRef.current = merged;
      setTallyState(merged);
      tallySaver.rebase(sr.tally, merged);
    }
    if (sr.attendees !== loadedAttendees.current) {
      const mine = attendeesRef.current !== loadedAttendees.current ? attendeesRef.current : sr.attendees;
      loadedAttendees.current = sr.attendees;
      attendeesRef.current = mine;
      setAttendeesState(mine);
      attendeesSaver.rebase(sr.attendees, mine);
    }
    // the savers are stable for the screen's life
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sr]);
  const setDim = (code: QuestionCode, fn: (d: TallyDim) => TallyDim) =>
    updateTally((t) => ({ ...t, [code]: fn(t[code] ?? { basis: Basis.selfReported, counts: {} }) }));

  const status = combine(tallyStatus, attStatus);
  const profiles = sr.profiles;
  const fromProfiles = profileCounts(profiles);
  const warnings = tallyWarnings(attendees, tally, profiles.length, sr.questions);
  const mismatched = new Set(warnings.map((w) => w.field));
  // Where the cursor is, for the contents: a totals box, a question or the profiles.
  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const t = e.target;
    setCurrent(t.id === 'attendees' || t.id === 'formsReturned' ? t.id : (t.closest('.app-tally-question, #profiles')?.id ?? ''));
  };

  return (
    <div className="app-reach-layout">
      <div className="app-reach-layout__side">
        <ReachContents
          attendees={attendees}
          formsReturned={tally.formsReturned ?? 0}
          profiles={profiles.length}
          current={current}
          questions={sr.questions.map((q) => ({
            code: q.code,
            label: q.label,
            multi: q.multi,
            total: questionCount(q, tally[q.code], fromProfiles[q.code] ?? {}, profiles.length).total,
            mismatch: mismatched.has(q.code),
          }))}
        />
      </div>
      <div className="app-reach-layout__main" onFocus={onFocus}>
        <InsetText>
          <p>
            Count each person once: either in the counts below or as an attendee profile, never both. Each profile adds itself
            to the counts.
          </p>
        </InsetText>
        <HowItFits />
        <p
          className={`app-status nhsuk-body-s${status.kind === 'error' ? ' app-status--error' : ''}`}
          data-testid="tally-status"
          role="status"
          aria-live="polite"
        >
          {autosaveText(status, 'Counts save as you go')}
        </p>

        {warnings.length > 0 ? (
          <div data-testid="tally-warnings">
            <WarningCallout>
              <WarningCallout.Heading headingLevel="h2">Check the counts</WarningCallout.Heading>
              <ul>
                {warnings.map((w, i) => {
                  const to = warningTarget(w.field, fromProfiles);
                  return (
                    <li key={`${w.field}-${i}`}>
                      {to ? (
                        <a href={`#${to}`} onClick={(e) => jump(e, to)}>
                          {w.message}
                        </a>
                      ) : (
                        w.message
                      )}
                    </li>
                  );
                })}
              </ul>
              <p>The counts are saved anyway. Correct them if they are wrong.</p>
            </WarningCallout>
          </div>
        ) : null}

        <fieldset className="nhsuk-fieldset app-tally-question" id="q-totals">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
            <h2 className="nhsuk-fieldset__heading">Totals</h2>
          </legend>
          <TallyCounter
            id="attendees"
            label="Total attendees"
            size="m"
            value={attendees}
            onChange={setAttendees}
            after="Everyone who came, whether or not they returned a form"
          />
          <TallyCounter
            id="formsReturned"
            label="Forms returned"
            size="m"
            value={tally.formsReturned ?? 0}
            onChange={(n) => updateTally((t) => ({ ...t, formsReturned: n }))}
            after={`Equality monitoring forms handed back${profiles.length ? `; ${num(profiles.length)} ${profiles.length === 1 ? 'is kept as an attendee profile' : 'are kept as attendee profiles'}` : ''}`}
          />
        </fieldset>

        {sr.questions.map((q) => (
          <QuestionFieldset
            key={q.code}
            q={q}
            dim={tally[q.code] ?? null}
            attendees={attendees}
            fromProfiles={fromProfiles[q.code] ?? {}}
            nProfiles={profiles.length}
            mismatch={mismatched.has(q.code)}
            onCount={(code, n) =>
              setDim(q.code, (d) => {
                const counts = { ...d.counts };
                if (n > 0) counts[code] = n;
                else delete counts[code];
                return { ...d, counts };
              })
            }
            onBasis={(basis) => setDim(q.code, (d) => ({ ...d, basis }))}
          />
        ))}

        <Profiles sr={sr} onChanged={onProfilesChanged} />
      </div>
    </div>
  );
}

/** Where a warning's link goes: its question, the box it is about, or the profiles. */
function warningTarget(field: string, questions: Record<string, unknown>): string {
  if (field in questions) return `q-${field}`;
  if (field === 'attendees' || field === 'formsReturned') return field;
  return field === 'profiles' ? 'profiles' : '';
}

interface QuestionProps {
  q: ReachQuestion;
  dim: TallyDim | null;
  attendees: number;
  fromProfiles: Record<string, number>;
  nProfiles: number;
  mismatch: boolean;
  onCount: (code: string, n: number) => void;
  onBasis: (basis: string) => void;
}

function QuestionFieldset({ q, dim, attendees, fromProfiles, nProfiles, mismatch, onCount, onBasis }: QuestionProps) {
  const ref = useRefData();
  const counts = dim?.counts ?? {};
  const basis = dim?.basis || Basis.selfReported;
  const { here, total } = questionCount(q, dim, fromProfiles, nProfiles);
  const rows = [...q.items, { code: NOT_STATED, label: 'Not stated', group: undefined }];
  const profileN = (code: string) => fromProfiles[code === NOT_STATED ? '' : code] ?? 0;
  const counter = (item: { code: string; label: string }) => {
    const p = profileN(item.code);
    return (
      <TallyCounter
        key={item.code}
        id={`t-${q.code}-${item.code}`}
        label={item.label}
        value={counts[item.code] ?? 0}
        onChange={(n) => onCount(item.code, n)}
        after={p ? `and ${num(p)} from ${p === 1 ? 'a profile' : 'profiles'}` : undefined}
      />
    );
  };
  // Ethnic categories under their 5 groups, with the group's total
  let body: ReactNode;
  if (q.code === 'ethnicity') {
    const groups: string[] = [];
    for (const it of rows) if (it.group && !groups.includes(it.group)) groups.push(it.group);
    body = (
      <>
        {groups.map((g) => {
          const items = rows.filter((it) => it.group === g);
          const total = items.reduce((s, it) => s + (counts[it.code] ?? 0) + profileN(it.code), 0);
          return (
            <div key={g} role="group" aria-labelledby={`ethnic-group-${g}`}>
              <h3 className="nhsuk-heading-s app-tally-group-heading" id={`ethnic-group-${g}`}>
                {labelOf(ref.ethnicGroups, g) || g}{' '}
                <span className="nhsuk-body-s nhsuk-u-secondary-text-colour" data-testid={`ethnic-group-total-${g}`}>
                  ({num(total)})
                </span>
              </h3>
              {items.map(counter)}
            </div>
          );
        })}
        {rows.filter((it) => !it.group).map(counter)}
      </>
    );
  } else {
    body = rows.map(counter);
  }
  let sumText: string;
  if (q.multi) {
    sumText = `${num(here)} counted here${total !== here ? `, ${num(total - here)} from profiles` : ''}. A person may be in more than one group, or none, so this is not checked against the total.`;
  } else {
    const parts = nProfiles ? ` (${num(here)} counted here, ${num(nProfiles)} from profiles)` : '';
    sumText = attendees > 0 ? `Adds up to ${num(total)} of ${plural(attendees, 'attendee', 'attendees')}${parts}` : `Adds up to ${num(total)}${parts}`;
  }
  return (
    <fieldset className="nhsuk-fieldset app-tally-question" id={`q-${q.code}`} aria-describedby={q.hint ? `q-${q.code}-hint` : undefined}>
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
        <h2 className="nhsuk-fieldset__heading">{q.label}</h2>
      </legend>
      {q.hint ? (
        <div className="nhsuk-hint" id={`q-${q.code}-hint`}>
          {q.hint}
        </div>
      ) : null}
      <Radios name={`${q.code}-basis`} id={`${q.code}-basis`} legend="How were these counted?" legendProps={{ size: 's' }} inline small>
        <Radios.Item id={`${q.code}-basis`} value={Basis.selfReported} checked={basis === Basis.selfReported} onChange={() => onBasis(Basis.selfReported)}>
          Self-reported
        </Radios.Item>
        <Radios.Item id={`${q.code}-basis-2`} value={Basis.estimated} checked={basis === Basis.estimated} onChange={() => onBasis(Basis.estimated)}>
          Estimated
        </Radios.Item>
      </Radios>
      <div className="app-tally-counters">{body}</div>
      <p className={`app-tally-sum${mismatch ? ' app-tally-sum--mismatch' : ''}`} data-testid={`tally-sum-${q.code}`}>
        {sumText}
        {mismatch ? <span className="nhsuk-u-visually-hidden"> (does not match the total attendees)</span> : null}
      </p>
    </fieldset>
  );
}

function answerSummary(a: Attendee, questions: ReachQuestion[]): string {
  const parts: string[] = [];
  for (const q of questions) {
    if (q.code === 'plusGroups') {
      if (a.plusGroups.length) parts.push(a.plusGroups.map((c) => labelOf(q.items, c)).join(', '));
      continue;
    }
    const v = a[q.code];
    if (!v) continue;
    if (v === PREFER_NOT_TO_SAY) parts.push(`${q.label}: prefer not to say`);
    else parts.push(q.code === 'imdDecile' ? `IMD decile ${labelOf(q.items, v)}` : labelOf(q.items, v));
  }
  return parts.length ? parts.join('; ') : 'No answers recorded';
}

function Profiles({ sr, onChanged }: { sr: SessionReach; onChanged: () => void }) {
  const { showUndo } = useFlash();
  const [editing, setEditing] = useState<Attendee | null>(null); // id "" = a new one
  const [error, setError] = useState<BackendError | null>(null);
  const [added, setAdded] = useState(0);
  const list = sr.profiles;

  const save = async (a: Attendee) => {
    if (!editing) return;
    if (editing.id) await updateAttendeeProfile(editing.id, editing, a);
    else {
      await addAttendeeProfile({ ...a, sessionId: sr.sessionId });
      setAdded((n) => n + 1);
    }
    setEditing(null);
    onChanged();
  };
  const remove = async (a: Attendee) => {
    setError(null);
    try {
      await deleteAttendeeProfile(a.id);
      onChanged();
      showUndo(
        'Attendee profile deleted.',
        async () => {
          await restoreAttendeeProfile(a.id);
          onChanged();
        },
        'Attendee profile restored.',
      );
    } catch (e) {
      setError(toBackendError(e));
    }
  };

  return (
    <section aria-labelledby="profiles-heading" className="nhsuk-u-margin-top-7" id="profiles">
      <h2 className="nhsuk-heading-m" id="profiles-heading">
        Attendee profiles ({num(list.length)})
      </h2>
      <p>
        If you want to keep a returned form&apos;s answers together, add it here as an anonymous profile instead of in the counts
        above. Each profile counts in every question above, so do not count its form there as well.
      </p>
      {error ? <p className="nhsuk-error-message">{error.message}</p> : null}
      {list.length > 0 ? (
        <ol className="app-profile-list" aria-label="Attendee profiles">
          {list.map((a, i) => (
            <li key={a.id} data-testid="profile-item" data-profile-id={a.id}>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
                <strong>Profile {i + 1}:</strong> {answerSummary(a, sr.questions)}
              </p>
              <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
                <Button type="button" secondary small onClick={() => setEditing(a)} aria-label={`Edit profile ${i + 1}`}>
                  Edit
                </Button>
                <Button type="button" warning small onClick={() => void remove(a)} aria-label={`Delete profile ${i + 1}`}>
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      {editing ? (
        <>
          <h3 className="nhsuk-heading-s">{editing.id ? 'Change this profile' : 'New attendee profile'}</h3>
          <AttendeeProfileForm
            key={`${editing.id}-${added}`}
            questions={sr.questions}
            initial={editing}
            submitLabel="Save profile"
            onSave={save}
            onCancel={() => setEditing(null)}
          />
        </>
      ) : (
        <Button type="button" secondary onClick={() => setEditing(emptyAttendee(sr.sessionId))}>
          Add a profile
        </Button>
      )}
    </section>
  );
}
