// A question set with every type of question, its Arabic translation and the kiosk's
// words in Arabic (synthetic), for the tests of asking questions (kiosk, quick capture).
import type { Question, QuestionSet, SessionQuestions, Translation } from '../lib/questions';

const meta = (id: string) => ({
  id,
  createdAt: '2026-06-01T09:00:00.000Z',
  updatedAt: '2026-06-01T09:00:00.000Z',
  createdBy: 'Sam',
  deviceId: 'dev',
  rev: 1,
});

export const question = (over: Partial<Question> & Pick<Question, 'id' | 'type' | 'text'>): Question => ({
  help: '',
  required: false,
  choices: [],
  other: false,
  preferNot: false,
  faces: false,
  pick: 0,
  min: null,
  max: null,
  showIf: null,
  ...over,
});

export const SET_ID = '0190a000-0000-7000-8000-000000000001';
export const SET2_ID = '0190a000-0000-7000-8000-000000000002';

/** Every type: text, single (required, Other), show-if, multiple, yes / no, scale with faces, ranking, number. */
export const everyType: QuestionSet = {
  ...meta(SET_ID),
  familyId: '',
  version: 1,
  name: 'Clinic ideas',
  purpose: 'Your answers help us choose which idea to try first.',
  starter: '',
  archived: false,
  questions: [
    question({ id: 'visit', type: 'text', text: 'Why did you come today?', help: 'A few words is fine.', preferNot: true }),
    question({
      id: 'travel',
      type: 'single',
      text: 'How did you travel here?',
      required: true,
      other: true,
      choices: [
        { code: 'bus', label: 'Bus' },
        { code: 'car', label: 'Car' },
        { code: 'walk', label: 'Walking' },
      ],
    }),
    question({ id: 'parking', type: 'text', text: 'Was parking easy?', showIf: { question: 'travel', answers: ['car'] } }),
    question({
      id: 'needs',
      type: 'multiple',
      text: 'What would help you?',
      preferNot: true,
      choices: [
        { code: 'evening', label: 'Evening clinics' },
        { code: 'video', label: 'Video appointments' },
        { code: 'interpreter', label: 'An interpreter' },
      ],
    }),
    question({ id: 'again', type: 'yes_no', text: 'Would you come again?', choices: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'not_sure', label: 'Not sure' }] }),
    question({
      id: 'welcome',
      type: 'scale',
      text: 'How welcome did you feel?',
      faces: true,
      choices: [
        { code: 'v1', label: 'Not at all' },
        { code: 'v2', label: 'A little' },
        { code: 'v3', label: 'Somewhat' },
        { code: 'v4', label: 'Mostly' },
        { code: 'v5', label: 'Very' },
      ],
    }),
    question({
      id: 'ideas',
      type: 'ranking',
      text: 'Pick your top 2 ideas',
      pick: 2,
      choices: [
        { code: 'app', label: 'A booking app' },
        { code: 'cafe', label: 'A café' },
        { code: 'garden', label: 'A garden' },
        { code: 'bus', label: 'A shuttle bus' },
      ],
    }),
    question({ id: 'age', type: 'number', text: 'How old are you?', min: 0, max: 120, preferNot: true }),
  ],
};

/** The set in Arabic (right to left). */
export const everyTypeArabic: Translation = {
  ...meta('0190a000-0000-7000-8000-0000000000a1'),
  of: SET_ID,
  language: 'ar',
  languageName: 'العربية',
  reviewed: true,
  texts: {
    name: 'أفكار العيادة',
    purpose: 'تساعدنا إجاباتك على اختيار الفكرة التي نجربها أولاً.',
    'q.visit.text': 'لماذا أتيت اليوم؟',
    'q.travel.text': 'كيف سافرت إلى هنا؟',
    'q.travel.c.bus': 'حافلة',
    'q.travel.c.car': 'سيارة',
    'q.travel.c.walk': 'مشياً',
    'q.travel.other': 'غير ذلك، يرجى التوضيح',
    'q.parking.text': 'هل كان ركن السيارة سهلاً؟',
    'q.needs.text': 'ما الذي قد يساعدك؟',
    'q.needs.c.evening': 'عيادات مسائية',
    'q.needs.c.video': 'مواعيد بالفيديو',
    'q.again.text': 'هل ستأتي مرة أخرى؟',
    'q.again.c.yes': 'نعم',
    'q.welcome.text': 'كم شعرت بالترحيب؟',
    'q.ideas.text': 'اختر أفضل فكرتين',
    'q.ideas.c.app': 'تطبيق للحجز',
    'q.ideas.c.garden': 'حديقة',
    'q.age.text': 'كم عمرك؟',
  },
};

/** The kiosk's own words in Arabic, added as data (some left to English). */
export const kioskArabic: Translation = {
  ...meta('0190a000-0000-7000-8000-0000000000a2'),
  of: 'kiosk',
  language: 'ar',
  languageName: 'العربية',
  reviewed: false,
  texts: {
    'language.legend': 'اللغة',
    'questions.purposeTitle': 'ما الذي ستساعدنا إجاباتك على تقريره',
    'questions.start': 'ابدأ',
    'questions.next': 'التالي',
    'questions.skip': 'تخطَّ هذا السؤال',
    'questions.back': 'رجوع',
    'questions.progress': 'السؤال {n} من {total}',
    'ask.preferNot': 'أفضل عدم الإجابة',
    submit: 'إرسال',
    'thanks.title': 'شكراً لك',
  },
};

/** A second, small set (two sets asked in one session). */
export const shortSet: QuestionSet = {
  ...meta(SET2_ID),
  familyId: '',
  version: 3,
  name: 'About the room',
  purpose: 'Helps us book rooms.',
  starter: '',
  archived: false,
  questions: [question({ id: 'room', type: 'yes_no', text: 'Was the room easy to find?', choices: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'not_sure', label: 'Not sure' }] })],
};

export const sessionQuestions = (over: Partial<SessionQuestions> = {}): SessionQuestions => ({
  sessionId: 's1',
  fft: true,
  sets: [{ set: everyType, translations: [everyTypeArabic] }],
  ...over,
});
