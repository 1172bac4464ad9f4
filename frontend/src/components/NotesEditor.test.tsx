import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import * as backend from '../lib/backend';
import { NotesEditor } from './NotesEditor';

vi.mock('../lib/backend', () => import('../test/backendMock'));

const savedAt = '2026-03-01T10:15:30.000Z';

function type(el: HTMLElement, text: string) {
  fireEvent.change(el, { target: { value: text } });
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('session notes autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves within a second even while typing goes on, and shows Saved', async () => {
    vi.mocked(backend.saveSessionNotes).mockResolvedValue({ id: 's1', rev: 2, savedAt });
    render(<NotesEditor sessionId="s1" initialNotes="" />);
    const notes = screen.getByRole('textbox', { name: /Session notes/ });
    const status = screen.getByTestId('notes-status');

    // A keystroke every 100 ms: the debounce (400 ms) never fires on its own.
    let text = '';
    for (let i = 0; i < 9; i++) {
      text += 'a';
      type(notes, text);
      await advance(100);
    }
    expect(backend.saveSessionNotes).not.toHaveBeenCalled();
    expect(status).toHaveTextContent('Saving…');
    type(notes, (text += 'a'));
    await advance(100); // 1000 ms after the first keystroke
    expect(backend.saveSessionNotes).toHaveBeenCalledTimes(1);
    expect(vi.mocked(backend.saveSessionNotes).mock.calls[0]).toEqual(['s1', 'aaaaaaaaaa']);

    for (let i = 0; i < 10; i++) {
      type(notes, (text += 'b'));
      await advance(100);
    }
    expect(backend.saveSessionNotes).toHaveBeenCalledTimes(2); // the max wait again, not the debounce
    expect(vi.mocked(backend.saveSessionNotes).mock.calls[1][1]).toMatch(/^a{10}b+$/);

    // Stop typing: the debounce saves the rest and the status says Saved.
    await advance(400);
    expect(vi.mocked(backend.saveSessionNotes).mock.lastCall?.[1]).toBe(text);
    expect(status.textContent).toMatch(/^Saved/);
    expect(status).toHaveAttribute('aria-live', 'polite');
  });

  it('saves after a short pause (debounce)', async () => {
    vi.mocked(backend.saveSessionNotes).mockResolvedValue({ id: 's1', rev: 2, savedAt });
    render(<NotesEditor sessionId="s1" initialNotes="Old" />);
    const notes = screen.getByRole('textbox', { name: /Session notes/ });
    type(notes, 'Old and new');
    await advance(399);
    expect(backend.saveSessionNotes).not.toHaveBeenCalled();
    await advance(1);
    expect(backend.saveSessionNotes).toHaveBeenCalledWith('s1', 'Old and new');
    expect(screen.getByTestId('notes-status').textContent).toMatch(/^Saved at \d\d:\d\d/);
  });

  it('saves at once on blur and when the window is hidden', async () => {
    vi.mocked(backend.saveSessionNotes).mockResolvedValue({ id: 's1', rev: 2, savedAt });
    render(<NotesEditor sessionId="s1" initialNotes="" />);
    const notes = screen.getByRole('textbox', { name: /Session notes/ });
    type(notes, 'x');
    fireEvent.blur(notes);
    await advance(0);
    expect(backend.saveSessionNotes).toHaveBeenCalledWith('s1', 'x');

    type(notes, 'xy');
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' });
    fireEvent(document, new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'visible' });
    await advance(0);
    expect(backend.saveSessionNotes).toHaveBeenLastCalledWith('s1', 'xy');

    type(notes, 'xyz');
    fireEvent(window, new Event('beforeunload'));
    await advance(0);
    expect(backend.saveSessionNotes).toHaveBeenLastCalledWith('s1', 'xyz');
  });

  it('saves what is left when the screen closes', async () => {
    vi.mocked(backend.saveSessionNotes).mockResolvedValue({ id: 's1', rev: 2, savedAt });
    const { unmount } = render(<NotesEditor sessionId="s1" initialNotes="" />);
    type(screen.getByRole('textbox', { name: /Session notes/ }), 'last words');
    unmount();
    await advance(0);
    expect(backend.saveSessionNotes).toHaveBeenCalledWith('s1', 'last words');
  });

  it('keeps the text and retries when a save fails', async () => {
    vi.mocked(backend.saveSessionNotes)
      .mockRejectedValueOnce({ code: 'internal', message: 'disk I/O error' })
      .mockResolvedValue({ id: 's1', rev: 3, savedAt });
    render(<NotesEditor sessionId="s1" initialNotes="" />);
    const notes = screen.getByRole('textbox', { name: /Session notes/ });
    const status = screen.getByTestId('notes-status');
    type(notes, 'important');
    await advance(400);
    expect(status).toHaveTextContent('Not saved – retrying');
    expect(notes).toHaveValue('important');

    type(notes, 'important words'); // typing goes on during the failure
    await advance(1000);
    expect(backend.saveSessionNotes).toHaveBeenCalledTimes(2);
    expect(vi.mocked(backend.saveSessionNotes).mock.calls[1][1]).toBe('important words');
    expect(status.textContent).toMatch(/^Saved/);
  });

  it('retries with backoff until the save works', async () => {
    vi.mocked(backend.saveSessionNotes)
      .mockRejectedValueOnce({ code: 'unavailable', message: 'busy' })
      .mockRejectedValueOnce({ code: 'unavailable', message: 'busy' })
      .mockResolvedValue({ id: 's1', rev: 3, savedAt });
    render(<NotesEditor sessionId="s1" initialNotes="" />);
    type(screen.getByRole('textbox', { name: /Session notes/ }), 'keep');
    await advance(400);
    expect(backend.saveSessionNotes).toHaveBeenCalledTimes(1);
    await advance(1000);
    expect(backend.saveSessionNotes).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('notes-status')).toHaveTextContent('Not saved – retrying');
    await advance(2000);
    expect(backend.saveSessionNotes).toHaveBeenCalledTimes(3);
    expect(vi.mocked(backend.saveSessionNotes).mock.calls.every((c) => c[1] === 'keep')).toBe(true);
    expect(screen.getByTestId('notes-status').textContent).toMatch(/^Saved/);
  });

  it('does not retry a save Go rejects as invalid, and says why', async () => {
    vi.mocked(backend.saveSessionNotes).mockRejectedValue({
      code: 'invalid',
      message: 'Check the notes',
      fields: [{ field: 'notes', message: 'Session notes must be 100,000 characters or fewer' }],
    });
    render(<NotesEditor sessionId="s1" initialNotes="" />);
    type(screen.getByRole('textbox', { name: /Session notes/ }), 'too long');
    await advance(400);
    await advance(20_000);
    expect(backend.saveSessionNotes).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('notes-status')).toHaveTextContent('Not saved – Session notes must be 100,000 characters or fewer');
  });
});
