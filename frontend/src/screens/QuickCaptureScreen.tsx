// Quick capture (#/sessions/:id/quick): keyboard-first entry of comment cards at a stall.
// Type the comment, Alt+digit for the rating, Alt+letter for themes, Alt+R / Alt+Q for
// the two flags, Enter to save; the card clears, focus returns to the comment box and the
// saved card shows in the strip at once (to change, delete or undo). Two columns, so the
// whole card fits one laptop screen (1366×650). Leaving on a planned session asks
// "Mark as held?". When the session asks question sets, their questions follow the
// comment (QuickCaptureQuestions): Enter goes from the comment to the first question,
// from each question to the next, and saves on the last; the card and its answers are
// saved together (createFeedbackWithAnswers).
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { BackLink, Button, Checkboxes, Details, Radios, Textarea } from 'nhsuk-react-components';
import { MarkHeldQuestion, asksMarkHeld } from '../components/MarkHeldQuestion';
import { QuickCaptureStrip } from '../components/QuickCaptureStrip';
import { itemId, SelectField, SingleCheckbox, toggle } from '../components/fields';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { DEFAULT_SOURCE, FEEDBACK_FIELDS } from '../components/FeedbackForm';
import { BOROUGH_GROUPS } from '../components/SessionForm';
import { LoadProblem, PageHeading, LoadingPage } from '../components/PageHeading';
import { createFeedback, createFeedbackWithAnswers, deleteFeedback, getSession, getSessionQuestions, listThemes } from '../lib/backend';
import { fieldErrorMap, toBackendError } from '../lib/errors';
import { useRefDataState } from '../lib/refdata';
import { altLetter, altRating, assignThemeKeys, FLAG_KEYS } from '../lib/shortcuts';
import { useFlash } from '../lib/flash';
import { useLoad } from '../lib/useLoad';
import type { BackendError, Feedback, FeedbackInput, Session, Theme } from '../lib/types';
import type { Answer, ResponseInput, SessionQuestions } from '../lib/questions';
import { askId } from '../questions/ask/AskQuestion';
import { answerErrors, cleanAnswers } from '../questions/ask/answers';
import { focusFirstQuestion, QuickCaptureQuestions, quickPrefix, quickProblems } from './QuickCaptureQuestions';
import './quickCapture.scss';

export const SOURCE_KEY = 'involve.quickCapture.source';

function rememberedSource(): string {
  try {
    return window.localStorage.getItem(SOURCE_KEY) ?? '';
  } catch {
    return '';
  }
}
function rememberSource(code: string) {
  try {
    window.localStorage.setItem(SOURCE_KEY, code);
  } catch {
    // private mode or storage full: only the convenience is lost
  }
}

function Kbd({ children }: { children: string }) {
  return (
    <kbd className="app-kbd" aria-hidden="true">
      {children}
    </kbd>
  );
}

interface CardState {
  text: string;
  rating: number | null;
  themes: string[];
  needsResponse: boolean;
  quoteConsent: boolean;
  ageBand: string;
  ethnicGroup: string;
  borough: string;
}

const EMPTY_CARD: CardState = {
  text: '',
  rating: null,
  themes: [],
  needsResponse: false,
  quoteConsent: false,
  ageBand: '',
  ethnicGroup: '',
  borough: '',
};

