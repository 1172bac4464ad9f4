// The first screen's questions to Go, asked together as the page starts (main.tsx)
// instead of one after another as each gate renders (StartupGate → WelcomeGate →
// RefDataProvider and KioskGate → LockGate → Layout and HomeScreen): the startup state
// first, and once it is "ok" the rest at once, so that Go reads the home screen's data
// while the page is still rendering the gates. Each gate takes its answer once with
// launchAnswer; an answer that failed (kiosk mode, Involve locked), one not taken within
// ANSWERS_KEPT_MS, and every answer once Go announces a change (data, sync status, lock,
// integrity) is asked again as before, so no screen shows an older answer than it would
// have got by asking itself.
import {
  getHome,
  getKioskState,
  getLockState,
  getReferenceData,
  getStartupState,
  getSyncStatus,
  getWelcome,
  onEvent,
} from './backend';
import { Events } from './types';

export type LaunchKey = 'startup' | 'welcome' | 'kiosk' | 'refdata' | 'lock' | 'sync' | 'home';

export const ANSWERS_KEPT_MS = 10_000;

const answers = new Map<LaunchKey, Promise<unknown>>();
let generation = 0; // moves on at every forget

// The answers that have arrived, by their promise (arrivedLaunchAnswer).
const arrived = new WeakMap<Promise<unknown>, { value: unknown }>();

function keep(key: LaunchKey, p: Promise<unknown>) {
  p.then(
    (value) => arrived.set(p, { value }),
    () => {}, // a failure is the taker's (who asks again), not an unhandled rejection
  );
  answers.set(key, p);
}

/** Forgets every answer not taken yet: the next launchAnswer asks Go again. */
export function forgetLaunchAnswers(): void {
  generation += 1;
  answers.clear();
}

/** Asks the first screen's questions (main.tsx, once). */
export function askAtLaunch(): void {
  const offs = [Events.dataChanged, Events.syncStatus, Events.lock, Events.integrity].map((e) =>
    onEvent(e, forgetLaunchAnswers),
  );
  const startup = getStartupState();
  keep('startup', startup);
  const asked = generation;
  startup
    .then((s) => {
      if (s.status !== 'ok' || generation !== asked) return;
      keep('welcome', getWelcome());
      keep('kiosk', getKioskState());
      keep('refdata', getReferenceData());
      keep('lock', getLockState());
      keep('sync', getSyncStatus());
      // the home screen's data only when the window opens on it (hash routing)
      if (window.location.hash === '' || window.location.hash === '#/') keep('home', getHome());
    })
    .catch(() => {});
  setTimeout(() => {
    forgetLaunchAnswers();
    offs.forEach((off) => off());
  }, ANSWERS_KEPT_MS);
}

/** The answer asked at launch for key, taken once; otherwise (and if it failed) ask(). */
export function launchAnswer<T>(key: LaunchKey, ask: () => Promise<T>): Promise<T> {
  const p = answers.get(key) as Promise<T> | undefined;
  if (!p) return ask();
  answers.delete(key);
  return p.catch(() => ask());
}

/**
 * The answer asked at launch for key if it has already arrived (and is not forgotten),
 * without taking it: what launchAnswer's promise will give, so that a screen can draw
 * it in its first render instead of a "Loading…" frame first (useLoad's initial). The
 * screen still takes it with launchAnswer.
 */
export function arrivedLaunchAnswer<T>(key: LaunchKey): T | undefined {
  const p = answers.get(key);
  return p ? (arrived.get(p)?.value as T | undefined) : undefined;
}

/** For tests: an answer as if asked at launch. */
export function setLaunchAnswer(key: LaunchKey, p: Promise<unknown>): void {
  keep(key, p);
}
