// Accessibility check with axe-core: fails on serious or critical violations and prints
// every violation (all impacts) so that minor ones are seen too.
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';

export const FAIL_IMPACTS = new Set(['serious', 'critical']);

function describe(v) {
  const nodes = v.nodes
    .slice(0, 5)
    .map((n) => `      - ${n.target.join(' ')}\n        ${(n.failureSummary || '').replace(/\n/g, '\n        ')}`)
    .join('\n');
  const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
}

/**
 * Runs axe on the page as it is now. `screen` names it in the report.
 * Returns the full axe result. Throws (assertion) on serious/critical violations.
 */
export async function checkA11y(page, screen, { include, exclude, disableRules = [] } = {}) {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  if (exclude) builder = builder.exclude(exclude);
  if (disableRules.length) builder = builder.disableRules(disableRules);
  const result = await builder.analyze();
  const violations = result.violations;
  if (violations.length) {
    console.log(`axe: ${screen}: ${violations.length} rule(s) violated:\n${violations.map(describe).join('\n')}`);
  } else {
    console.log(`axe: ${screen}: no violations (${result.passes.length} rules passed)`);
  }
  const bad = violations.filter((v) => FAIL_IMPACTS.has(v.impact));
  assert.equal(
    bad.length,
    0,
    `axe found ${bad.length} serious/critical violation(s) on "${screen}": ${bad.map((v) => v.id).join(', ')}`,
  );
  return result;
}
