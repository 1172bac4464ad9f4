// axe-core in the component tests. jsdom has no layout, so colour contrast is left to
// the end-to-end tests (e2e/lib/axe.mjs), which run axe in a real browser.
import axe from 'axe-core';
import { expect } from 'vitest';

// axe probes icon ligatures with a canvas, which jsdom does not have.
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];

/** Fails, naming each rule and its elements, when axe finds serious or critical violations. */
export async function expectAxeClean(container: HTMLElement) {
  const result = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