export function QuickCaptureScreen() {
  const { id = '' } = useParams();
  const ref = useRefDataState();
  // The session's questions: if Go cannot give them, cards can still be typed (a stall
  // must not stop), and the screen says the questions are missing.
  const loaded = useLoad<{ session: Session; themes: Theme[]; questions: SessionQuestions | null; questionsProblem: string }>(async () => {
    let questionsProblem = '';
    const [session, themes, questions] = await Promise.all([
      getSession(id),
      listThemes(false),
      getSessionQuestions(id).catch((e: unknown) => {
        questionsProblem = toBackendError(e).message;
        return null;
      }),
    ]);
    return { session, themes: themes.filter((t) => !t.archived), questions, questionsProblem };
  }, [id]);

  const [card, setCard] = useState<CardState>(EMPTY_CARD);
  const [answers, setAnswers] = useState<Answer[][]>([]);
  const [source, setSource] = useState<string>('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const [saved, setSaved] = useState<Feedback[]>([]);
  const [undoId, setUndoId] = useState('');
  const [news, setNews] = useState('');
  const [leavingTo, setLeavingTo] = useState('');
  const navigate = useNavigate();
  const { showMessage, flash, dismiss } = useFlash();
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const savingRef = useRef(false);

  const sources = ref.data.feedbackSources;
  // Source: the last one used here, else comment card.
  useEffect(() => {
    if (!ref.loaded || source) return;
    const known = (c: string) => sources.some((s) => s.code === c);
    const last = rememberedSource();
    setSource(known(last) ? last : known(DEFAULT_SOURCE) ? DEFAULT_SOURCE : (sources[0]?.code ?? ''));
  }, [ref.loaded, sources, source]);

  const themes = useMemo(() => loaded.data?.themes ?? [], [loaded.data]);
  const themeKeys = useMemo(() => assignThemeKeys(themes, FLAG_KEYS.needsResponse + FLAG_KEYS.quoteConsent), [themes]);
  const letterToTheme = useMemo(() => {
    const m = new Map<string, string>();
    themeKeys.forEach((letter, themeId) => m.set(letter, themeId));
    return m;
  }, [themeKeys]);

  const ready = !!loaded.data && ref.loaded;
  useEffect(() => {
    if (ready) commentRef.current?.focus();
  }, [ready]);

  const errs = fieldErrorMap(error);
  const sets = useMemo(() => loaded.data?.questions?.sets ?? [], [loaded.data]);
  const askFields = useMemo(() => sets.flatMap((s, i) => s.set.questions.map((q) => askId(quickPrefix(i), q.id))), [sets]);
  const knownFields = useMemo(() => [...FEEDBACK_FIELDS, ...askFields], [askFields]);

  const save = async () => {
    if (savingRef.current || !loaded.data) return;
    const problems = quickProblems(sets, answers);
    if (problems.length > 0) {
      setError({ code: 'invalid', message: 'Check the answers', fields: problems });
      return;
    }
    savingRef.current = true;
    setSaving(true);
    const responses: ResponseInput[] = sets
      .map((s, i) => ({ questionSetId: s.set.id, language: 'en', answers: cleanAnswers(s.set, answers[i] ?? []) }))
      .filter((r) => r.answers.length > 0);
    const input: FeedbackInput = {
      sessionId: loaded.data.session.id,
      text: card.text,
      rating: card.rating,
      themes: card.themes,
      source,
      quoteConsent: card.quoteConsent,
      needsResponse: card.needsResponse,
      ageBand: card.ageBand,
      ethnicGroup: card.ethnicGroup,
      borough: card.borough,
      answered: responses.length > 0,
    };
    try {
      const created = sets.length > 0 ? await createFeedbackWithAnswers(input, responses) : await createFeedback(input);
      setSaved((old) => [created, ...old]);
      setUndoId(created.id);
      // A banner from the screen before ("Session added.") would push the card down
      // off a laptop screen: the first card saved puts it away.
      if (flash) dismiss();
      setNews('');
      setCard(EMPTY_CARD);
      setAnswers([]);
      setError(null);
      rememberSource(source);
      commentRef.current?.focus();
    } catch (e) {
      // The card stays as typed; Go's errors on answers go on their questions.
      const be = toBackendError(e);
      const onAnswers = answerErrors(be.fields ?? [], responses, sets.map((s) => s.set));
      const others = (be.fields ?? []).filter((f) => !/^(responses|answers)\b/.test(f.field));
      setError(
        onAnswers.length > 0
          ? { ...be, fields: [...others, ...onAnswers.map((a) => ({ field: askId(quickPrefix(a.set), a.q), message: a.message }))] }
          : be,
      );
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  };

  const removeSaved = async (f: Feedback) => {
    try {
      await deleteFeedback(f.id);
    } catch (e) {
      setError(toBackendError(e));
      return;
    }
    setSaved((old) => old.filter((x) => x.id !== f.id));
    setUndoId('');
    setNews('Card deleted.');
    commentRef.current?.focus();
  };

  // Leaving: on a session still marked planned, ask "Mark as held?" first (once).
  const leave = (to: string) => (e: { preventDefault: () => void }) => {
    if (!asksMarkHeld(loaded.data?.session) || leavingTo) return;
    e.preventDefault();
    setLeavingTo(to);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  const setRating = (r: number | null) => setCard((c) => ({ ...c, rating: r }));

  // Shortcuts anywhere in the form.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.nativeEvent.isComposing) return;
    const r = altRating(e);
    if (r !== undefined) {
      e.preventDefault();
      setCard((c) => ({ ...c, rating: c.rating === r ? null : r }));
      return;
    }
    const letter = altLetter(e);
    if (letter === FLAG_KEYS.needsResponse || letter === FLAG_KEYS.quoteConsent) {
      e.preventDefault();
      const flag = letter === FLAG_KEYS.needsResponse ? 'needsResponse' : 'quoteConsent';
      setCard((c) => ({ ...c, [flag]: !c[flag] }));
      return;
    }
    if (letter !== undefined) {
      const themeId = letterToTheme.get(letter);
      if (themeId) {
        e.preventDefault();
        setCard((c) => ({ ...c, themes: toggle(c.themes, themeId) }));
      }
      return;
    }
    const target = e.target as HTMLElement;
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      // Enter saves from the comment box and from the rating/theme choices; with
      // questions, the comment's Enter goes to the first of them.
      const isChoice = target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox');
      if (target === commentRef.current || isChoice) {
        e.preventDefault();
        if (target === commentRef.current && focusFirstQuestion(sets, answers)) return;
        void save();
      }
      return;
    }
    // Plain 0–5 while on the rating buttons.
    if (target instanceof HTMLInputElement && target.name === 'rating' && /^[0-5]$/.test(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      setRating(Number(e.key));
    }
  };

  if (loaded.error) {
    return (
      <>
        <BackLink asElement={Link} to={`/sessions/${id}`}>Back</BackLink>
        <LoadProblem title="Quick capture" message={loaded.error.message} />
      </>
    );
  }
  if (!ready || !loaded.data) {
    return <LoadingPage title="Quick capture" />;
  }
  const { session } = loaded.data;
  const now = saved.length;
  const total = (session.feedbackCount ?? 0) + now;
  // Ratings as the FFT codes: "5" Very good … "1" Very poor, "0" Don't know.
  const ratings = ref.data.ratings;
  const sessionPath = `/sessions/${session.id}`;
  const flagError = errs.needsResponse || errs.quoteConsent;
  const asksRating = sets.length === 0 || loaded.data.questions?.fft !== false;

  return (
    <div className="app-quick">
      <div className="app-quick__top">
        <BackLink asElement={Link} to={sessionPath} onClick={leave(sessionPath)}>
          Back to session
        </BackLink>
        <PageHeading caption={session.title || 'Untitled session'}>Quick capture</PageHeading>
        <p className="app-quick__count" data-testid="quick-count" role="status" aria-live="polite">
          <strong>{total}</strong> in this session, <strong>{now}</strong> now{news ? `. ${news}` : ''}
        </p>
      </div>
      {leavingTo ? (
        <MarkHeldQuestion
          session={session}
          onDone={(held) => {
            if (held) showMessage('Session marked as held.', true);
            navigate(leavingTo);
          }}
        />
      ) : null}

      <form noValidate onSubmit={onSubmit} onKeyDown={onKeyDown}>
        <FormErrorSummary error={error} knownFields={knownFields} autoFocus={false} />
        <div className="app-quick__grid">
          <div className="app-quick__left">
            <Textarea
              ref={commentRef}
              id="text"
              name="text"
              label="Comment"
              labelProps={{ size: 's' }}
              hint={sets.length > 0 ? 'Enter goes to the questions; Shift+Enter starts a new line.' : 'Enter saves it; Shift+Enter starts a new line.'}
              rows={3}
              spellCheck
              value={card.text}
              error={errs.text}
              aria-keyshortcuts="Enter"
              onChange={(e) => {
                const t = e.currentTarget.value;
                setCard((c) => ({ ...c, text: t }));
                if (t) setUndoId('');
              }}
            />
            {loaded.data.questionsProblem ? (
              <div className="nhsuk-inset-text" data-testid="quick-questions-problem">
                <span className="nhsuk-u-visually-hidden">Information: </span>
                <p>
                  The session’s questions could not be loaded ({loaded.data.questionsProblem}). Cards are saved without
                  answers to them.
                </p>
              </div>
            ) : null}
            {sets.length > 0 ? (
              <QuickCaptureQuestions sets={sets} answers={answers} onChange={setAnswers} errors={errs} onSave={() => void save()} />
            ) : null}
            <Checkboxes name="flags" id="flags-group" legend="Follow up and quoting" legendProps={{ className: 'nhsuk-u-visually-hidden' }} error={flagError} small className="app-quick__flags">
              <Checkboxes.Item
                id="needsResponse"
                value="needsResponse"
                checked={card.needsResponse}
                onChange={(e) => {
                  const v = e.currentTarget.checked;
                  setCard((c) => ({ ...c, needsResponse: v }));
                }}
                aria-keyshortcuts={`Alt+${FLAG_KEYS.needsResponse}`}
              >
                Needs a response
                <Kbd>{`Alt+${FLAG_KEYS.needsResponse}`}</Kbd>
              </Checkboxes.Item>
              <Checkboxes.Item
                id="quoteConsent"
                value="quoteConsent"
                checked={card.quoteConsent}
                onChange={(e) => {
                  const v = e.currentTarget.checked;
                  setCard((c) => ({ ...c, quoteConsent: v }));
                }}
                aria-keyshortcuts={`Alt+${FLAG_KEYS.quoteConsent}`}
              >
                Can quote
                <Kbd>{`Alt+${FLAG_KEYS.quoteConsent}`}</Kbd>
              </Checkboxes.Item>
            </Checkboxes>
            <Button type="submit" disabled={saving} className="nhsuk-u-margin-bottom-3">
              Save feedback
            </Button>
            <QuickCaptureStrip sessionId={session.id} items={saved} themes={themes} undoId={undoId} onDelete={removeSaved} />
          </div>

          <div className="app-quick__right">
            {asksRating ? (
            <Radios name="rating" id="rating-group" legend="Rating" legendProps={{ size: 's' }} error={errs.rating} inline small>
              {ratings.map((r, i) => (
                <Radios.Item
                  key={r.code}
                  id={itemId('rating', i)}
                  value={r.code}
                  checked={card.rating !== null && String(card.rating) === r.code}
                  onChange={() => setRating(Number(r.code))}
                  aria-keyshortcuts={`Alt+${r.code}`}
                >
                  {r.label}
                  <Kbd>{`Alt+${r.code}`}</Kbd>
                </Radios.Item>
              ))}
            </Radios>
            ) : null}
            {asksRating && card.rating !== null ? (
              <p className="nhsuk-body-s app-quick__clear">
                <button type="button" className="nhsuk-link app-link-button" onClick={() => setRating(null)}>
                  Clear rating
                </button>
              </p>
            ) : null}

            {themes.length > 0 ? (
              <Checkboxes name="themes" id="themes-group" legend="Themes" legendProps={{ size: 's' }} error={errs.themes} small className="app-columns">
                {themes.map((t, i) => {
                  const letter = themeKeys.get(t.id);
                  return (
                    <Checkboxes.Item
                      key={t.id}
                      id={itemId('themes', i)}
                      value={t.id}
                      checked={card.themes.includes(t.id)}
                      onChange={() => setCard((c) => ({ ...c, themes: toggle(c.themes, t.id) }))}
                      aria-keyshortcuts={letter ? `Alt+${letter}` : undefined}
                    >
                      {t.label}
                      {letter ? <Kbd>{`Alt+${letter}`}</Kbd> : null}
                    </Checkboxes.Item>
                  );
                })}
              </Checkboxes>
            ) : (
              <p className="nhsuk-body-s">
                No themes yet. <Link to="/themes">Add themes</Link> to tag cards.
              </p>
            )}


            <Details open={!!(errs.source || errs.ageBand || errs.ethnicGroup || errs.borough) || undefined}>
              <Details.Summary>Source and about the person (optional)</Details.Summary>
              <Details.Text>
                <SelectField
                  name="source"
                  label="Source"
                  items={sources}
                  value={source}
                  onChange={(c) => {
                    setSource(c);
                    rememberSource(c);
                  }}
                  error={errs.source}
                />
                <SelectField name="ageBand" label="Age band" items={ref.data.ageBands} value={card.ageBand} onChange={(v) => setCard((c) => ({ ...c, ageBand: v }))} error={errs.ageBand} blankLabel="Not asked" />
                <SelectField
                  name="ethnicGroup"
                  label="Ethnic group"
                  items={ref.data.ethnicGroups}
                  value={card.ethnicGroup}
                  onChange={(v) => setCard((c) => ({ ...c, ethnicGroup: v }))}
                  error={errs.ethnicGroup}
                  blankLabel="Not asked"
                />
                <SelectField
                  name="borough"
                  label="Borough they live in"
                  items={ref.data.boroughs}
                  value={card.borough}
                  onChange={(v) => setCard((c) => ({ ...c, borough: v }))}
                  error={errs.borough}
                  blankLabel="Not asked"
                  groupLabels={BOROUGH_GROUPS}
                />
              </Details.Text>
            </Details>
          </div>
        </div>
      </form>

      <p className="nhsuk-body-s" id="quick-keys">
        <strong>Keys:</strong> <kbd className="app-kbd">Enter</kbd> saves the card,{' '}
        <kbd className="app-kbd">Shift+Enter</kbd> new line, <kbd className="app-kbd">Alt+1</kbd> to{' '}
        <kbd className="app-kbd">Alt+5</kbd> rating from Very poor to Very good, <kbd className="app-kbd">Alt+0</kbd>{' '}
        Don’t know (press again to clear), <kbd className="app-kbd">Alt</kbd> and the letter shown to tick a theme,{' '}
        <kbd className="app-kbd">Alt+{FLAG_KEYS.needsResponse}</kbd> needs a response,{' '}
        <kbd className="app-kbd">Alt+{FLAG_KEYS.quoteConsent}</kbd> can quote.
      </p>
      {sets.length > 0 ? (
        <p className="nhsuk-body-s" id="quick-question-keys" data-testid="quick-question-keys">
          <strong>In the questions:</strong> <kbd className="app-kbd">1</kbd> to <kbd className="app-kbd">9</kbd> choose
          the answer with that number (press again to untick one of several; in a ranking, the next pick),{' '}
          <kbd className="app-kbd">O</kbd> Other (then type its words), <kbd className="app-kbd">P</kbd> Prefer not to
          say, <kbd className="app-kbd">Enter</kbd> the next question; on the last question Enter saves the card.
        </p>
      ) : null}
      <p>
        <Link to={sessionPath} onClick={leave(sessionPath)}>
          Finish and go back to the session
        </Link>
      </p>
    </div>
  );
}
