// Autosave for free text (session notes): debounced while typing, with a maximum wait so
// that at most ~1 s of typing is ever unsaved, flushed on demand (blur, page hide), and
// retried with backoff on failure. The newest text is never dropped.
import { formatTime } from './dates';

export type AutosaveStatus =
  | { kind: 'idle' } // nothing typed since load
  | { kind: 'saving' } // changes pending or being written
  | { kind: 'saved'; savedAt: string } // everything typed is saved (RFC 3339)
  | { kind: 'error'; message: string; retrying: boolean }; // last write failed

/** The status in words beside the field; idle: what to say before anything is typed. */
export function autosaveText(s: AutosaveStatus, idle: string): string {
  switch (s.kind) {
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${formatTime(s.savedAt) || 'just now'}`;
    case 'error':
      return s.retrying ? 'Not saved – retrying' : `Not saved – ${s.message}`;
    default:
      return idle;
  }
}

export interface AutosaveOptions {
  save: (text: string) => Promise<{ savedAt: string }>;
  onStatus: (s: AutosaveStatus) => void;
  debounceMs?: number; // quiet time before a save (default 400)
  maxWaitMs?: number; // longest time a change waits while typing goes on (default 1000)
  retryMs?: number[]; // backoff after failures (default 1 s, 2 s, 4 s, 8 s then 10 s)
  /** Errors that a retry cannot fix (e.g. notes too long): wait for the next change. */
  isPermanent?: (err: unknown) => boolean;
}

export class Autosaver {
  private latest: string;
  private saved: string;
  private inflight = false;
  private again = false;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private maxTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private disposed = false;
  private current: AutosaveStatus = { kind: 'idle' };
  private lastSavedAt = '';
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly retryMs: number[];

  constructor(initial: string, private readonly opts: AutosaveOptions) {
    this.latest = initial;
    this.saved = initial;
    this.debounceMs = opts.debounceMs ?? 400;
    this.maxWaitMs = opts.maxWaitMs ?? 1000;
    this.retryMs = opts.retryMs ?? [1000, 2000, 4000, 8000, 10000];
  }

  /** True while some typed text is not yet confirmed saved. */
  get dirty(): boolean {
    return this.latest !== this.saved || this.inflight;
  }

  get text(): string {
    return this.latest;
  }

  change(text: string): void {
    this.latest = text;
    if (this.latest === this.saved && !this.inflight) {
      this.clearTimers();
      this.settle();
      return;
    }
    if (this.failures === 0) this.emit({ kind: 'saving' });
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => this.flush(), this.debounceMs);
    if (!this.maxTimer) {
      this.maxTimer = setTimeout(() => this.flush(), this.maxWaitMs);
    }
  }

  /**
   * Another device's value arrived (a sync): `stored` is now what is saved, `latest`
   * what the screen shows (the stored value merged with anything typed and not yet
   * saved). Saves only when they differ.
   */
  rebase(stored: string, latest: string): void {
    if (!this.inflight) this.saved = stored;
    this.change(latest);
  }

  /** Save now if anything is unsaved (blur, page hidden, leaving the screen). */
  flush(): void {
    this.clearTimers();
    if (this.inflight) {
      this.again = true;
      return;
    }
    if (this.latest === this.saved) {
      this.settle();
      return;
    }
    const text = this.latest;
    this.inflight = true;
    if (this.failures === 0) this.emit({ kind: 'saving' });
    this.opts.save(text).then(
      (res) => {
        this.inflight = false;
        this.failures = 0;
        this.saved = text;
        this.lastSavedAt = res.savedAt;
        if (this.disposed && this.latest === this.saved) return;
        if (this.latest !== this.saved) {
          // Typing went on during the save: the timers (or `again`) take care of it.
          if (this.again || this.disposed) {
            this.again = false;
            this.flush();
          } else if (!this.debounceTimer && !this.maxTimer) {
            this.flush();
          }
          return;
        }
        this.again = false;
        this.emit({ kind: 'saved', savedAt: res.savedAt });
      },
      (err: unknown) => {
        this.inflight = false;
        this.again = false;
        const message =
          err && typeof err === 'object' && 'message' in err ? String((err as { message: unknown }).message) : String(err);
        const permanent = this.opts.isPermanent?.(err) ?? false;
        this.emit({ kind: 'error', message, retrying: !permanent });
        if (permanent) return; // the text stays; the next change tries again
        const delay = this.retryMs[Math.min(this.failures, this.retryMs.length - 1)];
        this.failures += 1;
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.flush();
        }, delay);
      },
    );
  }

  /** Stop the timers, saving what is left first. */
  dispose(): void {
    this.flush();
    this.disposed = true;
    // Keep retrying a failed last save in the background: never drop text.
  }

  private emit(s: AutosaveStatus): void {
    this.current = s;
    this.opts.onStatus(s);
  }

  /** Nothing left to save: report it if the status still says otherwise. */
  private settle(): void {
    if (this.current.kind === 'saving' || this.current.kind === 'error') {
      this.failures = 0;
      this.emit(this.lastSavedAt ? { kind: 'saved', savedAt: this.lastSavedAt } : { kind: 'idle' });
    }
  }

  private clearTimers(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.maxTimer) clearTimeout(this.maxTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.debounceTimer = undefined;
    this.maxTimer = undefined;
    this.retryTimer = undefined;
  }
}
