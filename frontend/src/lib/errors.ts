// Normalising what a rejected backend promise carries into a BackendError.
// Kept apart from backend.ts so tests (which mock backend.ts) use the real thing.
import type { BackendError, FieldError } from './types';

const CODES: ReadonlyArray<BackendError['code']> = [
  'invalid',
  'not_found',
  'conflict',
  'unauthorized',
  'internal',
  'unavailable',
  'forbidden',
  'passphrase_required',
  'locked',
  'erased',
];

function isCode(v: unknown): v is BackendError['code'] {
  return typeof v === 'string' && (CODES as readonly string[]).includes(v);
}

function toFields(v: unknown): FieldError[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: FieldError[] = [];
  for (const f of v) {
    if (f && typeof f === 'object') {
      const o = f as Record<string, unknown>;
      if (typeof o.field === 'string' && typeof o.message === 'string') {
        out.push({ field: o.field, message: o.message });
      }
    }
  }
  return out;
}

function fromObject(o: Record<string, unknown>): BackendError | undefined {
  if (!('code' in o) && !('message' in o)) return undefined;
  const message = typeof o.message === 'string' && o.message !== '' ? o.message : undefined;
  const code = isCode(o.code) ? o.code : 'internal';
  const err: BackendError = { code, message: message ?? 'Something went wrong' };
  const fields = toFields(o.fields);
  if (fields && fields.length > 0) err.fields = fields;
  return err;
}

/**
 * Turns whatever a rejected Wails promise carries into a BackendError: the error
 * object itself (Go ErrorFormatter), its JSON text, an Error, or a plain string.
 */
export function toBackendError(e: unknown): BackendError {
  if (e === null || e === undefined) {
    return { code: 'internal', message: 'Something went wrong' };
  }
  if (typeof e === 'string') {
    const s = e.trim();
    if (s.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(s);
        if (parsed && typeof parsed === 'object') {
          const err = fromObject(parsed as Record<string, unknown>);
          if (err) return err;
        }
      } catch {
        // not JSON: fall through to the plain message
      }
    }
    return { code: 'internal', message: s || 'Something went wrong' };
  }
  if (e instanceof Error) {
    // An Error whose message is the JSON object (some Wails versions wrap it).
    const inner = e.message.trim();
    if (inner.startsWith('{')) return toBackendError(inner);
    return { code: 'internal', message: inner || 'Something went wrong' };
  }
  if (typeof e === 'object') {
    const err = fromObject(e as Record<string, unknown>);
    if (err) return err;
  }
  return { code: 'internal', message: String(e) };
}

export function isBackendError(e: unknown): e is BackendError {
  return (
    !!e &&
    typeof e === 'object' &&
    isCode((e as Record<string, unknown>).code) &&
    typeof (e as Record<string, unknown>).message === 'string'
  );
}

/** field JSON name → message (first message wins). */
export function fieldErrorMap(err: BackendError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of err?.fields ?? []) {
    if (!(f.field in out)) out[f.field] = f.message;
  }
  return out;
}
