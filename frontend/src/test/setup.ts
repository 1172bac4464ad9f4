import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

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
