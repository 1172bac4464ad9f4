// Asking a question set's questions (the kiosk, quick capture, the builder's preview).
export { AskQuestion, askId, type AskQuestionProps } from './AskQuestion';
export * from './answers';
