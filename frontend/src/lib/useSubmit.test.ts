import { describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import type { FormEvent } from 'react';
import { useSubmit } from './useSubmit';

const event = () => ({ preventDefault: vi.fn() }) as unknown as FormEvent & { preventDefault: ReturnType<typeof vi.fn> };

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useSubmit', () => {
  it('sets saving while the save runs and ignores a second submit meanwhile', async () => {
    const { result } = renderHook(() => useSubmit());
    const first = deferred();
    const save = vi.fn(() => first.promise);
    const e1 = event();
    let done!: Promise<void>;
    act(() => {
      done = result.current.submit(save)(e1);
    });
    expect(e1.preventDefault).toHaveBeenCalled();
    expect(save).toHaveBeenCalledTimes(1);
    expect(result.current.saving).toBe(true);

    const again = vi.fn(() => Promise.resolve());
    const check = vi.fn(() => null);
    const e2 = event();
    await act(() => result.current.submit(again, check)(e2));
    expect(e2.preventDefault).toHaveBeenCalled();
    expect(again).not.toHaveBeenCalled();
    expect(check).not.toHaveBeenCalled();
    expect(result.current.saving).toBe(true);

    await act(async () => {
      first.resolve();
      await done;
    });
    expect(result.current.saving).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it('keeps the rejection as a BackendError and resets saving after the failure', async () => {
    const { result } = renderHook(() => useSubmit());
    const failing = deferred();
    let done!: Promise<void>;
    act(() => {
      done = result.current.submit(() => failing.promise)(event());
    });
    expect(result.current.saving).toBe(true);
    await act(async () => {
      failing.reject({ code: 'invalid', message: 'Check the details', fields: [{ field: 'name', message: 'Enter a name' }] });
      await done;
    });
    expect(result.current.saving).toBe(false);
    expect(result.current.error).toEqual({ code: 'invalid', message: 'Check the details', fields: [{ field: 'name', message: 'Enter a name' }] });

    // A plain Error or string from Wails is normalised too; the form can submit again.
    await act(() => result.current.submit(() => Promise.reject(new Error('disk full')))(event()));
    expect(result.current.error).toEqual({ code: 'internal', message: 'disk full' });
    expect(result.current.saving).toBe(false);

    // A save that works leaves the earlier error for the form to clear.
    const ok = vi.fn(() => Promise.resolve());
    await act(() => result.current.submit(ok)(event()));
    expect(ok).toHaveBeenCalledTimes(1);
    expect(result.current.error).toEqual({ code: 'internal', message: 'disk full' });
    act(() => result.current.setError(null));
    expect(result.current.error).toBeNull();
  });

  it('shows a problem found by check and saves nothing', async () => {
    const { result } = renderHook(() => useSubmit());
    const save = vi.fn(() => Promise.resolve());
    const problem = { code: 'invalid' as const, message: 'Check the session details', fields: [{ field: 'attendees', message: 'Enter a whole number' }] };
    const e = event();
    await act(() => result.current.submit(save, () => problem)(e));
    expect(e.preventDefault).toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
    expect(result.current.saving).toBe(false);
    expect(result.current.error).toEqual(problem);

    await act(() => result.current.submit(save, () => null)(event()));
    expect(save).toHaveBeenCalledTimes(1);
  });
});
