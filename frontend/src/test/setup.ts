import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

// findBy… and waitFor wait for what must appear, not for how fast: the first render of
// the whole app on a two-core CI machine that is also running Go tests can take more
// than Testing Library's default second (ConsentNew failed so in CI once).
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  document.body.classList.add('nhsuk-frontend-supported');
  window.localStorage.clear();
});

afterEach(() => {
  cleanup();
});

// jsdom lacks these; components call them when present.
if (!Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = function scrollIntoView() {};
}
