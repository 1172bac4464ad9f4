// The kiosk (#/kiosk): the public feedback form (or, when the session asks question
// sets, KioskQuestions: the language, the purpose, one question per screen, then the
// form), a thank-you screen that clears itself, a language switcher (the built-in
// languages, those added as data and the sets' translations) and, at the bottom, a
// discreet way out for staff (the PIN). The
// page cannot be navigated away from: hash changes, Back and its shortcuts bring it
// straight back here.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Button, TextInput } from 'nhsuk-react-components';
import { leaveKiosk } from '../lib/backend';
import { toBackendError } from '../lib/errors';
import type { KioskState } from '../lib/types';
import { DEFAULT_LOCALE, kioskLocales, translator, type Locale, type Translate } from './i18n';
import { KioskForm } from './KioskForm';
import { KioskQuestions } from './KioskQuestions';
import './kiosk.scss';

export const KIOSK_HASH = '#/kiosk';
/** How long the thank-you screen stays before the form clears for the next person. */
export const RESET_AFTER_MS = 8000;

/** Keeps the page on #/kiosk: undoes hash changes and Back/Forward, and blocks the
 * browser's back/forward keys and context menu. */
function useKioskLock() {
  useEffect(() => {
    const here = () => window.location.hash === KIOSK_HASH;
    window.history.replaceState(null, '', KIOSK_HASH);
    // One entry of our own to go "back" to, so Back never leaves the page.
    window.history.pushState(null, '', KIOSK_HASH);
    const onPop = () => window.history.pushState(null, '', KIOSK_HASH);
    const onHash = () => {
      if (!here()) window.history.replaceState(null, '', KIOSK_HASH);
    };
    const onKey = (e: KeyboardEvent) => {
      const nav =
        (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home')) ||
        e.key === 'BrowserBack' ||
        e.key === 'BrowserForward' ||
        e.key === 'BrowserHome' ||
        ((e.ctrlKey || e.metaKey) && (e.key === '[' || e.key === ']'));
      if (nav) e.preventDefault();
    };
    const onMenu = (e: MouseEvent) => e.preventDefault();
    window.addEventListener('popstate', onPop);
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('contextmenu', onMenu);
    return () => {
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('contextmenu', onMenu);
    };
  }, []);
}

function LanguageSwitcher({ locales, code, onChange, t }: { locales: Locale[]; code: string; onChange: (code: string) => void; t: Translate }) {
  if (locales.length < 2) return null;
  return (
    <nav className="kiosk-languages" aria-label={t('language.legend')}>
      <ul className="kiosk-languages__list">
        {locales.map((l) => (
          <li key={l.code}>
            <button
              type="button"
              lang={l.code}
              dir={l.dir}
              className="kiosk-languages__button"
              aria-pressed={l.code === code}
              onClick={() => onChange(l.code)}
            >
              {l.name}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ThankYou({ t, onMore }: { t: Translate; onMore: () => void }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="kiosk-thanks" data-testid="kiosk-thanks">
      <h1 ref={ref} tabIndex={-1} className="nhsuk-heading-xl kiosk-heading">
        {t('thanks.title')}
      </h1>
      <p className="nhsuk-body-l">{t('thanks.body')}</p>
      <p className="nhsuk-body-l">{t('thanks.reset')}</p>
      <Button type="button" onClick={onMore}>
        {t('thanks.more')}
      </Button>
    </div>
  );
}

/** Whose stall this is: the organisation or team (from Settings) and the session's
 * title, as names in their own language (English), whatever the form's language. */
function WhoseStall({ organisation, title }: { organisation: string; title: string }) {
  const org = (organisation ?? '').trim();
  const name = (title ?? '').trim();
  if (!org && !name) return null;
  return (
    <p className="kiosk-whose" lang="en" dir="ltr" data-testid="kiosk-whose">
      {org ? <strong className="kiosk-whose__org">{org}</strong> : null}
      {org && name ? <span className="nhsuk-u-visually-hidden">: </span> : null}
      {name ? <span className="kiosk-whose__title">{name}</span> : null}
    </p>
  );
}

/** The way out for staff, in English whatever the form's language. */
function StaffLeave({ state, onLeft }: { state: KioskState; onLeft: (sessionId: string, received: number) => void }) {
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) pinRef.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setPin('');
    setError('');
    openerRef.current?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!pin) {
      setError('Enter the staff PIN');
      pinRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const after = await leaveKiosk(pin);
      onLeft(after.sessionId || state.sessionId, after.received ?? 0);
    } catch (err) {
      setError(toBackendError(err).message);
      setPin('');
      setBusy(false);
      pinRef.current?.focus();
    }
  };

  return (
    <footer className="kiosk-footer" lang="en" dir="ltr">
      <div className="nhsuk-width-container">
        <button
          ref={openerRef}
          type="button"
          className="kiosk-staff-button"
          aria-expanded={open}
          aria-controls="kiosk-staff-panel"
          onClick={() => (open ? close() : setOpen(true))}
        >
          Staff: leave kiosk
        </button>
        {open ? (
          <form id="kiosk-staff-panel" className="kiosk-staff-panel" noValidate onSubmit={submit} data-testid="kiosk-staff-panel">
            <h2 className="nhsuk-heading-m">Leave kiosk mode</h2>
            <p>
              Feedback from this kiosk goes to the session “{state.sessionTitle || 'Untitled session'}”. Enter the PIN
              set when kiosk mode started.
            </p>
            <TextInput
              ref={pinRef}
              id="pin"
              name="pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              label="Staff PIN"
              width={10}
              value={pin}
              error={error || undefined}
              onChange={(e) => setPin(e.currentTarget.value)}
            />
            <div className="nhsuk-button-group">
              <Button type="submit" disabled={busy}>
                Leave kiosk
              </Button>
              <Button type="button" secondary onClick={close}>
                Cancel
              </Button>
            </div>
          </form>
        ) : null}
      </div>
    </footer>
  );
}

export function KioskScreen({ state, onLeft }: { state: KioskState; onLeft: (sessionId: string, received: number) => void }) {
  const [code, setCode] = useState(DEFAULT_LOCALE);
  // The built-in languages, those added as data (the kiosk's words) and those the
  // session's question sets are translated into.
  const locales = useMemo(() => kioskLocales(state.words, state.questions?.sets), [state.words, state.questions?.sets]);
  const locale = locales.find((l) => l.code === code) ?? locales[0];
  const asks = (state.questions?.sets?.length ?? 0) > 0;
  const t = useMemo(() => translator(locale), [locale]);
  const [phase, setPhase] = useState<'form' | 'thanks'>('form');
  const [formKey, setFormKey] = useState(0);

  useKioskLock();

  // The whole document speaks the form's language (screen readers, hyphenation).
  useEffect(() => {
    const root = document.documentElement;
    root.lang = locale.code;
    root.dir = locale.dir;
    document.title = t('page.title');
    return () => {
      root.lang = 'en';
      root.dir = 'ltr';
      document.title = 'Involve';
    };
  }, [locale, t]);

  const again = useCallback((nextPerson: boolean) => {
    setFormKey((k) => k + 1);
    setPhase('form');
    if (nextPerson) setCode(DEFAULT_LOCALE);
  }, []);

  useEffect(() => {
    if (phase !== 'thanks') return undefined;
    const timer = window.setTimeout(() => again(true), RESET_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [phase, again]);

  return (
    <div className="kiosk" lang={locale.code} dir={locale.dir} data-testid="kiosk">
      <header className="kiosk-header">
        <div className="nhsuk-width-container kiosk-header__inner">
          <WhoseStall organisation={state.organisation} title={state.sessionTitle} />
          <LanguageSwitcher locales={locales} code={code} onChange={setCode} t={t} />
        </div>
      </header>
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent">
          {phase === 'form' && asks ? (
            <KioskQuestions
              key={formKey}
              t={t}
              locale={locale}
              locales={locales}
              onLanguage={setCode}
              questions={state.questions}
              themes={state.themes}
              onSent={() => setPhase('thanks')}
            />
          ) : phase === 'form' ? (
            <KioskForm key={formKey} t={t} themes={state.themes} onSent={() => setPhase('thanks')} />
          ) : (
            <ThankYou t={t} onMore={() => again(false)} />
          )}
        </main>
      </div>
      <StaffLeave state={state} onLeft={onLeft} />
    </div>
  );
}
