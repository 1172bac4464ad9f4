// Quick capture (#/sessions/:id/quick): keyboard-first entry of comment cards at a stall.
// Type the comment, Alt+digit for the rating, Alt+letter for themes, Enter to save; the
// card clears, focus returns to the comment box and the saved card shows below at once.
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router';
import { BackLink, Button, Checkboxes, Details, Radios, Textarea } from 'nhsuk-react-components';
import { FeedbackList } from '../components/FeedbackList';
import { itemId, SelectField, SingleCheckbox, toggle } from '../components/fields';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { DEFAULT_SOURCE, FEEDBACK_FIELDS } from '../components/FeedbackForm';
import { BOROUGH_GROUPS } from '../components/SessionForm';
import { LoadProblem, PageHeading, LoadingPage } from '../components/PageHeading';
import { createFeedback, getSession, listThemes } from '../lib/backend';
import { fieldErrorMap, toBackendError } from '../lib/errors';
import { useRefDataState } from '../lib/refdata';
import { altLetter, altRating, assignThemeKeys } from '../lib/shortcuts';
import { useLoad } from '../lib/useLoad';
import type { BackendError, Feedback, FeedbackInput, Session, Theme } from '../lib/types';

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
  const loaded = useLoad<{ session: Session; themes: Theme[] }>(async () => {
    const [session, themes] = await Promise.all([getSession(id), listThemes(false)]);
    return { session, themes: themes.filter((t) => !t.archived) };
  }, [id]);

  const [card, setCard] = useState<CardState>(EMPTY_CARD);
  const [source, setSource] = useState<string>('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const [saved, setSaved] = useState<Feedback[]>([]);
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
  const themeKeys = useMemo(() => assignThemeKeys(themes), [themes]);
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

  const save = async () => {
    if (savingRef.current || !loaded.data) return;
    savingRef.current = true;
    setSaving(true);
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
    };
    try {
      const created = await createFeedback(input);
      setSaved((old) => [created, ...old]);
      setCard(EMPTY_CARD);
      setError(null);
      rememberSource(source);
      commentRef.current?.focus();
    } catch (e) {
      setError(toBackendError(e)); // the card stays as typed
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
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
      // Enter saves from the comment box and from the rating/theme choices.
      const isChoice = target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox');
      if (target === commentRef.current || isChoice) {
        e.preventDefault();
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
  const count = saved.length;
  // Ratings as the FFT codes: "5" Very good … "1" Very poor, "0" Don't know.
  const ratings = ref.data.ratings;

  return (
    <>
      <BackLink asElement={Link} to={`/sessions/${session.id}`}>
        Back to session
      </BackLink>
      <PageHeading caption={session.title || 'Untitled session'}>Quick capture</PageHeading>

      <p className="nhsuk-body-s" id="quick-keys">
        <strong>Keys:</strong> <kbd className="app-kbd">Enter</kbd> saves the card,{' '}
        <kbd className="app-kbd">Shift+Enter</kbd> new line, <kbd className="app-kbd">Alt+1</kbd> to{' '}
        <kbd className="app-kbd">Alt+5</kbd> rating from Very poor to Very good, <kbd className="app-kbd">Alt+0</kbd>{' '}
        Don’t know (press again to clear), <kbd className="app-kbd">Alt</kbd> and the letter shown to tick a theme.
      </p>

      <p className="nhsuk-body-l nhsuk-u-margin-bottom-4" data-testid="quick-count" role="status" aria-live="polite">
        {count} {count === 1 ? 'card' : 'cards'} saved this session
      </p>

      <form noValidate onSubmit={onSubmit} onKeyDown={onKeyDown}>
        <FormErrorSummary error={error} knownFields={FEEDBACK_FIELDS} autoFocus={false} />
        <Textarea
          ref={commentRef}
          id="text"
          name="text"
          label="Comment"
          labelProps={{ size: 'm' }}
          hint="Type what the card says. Enter saves it; Shift+Enter starts a new line."
          rows={4}
          spellCheck
          value={card.text}
          error={errs.text}
          aria-keyshortcuts="Enter"
          onChange={(e) => {
            const t = e.currentTarget.value;
            setCard((c) => ({ ...c, text: t }));
          }}
        />

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
        {card.rating !== null ? (
          <p className="nhsuk-body-s">
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

        <Details open={!!(errs.needsResponse || errs.quoteConsent || errs.ageBand || errs.ethnicGroup || errs.borough) || undefined}>
          <Details.Summary>More about this card (optional)</Details.Summary>
          <Details.Text>
            <SingleCheckbox
              name="needsResponse"
              legend="Follow up"
              label="This needs a response"
              checked={card.needsResponse}
              onChange={(v) => setCard((c) => ({ ...c, needsResponse: v }))}
              error={errs.needsResponse}
            />
            <SingleCheckbox
              name="quoteConsent"
              legend="Quoting"
              label="They agreed we can quote them"
              checked={card.quoteConsent}
              onChange={(v) => setCard((c) => ({ ...c, quoteConsent: v }))}
              error={errs.quoteConsent}
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

        <Button type="submit" disabled={saving}>
          Save feedback
        </Button>
      </form>

      <h2 className="nhsuk-heading-m">Saved cards</h2>
      {saved.length === 0 ? (
        <p>Cards you save here appear in this list, newest first.</p>
      ) : (
        <FeedbackList label="Saved cards" items={saved} themes={themes} compact />
      )}
      <p>
        <Link to={`/sessions/${session.id}`}>Finish and go back to the session</Link>
      </p>
    </>
  );
}
