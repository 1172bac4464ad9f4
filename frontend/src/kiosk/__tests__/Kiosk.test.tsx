// Kiosk mode in the browser: the gate shows only the kiosk, the form validates in the
// chosen language, the rating works from the keyboard, the thank-you screen clears itself,
// the page cannot be navigated away from, staff leave with the PIN, and axe is clean.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { App } from '../../App';
import type { KioskState, StartupState } from '../../lib/types';
import { refData, session } from '../../test/fixtures';
import { RESET_AFTER_MS } from '../KioskScreen';
import { expectAxeClean } from '../../test/axe';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const ok: StartupState = { status: 'ok', message: '', dataDir: '/tmp/d', backups: [], kiosk: false, repairable: false };
const kiosk = (over: Partial<KioskState> = {}): KioskState => ({
  active: true,
  sessionId: 's1',
  sessionTitle: 'Market stall, Brixton',
  organisation: 'Healthwatch Lambeth',
  received: 0,
  questions: { sessionId: '', fft: true, sets: [] },
  words: [],
  themes: [
    { id: 't-access', label: 'Access' },
    { id: 't-wait', label: 'Waiting times' },
  ],
  ...over,
});

async function openKiosk(state = kiosk()) {
  vi.mocked(backend.getKioskState).mockResolvedValue(state);
  const view = render(<App />);
  await screen.findByRole('heading', { level: 1, name: 'Tell us what you think' });
  await waitFor(() => expect(window.location.hash).toBe('#/kiosk')); // the kiosk's effects have run
  return view;
}

const comment = () => screen.getByRole('textbox', { name: /^Your comments/ });
const send = () => screen.getByRole('button', { name: 'Send feedback' });

