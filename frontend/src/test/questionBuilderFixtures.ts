// Synthetic question sets and translations for the question set screens' tests.
import type { Question, QuestionSet, QuestionSetView, Translation } from '../lib/questions';

const meta = { createdAt: '2026-12-01T10:00:00Z', updatedAt: '2026-12-01T10:00:00Z', createdBy: 'Sam', deviceId: 'd1', rev: 1 };

export function question(over: Partial<Question> = {}): Question {
  return {
    id: 'q1',
    type: 'single',
    text: 'Which clinic do you use?',
    help: '',
    required: false,
    choices: [
      { code: 'north', label: 'North' },
      { code: 'south', label: 'South' },
    ],
    other: false,
    preferNot: false,
    faces: false,
    pick: 0,
    min: null,
    max: null,
    showIf: null,
    ...over,
  };
}

/** A set with one question of every type (and a show-if on the yes / no question). */
export function everyTypeSet(over: Partial<QuestionSet> = {}): QuestionSet {
  return {
    ...meta,
    id: 'set1',
    familyId: '',
    version: 1,
    name: 'Clinic times',
    purpose: 'Your answers will help us choose clinic times.',
    starter: '',
    archived: false,
    questions: [
      question({ id: 'q1', type: 'text', text: 'What works well?', choices: [], help: 'Anything at all' }),
      question({ id: 'q2', type: 'single', text: 'Which clinic do you use?', other: true, preferNot: true }),
      question({
        id: 'q3',
        type: 'multiple',
        text: 'When could you come?',
        choices: [
          { code: 'mornings', label: 'Mornings' },
          { code: 'evenings', label: 'Evenings' },
        ],
      }),
      question({
        id: 'q4',
        type: 'yes_no',
        text: 'Would you use a video appointment?',
        choices: [
          { code: 'yes', label: 'Yes' },
          { code: 'no', label: 'No' },
          { code: 'not_sure', label: 'Not sure' },
        ],
        showIf: { question: 'q2', answers: ['north'] },
      }),
      question({
        id: 'q5',
        type: 'scale',
        text: 'The clinic is easy to reach',
        faces: true,
        choices: ['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'].map((label, i) => ({ code: `p${i + 1}`, label })),
      }),
      question({
        id: 'q6',
        type: 'ranking',
        text: 'Pick your top two ideas',
        pick: 2,
        choices: [
          { code: 'parking', label: 'Parking' },
          { code: 'buses', label: 'Buses' },
          { code: 'ramps', label: 'Ramps' },
        ],
      }),
      question({ id: 'q7', type: 'number', text: 'How many times did you visit?', choices: [], min: 0, max: 50 }),
    ],
    ...over,
  };
}

export function translation(over: Partial<Translation> = {}): Translation {
  return {
    ...meta,
    id: 'tr-ar',
    of: 'set1',
    language: 'ar',
    languageName: 'العربية',
    reviewed: false,
    texts: { name: 'أوقات العيادة', 'q.q1.text': 'ما الذي يعمل جيدا؟' },
    ...over,
  };
}

export function view(over: Partial<QuestionSetView> = {}): QuestionSetView {
  const set = over.set ?? everyTypeSet();
  return {
    set,
    answered: false,
    newest: true,
    versions: [{ id: set.id, version: set.version, responses: 0, createdAt: set.createdAt }],
    translations: [],
    ...over,
  };
}
