import { describe, expect, it } from 'vitest';
import { fieldErrorMap, isBackendError, toBackendError } from './errors';

describe('toBackendError', () => {
  it('keeps a BackendError object as it is', () => {
    const e = { code: 'invalid', message: 'Check the session', fields: [{ field: 'title', message: 'Enter a session title' }] };
    expect(toBackendError(e)).toEqual(e);
  });

  it('parses the JSON text of an error object', () => {
    const e = toBackendError('{"code":"not_found","message":"Session not found"}');
    expect(e).toEqual({ code: 'not_found', message: 'Session not found' });
  });

  it('turns a plain string into an internal error with that message', () => {
    expect(toBackendError('disk full')).toEqual({ code: 'internal', message: 'disk full' });
  });

  it('does not choke on text that only looks like JSON', () => {
    expect(toBackendError('{oops')).toEqual({ code: 'internal', message: '{oops' });
  });

  it('unwraps an Error whose message is the JSON object', () => {
    const e = toBackendError(new Error('{"code":"conflict","message":"Changed elsewhere"}'));
    expect(e).toEqual({ code: 'conflict', message: 'Changed elsewhere' });
  });

  it('uses the message of an ordinary Error', () => {
    expect(toBackendError(new TypeError("window.go is undefined"))).toEqual({ code: 'internal', message: 'window.go is undefined' });
  });

  it("keeps Go's locked code (sealed fields while Involve is locked)", () => {
    const e = toBackendError({ code: 'locked', message: 'Involve is locked.' });
    expect(e).toEqual({ code: 'locked', message: 'Involve is locked.' });
  });

  it("keeps Go's erased code (a change to an erased partner or comment)", () => {
    const e = toBackendError({ code: 'erased', message: 'This Lived Experience Partner was erased on 1 December 2026.' });
    expect(e).toEqual({ code: 'erased', message: 'This Lived Experience Partner was erased on 1 December 2026.' });
  });

  it("keeps Go's forbidden code (a capture laptop and a partner's details)", () => {
    const e = toBackendError('{"code":"forbidden","message":"This laptop is enrolled for capture"}');
    expect(e).toEqual({ code: 'forbidden', message: 'This laptop is enrolled for capture' });
  });

  it('maps unknown codes to internal and drops malformed field entries', () => {
    const e = toBackendError({ code: 'EWEIRD', message: 'x', fields: [{ field: 'a', message: 'b' }, { nope: 1 }, 'junk'] });
    expect(e).toEqual({ code: 'internal', message: 'x', fields: [{ field: 'a', message: 'b' }] });
  });

  it('gives a message for null, undefined and odd values', () => {
    expect(toBackendError(null).message).toBe('Something went wrong');
    expect(toBackendError(undefined).code).toBe('internal');
    expect(toBackendError(42)).toEqual({ code: 'internal', message: '42' });
    expect(toBackendError({ code: 'invalid' })).toEqual({ code: 'invalid', message: 'Something went wrong' });
  });

  it('recognises and maps field errors', () => {
    const e = toBackendError({ code: 'invalid', message: 'm', fields: [{ field: 'date', message: 'Enter the date' }, { field: 'date', message: 'second' }] });
    expect(isBackendError(e)).toBe(true);
    expect(isBackendError('nope')).toBe(false);
    expect(fieldErrorMap(e)).toEqual({ date: 'Enter the date' });
  });
});
