// The kiosk for a session with question sets: the language first (built-in, added as
// data, and the sets' translations), the purpose, one question per screen with
// progress, Back and Skip (not for required questions), show-if, the last screen (the
// comment optional), ONE submission with the responses, Go's errors on answers back on
// their question, right to left in Arabic, and axe on every screen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { App } from '../../App';
import type { KioskState, StartupState } from '../../lib/types';
import { refData } from '../../test/fixtures';
import { everyType, kioskArabic, SET_ID, SET2_ID, sessionQuestions, shortSet } from '../../test/questionFixtures';
import { expectAxeClean } from '../../test/axe';
import { kioskLocales, LOCALES } from '../i18n';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const ok: StartupState = { status: 'ok', message: '', dataDir: '/tmp/d', backups: [], kiosk: false, repairable: false };
const kiosk = (over: Partial<KioskState> = {}): KioskState => ({
  active: true,
  sessionId: 's1',
  sessionTitle: 'Clinic open day',
  organisation: 'Healthwatch Lambeth',
  received: 0,
  questions: sessionQuestions(),
  words: [kioskArabic],
  themes: [{ id: 't-access', label: 'Access' }],
  ...over,
});

async function openKiosk(state = kiosk()) {
  vi.mocked(backend.getKioskState).mockResolvedValue(state);
  const view = render(<App />);
  await screen.findByRole('heading', { level: 1, name: 'Choose your language' });
  await waitFor(() => expect(window.location.hash).toBe('#/kiosk'));
  return view;
}

const h1 = () => screen.getByRole('heading', { level: 1 });
const btn = (name: string | RegExp) => screen.getByRole('button', { name });
const question = () => screen.getByTestId('kiosk-question');