describe('kiosk', { timeout: 20000 }, () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '#/');
    vi.mocked(backend.getStartupState).mockResolvedValue(ok);
    vi.mocked(backend.getReferenceData).mockResolvedValue(refData);
    vi.mocked(backend.submitKioskFeedback).mockResolvedValue({ receivedAt: '2026-06-13T10:00:00Z' });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows only the kiosk: no menu, search, sync status or other data', async () => {
    await openKiosk();
    await waitFor(() => expect(window.location.hash).toBe('#/kiosk'));
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByTestId('sync-status')).toBeNull();
    expect(screen.queryByRole('link', { name: /Sessions|Projects|Settings|Home/ })).toBeNull();
    expect(backend.getHome).not.toHaveBeenCalled();
    expect(backend.getSyncStatus).not.toHaveBeenCalled();
    expect(backend.listSessions).not.toHaveBeenCalled();
    // Whose stall this is: the organisation (Settings) and the session's title, in the
    // header; nothing else about the session.
    const whose = screen.getByTestId('kiosk-whose');
    expect(whose).toHaveTextContent('Healthwatch Lambeth: Market stall, Brixton');
    expect(within(whose).getByText('Healthwatch Lambeth').tagName).toBe('STRONG');
    expect(screen.getByTestId('kiosk-form')).not.toHaveTextContent('Market stall');
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
  });

  it('renders the staff app when kiosk mode is off', async () => {
    vi.mocked(backend.getKioskState).mockResolvedValue({ active: false, sessionId: '', sessionTitle: '', organisation: '', themes: [], received: 0, questions: { sessionId: '', fft: true, sets: [] }, words: [] });
    render(<App />);
    await screen.findByRole('searchbox', { name: 'Search' });
    expect(screen.queryByTestId('kiosk')).toBeNull();
  });

  it('cannot be navigated away from', async () => {
    await openKiosk();
    act(() => {
      window.location.hash = '#/sessions';
    });
    await waitFor(() => expect(window.location.hash).toBe('#/kiosk'));
    act(() => {
      window.history.back();
    });
    await waitFor(() => expect(window.location.hash).toBe('#/kiosk'));
    const altLeft = new KeyboardEvent('keydown', { key: 'ArrowLeft', altKey: true, bubbles: true, cancelable: true });
    window.dispatchEvent(altLeft);
    expect(altLeft.defaultPrevented).toBe(true);
    const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.body.dispatchEvent(menu);
    expect(menu.defaultPrevented).toBe(true);
    expect(screen.getByRole('heading', { level: 1, name: 'Tell us what you think' })).toBeInTheDocument();
    expect(screen.queryByRole('searchbox')).toBeNull();
  });

  it('asks for a comment before sending, with an error summary that links to it', async () => {
    const user = userEvent.setup();
    await openKiosk();
    await user.click(send());
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('There is a problem');
    const link = within(summary).getByRole('link', { name: 'Tell us about your experience' });
    expect(link).toHaveAttribute('href', '#text');
    expect(backend.submitKioskFeedback).not.toHaveBeenCalled();
    await user.click(link);
    expect(comment()).toHaveFocus();
    expect(comment()).toHaveAccessibleDescription(expect.stringContaining('Tell us about your experience'));
  });

  it('rejects a comment over the length limit without sending it', async () => {
    await openKiosk();
    fireEvent.change(comment(), { target: { value: 'x'.repeat(20001) } });
    fireEvent.click(send());
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('Your comment is too long');
    expect(backend.submitKioskFeedback).not.toHaveBeenCalled();
  });

  it('picks the rating with the keyboard: faces with words, arrow keys, clear', async () => {
    const user = userEvent.setup();
    await openKiosk();
    const group = screen.getByRole('group', { name: 'Overall, how was your experience?' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['5', '4', '3', '2', '1', '0']);
    expect(within(group).getByRole('radio', { name: /Very good/ })).toBeInTheDocument();
    expect(within(group).getByRole('radio', { name: /Don't know/ })).toBeInTheDocument();
    expect(group.querySelectorAll('svg[aria-hidden="true"]')).toHaveLength(6);

    await user.click(comment());
    await user.keyboard('Fine');
    await user.tab(); // into the rating group
    expect(radios[0]).toHaveFocus();
    await user.keyboard(' '); // Very good
    expect(radios[0]).toBeChecked();
    await user.keyboard('{ArrowRight}'); // Good
    expect(radios[1]).toBeChecked();
    expect(radios[1]).toHaveFocus();
    await user.keyboard('{ArrowRight}{ArrowRight}'); // Poor
    expect(within(group).getByRole('radio', { name: /^Poor/ })).toBeChecked();

    await user.click(within(group).getByRole('button', { name: 'Clear my answer' }));
    expect(radios.every((r) => !(r as HTMLInputElement).checked)).toBe(true);
    expect(radios[0]).toHaveFocus();
  });

  it('sends everything to Go, thanks the person, and clears itself after a few seconds', async () => {
    const user = userEvent.setup();
    await openKiosk();

    await user.type(comment(), '  The nurse was kind.  ');
    await user.click(screen.getByRole('radio', { name: /^Good/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Waiting times' }));
    await user.click(screen.getByText('About you (optional)'));
    await user.click(screen.getByRole('radio', { name: '18 to 24' }));
    await user.click(screen.getByRole('radio', { name: 'White' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Which borough do you live in?' }), 'E09000028');

    // Only the timers of the thank-you screen are faked (Testing Library's waits use real ones).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await act(async () => {
      fireEvent.click(send());
    });
    expect(backend.submitKioskFeedback).toHaveBeenCalledTimes(1);
    expect(vi.mocked(backend.submitKioskFeedback).mock.calls[0][0]).toEqual({
      text: 'The nurse was kind.',
      rating: 4,
      themes: ['t-wait'],
      ageBand: '18_24',
      ethnicGroup: 'white',
      borough: 'E09000028',
      responses: [],
    });
    const thanks = screen.getByTestId('kiosk-thanks');
    expect(within(thanks).getByRole('heading', { level: 1, name: 'Thank you' })).toHaveFocus();
    expect(thanks).toHaveTextContent('This screen will clear in a few seconds');

    act(() => {
      vi.advanceTimersByTime(RESET_AFTER_MS - 100);
    });
    expect(screen.getByTestId('kiosk-thanks')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(screen.queryByTestId('kiosk-thanks')).toBeNull();
    expect(comment()).toHaveValue('');
    expect(screen.getByRole('radio', { name: /^Good/ })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Waiting times' })).not.toBeChecked();
    expect(screen.getByRole('heading', { level: 1, name: 'Tell us what you think' })).toHaveFocus();
  });

  it('"Leave more feedback" clears the form at once and keeps the language; the thank-you screen is clean under axe', async () => {
    const user = userEvent.setup();
    const view = await openKiosk();
    await user.click(screen.getByRole('button', { name: 'Español' }));
    await user.type(screen.getByRole('textbox', { name: /^Sus comentarios/ }), 'Muy bien');
    await user.click(screen.getByRole('button', { name: 'Enviar opinión' }));
    await screen.findByRole('heading', { level: 1, name: 'Gracias' });
    await expectAxeClean(view.container);
    await user.click(screen.getByRole('button', { name: 'Dejar otra opinión' }));
    expect(screen.getByRole('textbox', { name: /^Sus comentarios/ })).toHaveValue('');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Díganos qué le ha parecido');
  });

  it('switches language: every word, the lang attribute, and back to English for the next person', async () => {
    const user = userEvent.setup();
    const view = await openKiosk();
    const nav = screen.getByRole('navigation', { name: 'Language' });
    const es = within(nav).getByRole('button', { name: 'Español' });
    expect(es).toHaveAttribute('lang', 'es');
    expect(within(nav).getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

    await user.type(comment(), 'typed before switching');
    await user.click(es);
    expect(es).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('es');
    expect(screen.getByTestId('kiosk')).toHaveAttribute('lang', 'es');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Díganos qué le ha parecido');
    expect(screen.getByRole('group', { name: 'En general, ¿cómo fue su experiencia?' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Muy buena/ })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Idioma' })).toBeInTheDocument();
    expect(screen.getByTestId('kiosk-privacy')).toHaveTextContent('Cómo usamos su opinión');
    // What was typed stays.
    expect(screen.getByRole('textbox', { name: /^Sus comentarios/ })).toHaveValue('typed before switching');
    // Staff controls stay in English, marked as such.
    expect(screen.getByRole('button', { name: 'Staff: leave kiosk' }).closest('footer')).toHaveAttribute('lang', 'en');
    await expectAxeClean(view.container);

    // Errors in Spanish too, including Go's (by field).
    vi.mocked(backend.submitKioskFeedback).mockRejectedValueOnce({
      code: 'invalid',
      message: 'There is a problem with your feedback',
      fields: [{ field: 'rating', message: 'Choose one of the answers about your experience, or leave it blank' }],
    });
    await user.click(screen.getByRole('button', { name: 'Enviar opinión' }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('Hay un problema');
    expect(summary).toHaveTextContent('Elija una de las respuestas sobre su experiencia');

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Enviar opinión' }));
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Gracias' })).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(RESET_AFTER_MS + 10);
    });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Tell us what you think');
    expect(document.documentElement.lang).toBe('en');
  });

  it('says plainly when Go could not save, without losing what was typed', async () => {
    const user = userEvent.setup();
    await openKiosk();
    vi.mocked(backend.submitKioskFeedback).mockRejectedValueOnce({ code: 'internal', message: 'Internal error.' });
    await user.type(comment(), 'keep me');
    await user.click(send());
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('Sorry, your feedback could not be saved');
    expect(comment()).toHaveValue('keep me');
  });

  it('lets staff leave with the PIN, not without it', async () => {
    const user = userEvent.setup();
    await openKiosk();
    const opener = screen.getByRole('button', { name: 'Staff: leave kiosk' });
    expect(opener).toHaveAttribute('aria-expanded', 'false');
    await user.click(opener);
    const panel = screen.getByTestId('kiosk-staff-panel');
    const pin = within(panel).getByLabelText(/Staff PIN/);
    expect(pin).toHaveFocus();
    expect(pin).toHaveAttribute('type', 'password');
    expect(panel).toHaveTextContent('Market stall, Brixton');

    vi.mocked(backend.leaveKiosk).mockRejectedValueOnce({
      code: 'unauthorized',
      message: 'That PIN is not right.',
      fields: [{ field: 'pin', message: 'That PIN is not right.' }],
    });
    await user.type(pin, '1111{Enter}');
    expect(await within(panel).findByText(/That PIN is not right/)).toBeInTheDocument();
    expect(pin).toHaveValue('');
    expect(screen.getByTestId('kiosk')).toBeInTheDocument();

    vi.mocked(backend.leaveKiosk).mockResolvedValueOnce({ active: false, sessionId: '', sessionTitle: '', organisation: '', themes: [], received: 0, questions: { sessionId: '', fft: true, sets: [] }, words: [] });
    await user.type(pin, '2468');
    await user.click(within(panel).getByRole('button', { name: 'Leave kiosk' }));
    await waitFor(() => expect(screen.queryByTestId('kiosk')).toBeNull());
    expect(vi.mocked(backend.leaveKiosk).mock.calls.map((c) => c[0])).toEqual(['1111', '2468']);
    expect(window.location.hash).toBe('#/sessions/s1');
    await screen.findByRole('searchbox', { name: 'Search' }); // the staff app is back
    expect(backend.getSession).toHaveBeenCalledWith('s1');
  });

  it('is clean under axe, with errors showing', async () => {
    const user = userEvent.setup();
    const view = await openKiosk();
    await expectAxeClean(view.container);
    await user.click(send());
    await screen.findByTestId('error-summary');
    await user.click(screen.getByRole('button', { name: 'Staff: leave kiosk' }));
    await expectAxeClean(view.container);
  });

  it('shows staff how many responses came in, and asks "Mark as held?" for a planned session', async () => {
    const user = userEvent.setup();
    await openKiosk();
    vi.mocked(backend.getSession).mockResolvedValue(session({ id: 's1', status: 'planned' }));
    vi.mocked(backend.listFeedback).mockResolvedValue([]);
    vi.mocked(backend.listThemes).mockResolvedValue([]);
    vi.mocked(backend.updateSession).mockResolvedValue(session({ id: 's1', status: 'held' }));
    vi.mocked(backend.leaveKiosk).mockResolvedValueOnce({ active: false, sessionId: 's1', sessionTitle: '', organisation: '', themes: [], received: 13, questions: { sessionId: '', fft: true, sets: [] }, words: [] });
    await user.click(screen.getByRole('button', { name: 'Staff: leave kiosk' }));
    await user.type(screen.getByLabelText(/Staff PIN/), '2468{Enter}');
    const question = await screen.findByTestId('mark-held');
    expect(question).toHaveTextContent('Kiosk mode is off. 13 responses came in while it was on.');
    await waitFor(() => expect(within(question).getByRole('heading', { name: 'Mark as held?' })).toHaveFocus());
    await user.click(within(question).getByRole('button', { name: 'Yes, mark as held' }));
    await waitFor(() => expect(screen.queryByTestId('mark-held')).toBeNull());
    const [id, loaded, edited] = vi.mocked(backend.updateSession).mock.calls[0];
    expect(id).toBe('s1');
    expect(edited).toEqual({ ...loaded, status: 'held' });
  });

  it('after leaving, a held session shows only the count', async () => {
    const user = userEvent.setup();
    await openKiosk();
    vi.mocked(backend.getSession).mockResolvedValue(session({ id: 's1', status: 'held' }));
    vi.mocked(backend.listFeedback).mockResolvedValue([]);
    vi.mocked(backend.listThemes).mockResolvedValue([]);
    vi.mocked(backend.leaveKiosk).mockResolvedValueOnce({ active: false, sessionId: 's1', sessionTitle: '', organisation: '', themes: [], received: 1, questions: { sessionId: '', fft: true, sets: [] }, words: [] });
    await user.click(screen.getByRole('button', { name: 'Staff: leave kiosk' }));
    await user.type(screen.getByLabelText(/Staff PIN/), '2468{Enter}');
    expect(await screen.findByTestId('kiosk-left')).toHaveTextContent('Kiosk mode is off. 1 response came in while it was on.');
    expect(screen.queryByTestId('mark-held')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Hide this message' }));
    expect(screen.queryByTestId('kiosk-left')).toBeNull();
  });
});