describe('kiosk with question sets', { timeout: 30000 }, () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '#/');
    vi.mocked(backend.getStartupState).mockResolvedValue(ok);
    vi.mocked(backend.getReferenceData).mockResolvedValue(refData);
    vi.mocked(backend.submitKioskFeedback).mockReset();
    vi.mocked(backend.submitKioskFeedback).mockResolvedValue({ receivedAt: '2026-06-13T10:00:00Z' });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('offers the built-in languages, those added as data and the sets\' translations', () => {
    const list = kioskLocales([kioskArabic], [{ set: everyType, translations: [{ ...kioskArabic, of: SET_ID, language: 'pl', languageName: 'Polski' }] }]);
    expect(list.map((l) => [l.code, l.name, l.dir])).toEqual([
      ['en', 'English', 'ltr'],
      ['es', 'Español', 'ltr'],
      ['pl', 'Polski', 'ltr'],
      ['ar', 'العربية', 'rtl'],
    ]);
    expect(list.find((l) => l.code === 'ar')!.messages['questions.next']).toBe('التالي');
    // Words added as data for a built-in language go over the file's.
    const es = kioskLocales([{ ...kioskArabic, language: 'es', languageName: 'Español', texts: { submit: 'Mandar' } }], []).find((l) => l.code === 'es')!;
    expect(es.messages.submit).toBe('Mandar');
    expect(es.messages['page.title']).toBe(LOCALES.find((l) => l.code === 'es')!.messages['page.title']);
  });

  it('in Arabic, right to left: every type answered, then again in English skipping the optional questions; one submission each', async () => {
    const user = userEvent.setup();
    const view = await openKiosk();
    await expectAxeClean(view.container);

    // The language chooser: each language in its own words and direction.
    const ar = within(screen.getByTestId('kiosk-language')).getByRole('button', { name: 'العربية' });
    expect(ar).toHaveAttribute('lang', 'ar');
    expect(ar).toHaveAttribute('dir', 'rtl');
    await user.click(ar);

    // What the answers will help decide, in Arabic.
    expect(h1()).toHaveTextContent('ما الذي ستساعدنا إجاباتك على تقريره');
    expect(h1()).toHaveFocus();
    expect(screen.getByTestId('kiosk')).toHaveAttribute('dir', 'rtl');
    expect(document.documentElement.dir).toBe('rtl');
    const purpose = screen.getByTestId('kiosk-purpose');
    expect(purpose).toHaveTextContent('أفكار العيادة');
    expect(purpose).toHaveTextContent('تساعدنا إجاباتك على اختيار الفكرة التي نجربها أولاً.');
    await expectAxeClean(view.container);
    await user.click(btn('ابدأ'));

    // 1 free text (optional, Prefer not to say): right to left, translated, with progress.
    const ask1 = screen.getByTestId('ask-visit');
    expect(ask1).toHaveAttribute('dir', 'rtl');
    expect(ask1).toHaveAttribute('lang', 'ar');
    expect(h1()).toHaveTextContent('السؤال 1 من 7');
    expect(h1()).toHaveTextContent('لماذا أتيت اليوم؟');
    expect(h1()).toHaveFocus();
    // The help text has no Arabic: shown in English, marked as English.
    expect(within(ask1).getByText('A few words is fine.')).toHaveAttribute('lang', 'en');
    expect(btn('تخطَّ هذا السؤال')).toBeInTheDocument();
    await expectAxeClean(view.container);
    await user.type(screen.getByRole('textbox', { name: /لماذا أتيت اليوم؟/ }), 'موعد');
    await user.click(btn('التالي'));

    // 2 single choice, required: no Skip; Next without an answer says what to do.
    expect(h1()).toHaveTextContent('السؤال 2 من 7');
    expect(screen.queryByRole('button', { name: 'تخطَّ هذا السؤال' })).toBeNull();
    expect(question()).toHaveTextContent('You need to answer this question to go on.');
    await user.click(btn('التالي'));
    expect(document.getElementById('kq-0-travel-error')).toHaveTextContent('Error: Answer this question to go on');
    expect(h1()).toHaveTextContent('السؤال 2 من 7'); // still here
    await expectAxeClean(view.container);
    // Car shows the parking question (show-if): 8 questions now.
    await user.click(screen.getByRole('radio', { name: 'سيارة' }));
    expect(h1()).toHaveTextContent('السؤال 2 من 8');
    await user.click(btn('التالي'));

    // 3 shown only for car.
    expect(h1()).toHaveTextContent('هل كان ركن السيارة سهلاً؟');
    await user.type(screen.getByRole('textbox', { name: /هل كان ركن السيارة سهلاً؟/ }), 'نعم');
    await user.click(btn('التالي'));

    // 4 multiple choice, "Prefer not to say" is exclusive.
    expect(h1()).toHaveTextContent('السؤال 4 من 8');
    await user.click(screen.getByRole('checkbox', { name: 'أفضل عدم الإجابة' }));
    await user.click(screen.getByRole('checkbox', { name: 'مواعيد بالفيديو' }));
    expect(screen.getByRole('checkbox', { name: 'أفضل عدم الإجابة' })).not.toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'عيادات مسائية' }));
    await user.click(btn('التالي'));

    // 5 yes / no / not sure ("Not sure" untranslated: English, marked).
    expect(screen.getByRole('radio', { name: 'Not sure' })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'نعم' }));
    await user.click(btn('التالي'));

    // 6 scale with faces (decoration: hidden from screen readers).
    const scale = screen.getByTestId('ask-welcome');
    expect(scale.querySelectorAll('svg[aria-hidden="true"]')).toHaveLength(5);
    await user.click(screen.getByRole('radio', { name: 'Mostly' }));
    await user.click(btn('التالي'));

    // 7 ranking: tick in order, the order shown; a third is refused.
    expect(h1()).toHaveTextContent('اختر أفضل فكرتين');
    await user.click(screen.getByRole('checkbox', { name: 'حديقة' }));
    await user.click(screen.getByRole('checkbox', { name: 'تطبيق للحجز' }));
    expect(screen.getByRole('checkbox', { name: /حديقة/ })).toHaveAccessibleName(/choice 1/);
    expect(screen.getByRole('checkbox', { name: /تطبيق للحجز/ })).toHaveAccessibleName(/choice 2/);
    await user.click(screen.getByRole('checkbox', { name: 'A café' }));
    expect(screen.getByRole('checkbox', { name: 'A café' })).not.toBeChecked();
    expect(screen.getByTestId('ask-ideas')).toHaveTextContent('You have chosen 2.');
    await expectAxeClean(view.container);
    await user.click(btn('التالي'));

    // 8 number, checked against its range before going on.
    expect(h1()).toHaveTextContent('السؤال 8 من 8');
    const age = screen.getByRole('textbox', { name: /كم عمرك؟/ });
    await user.type(age, '200');
    await user.click(btn('التالي'));
    expect(document.getElementById('kq-0-age-error')).toHaveTextContent('Error: Enter a number from 0 to 120');
    expect(age).toHaveFocus();
    await user.clear(age);
    await user.type(age, '42');
    await user.click(btn('التالي'));

    // The last screen: the comment is optional; the rating as today.
    expect(screen.getByTestId('kiosk-form')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: /Overall, how was your experience/ })).toBeInTheDocument();
    expect(screen.getByTestId('kiosk-privacy')).toBeInTheDocument();
    await expectAxeClean(view.container);
    await user.type(screen.getByRole('textbox', { name: /^Your comments/ }), 'شكراً');
    await user.click(screen.getByRole('radio', { name: /^Good/ }));
    await user.click(btn('إرسال'));

    await screen.findByRole('heading', { level: 1, name: 'شكراً لك' });
    expect(backend.submitKioskFeedback).toHaveBeenCalledTimes(1);
    expect(vi.mocked(backend.submitKioskFeedback).mock.calls[0][0]).toEqual({
      text: 'شكراً',
      rating: 4,
      themes: [],
      ageBand: '',
      ethnicGroup: '',
      borough: '',
      responses: [
        {
          questionSetId: SET_ID,
          language: 'ar',
          answers: [
            { q: 'visit', text: 'موعد' },
            { q: 'travel', choices: ['car'] },
            { q: 'parking', text: 'نعم' },
            { q: 'needs', choices: ['video', 'evening'] },
            { q: 'again', choices: ['yes'] },
            { q: 'welcome', choices: ['v4'] },
            { q: 'ideas', choices: ['garden', 'app'] },
            { q: 'age', number: 42 },
          ],
        },
      ],
    });

    // The second person, in English, skips every optional question and writes nothing.
    await user.click(btn('Leave more feedback'));
    await screen.findByRole('heading', { level: 1, name: 'Choose your language' });
    await user.click(within(screen.getByTestId('kiosk-language')).getByRole('button', { name: 'English' }));
    expect(screen.getByTestId('kiosk')).toHaveAttribute('dir', 'ltr');
    await user.click(btn('Start'));
    expect(screen.getByTestId('ask-visit')).toHaveAttribute('lang', 'en');
    expect(h1()).toHaveTextContent('Question 1 of 7');
    await user.click(btn('Skip this question'));
    await user.click(screen.getByRole('radio', { name: 'Other, please say' }));
    await user.type(screen.getByRole('textbox', { name: 'Please tell us' }), 'Bicycle');
    await user.click(btn('Next'));
    for (let i = 3; i <= 7; i++) {
      expect(h1()).toHaveTextContent(`Question ${i} of 7`);
      await user.click(btn('Skip this question'));
    }
    expect(screen.getByRole('heading', { level: 1, name: 'Anything else you want to tell us?' })).toBeInTheDocument();
    await user.click(btn('Send feedback'));
    await screen.findByRole('heading', { level: 1, name: 'Thank you' });
    expect(vi.mocked(backend.submitKioskFeedback).mock.calls[1][0]).toEqual({
      text: '',
      rating: null,
      themes: [],
      ageBand: '',
      ethnicGroup: '',
      borough: '',
      responses: [{ questionSetId: SET_ID, language: 'en', answers: [{ q: 'travel', choices: ['other'], text: 'Bicycle' }] }],
    });
  });

  it('drops the answer to a question the show-if rule hides when the earlier answer changes; Back keeps answers', async () => {
    const user = userEvent.setup();
    await openKiosk();
    await user.click(within(screen.getByTestId('kiosk-language')).getByRole('button', { name: 'English' }));
    await user.click(btn('Start'));
    await user.click(btn('Skip this question'));
    await user.click(screen.getByRole('radio', { name: 'Car' }));
    await user.click(btn('Next'));
    await user.type(screen.getByRole('textbox', { name: /Was parking easy/ }), 'No, it was full');
    await user.click(btn('Back'));
    expect(screen.getByRole('radio', { name: 'Car' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Bus' }));
    expect(h1()).toHaveTextContent('Question 2 of 7');
    await user.click(btn('Next'));
    expect(h1()).toHaveTextContent('What would help you?'); // parking passed over
    await user.click(btn('Back'));
    await user.click(screen.getByRole('radio', { name: 'Car' }));
    await user.click(btn('Next'));
    expect(screen.getByRole('textbox', { name: /Was parking easy/ })).toHaveValue(''); // dropped, not kept
    await user.click(btn('Back'));
    await user.click(screen.getByRole('radio', { name: 'Walking' }));
    await user.click(btn('Next'));
    for (let i = 0; i < 5; i++) await user.click(btn('Skip this question'));
    // Back from the last screen goes to the last question shown; the comment typed stays.
    await user.type(screen.getByRole('textbox', { name: /^Your comments/ }), 'Kept');
    await user.click(btn('Back'));
    expect(h1()).toHaveTextContent('How old are you?');
    await user.click(btn('Skip this question'));
    expect(screen.getByRole('textbox', { name: /^Your comments/ })).toHaveValue('Kept');
    await user.click(btn('Send feedback'));
    await screen.findByRole('heading', { level: 1, name: 'Thank you' });
    expect(vi.mocked(backend.submitKioskFeedback).mock.calls[0][0].responses).toEqual([
      { questionSetId: SET_ID, language: 'en', answers: [{ q: 'travel', choices: ['walk'] }] },
    ]);
    expect(vi.mocked(backend.submitKioskFeedback).mock.calls[0][0].text).toBe('Kept');
  });

  it('takes the person back to the question Go found a problem with, with the message', async () => {
    const user = userEvent.setup();
    await openKiosk(kiosk({ questions: sessionQuestions({ fft: false, sets: [{ set: everyType, translations: [] }, { set: shortSet, translations: [] }] }) }));
    await user.click(within(screen.getByTestId('kiosk-language')).getByRole('button', { name: 'English' }));
    expect(screen.getByTestId('kiosk-purpose')).toHaveTextContent('About the room');
    await user.click(btn('Start'));
    await user.click(btn('Skip this question'));
    await user.click(screen.getByRole('radio', { name: 'Bus' }));
    await user.click(btn('Next'));
    for (let i = 0; i < 5; i++) await user.click(btn('Skip this question'));
    expect(h1()).toHaveTextContent('Question 8 of 8');
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await user.click(btn('Next'));
    // No rating when the session does not ask the Friends and Family Test.
    expect(screen.queryByRole('group', { name: /Overall, how was your experience/ })).toBeNull();
    vi.mocked(backend.submitKioskFeedback).mockRejectedValueOnce({
      code: 'invalid',
      message: 'There is a problem with your feedback',
      fields: [{ field: 'responses.1.answers.room', message: 'Question 1: the answer yes is not one of its choices' }],
    });
    await user.click(btn('Send feedback'));
    await waitFor(() => expect(h1()).toHaveTextContent('Was the room easy to find?'));
    expect(document.getElementById('kq-1-room-error')).toHaveTextContent('Question 1: the answer yes is not one of its choices');
    expect(screen.getByRole('radio', { name: 'Yes' })).toHaveFocus();
    await user.click(btn('Next'));
    await user.click(btn('Send feedback'));
    await screen.findByRole('heading', { level: 1, name: 'Thank you' });
    const sent = vi.mocked(backend.submitKioskFeedback).mock.calls[1][0];
    expect(sent.rating).toBeNull();
    expect(sent.responses).toEqual([
      { questionSetId: SET_ID, language: 'en', answers: [{ q: 'travel', choices: ['bus'] }] },
      { questionSetId: SET2_ID, language: 'en', answers: [{ q: 'room', choices: ['yes'] }] },
    ]);
  });

  it('asks for a comment when nothing was answered, and clears itself for the next person', async () => {
    const user = userEvent.setup();
    const only = { ...everyType, questions: everyType.questions.filter((q) => q.id === 'visit') };
    await openKiosk(kiosk({ questions: sessionQuestions({ sets: [{ set: only, translations: [] }] }) }));
    await user.click(within(screen.getByTestId('kiosk-language')).getByRole('button', { name: 'English' }));
    await user.click(btn('Start'));
    expect(h1()).toHaveTextContent('Question 1 of 1');
    await user.click(btn('Skip this question'));
    await user.click(btn('Send feedback'));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('Tell us about your experience');
    expect(backend.submitKioskFeedback).not.toHaveBeenCalled();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.change(screen.getByRole('textbox', { name: /^Your comments/ }), { target: { value: 'Good day' } });
    await act(async () => {
      fireEvent.click(btn('Send feedback'));
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Thank you' })).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(9000);
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Choose your language' })).toBeInTheDocument();
  });
});
