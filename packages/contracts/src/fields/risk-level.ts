import { z } from 'zod';

/**
 * The risk scale shared by every domain and the zone (双重预防机制 colours): low 低风险 blue,
 * general 一般风险 yellow, significant 较大风险 orange, major 重大风险 red — plus `unknown` for a
 * domain whose data is stale, which must never be shown as blue.
 */
export const riskLevel = z
  .enum(['low', 'general', 'significant', 'major', 'unknown'])
  .describe('Risk level; unknown only when the data behind it is stale');

export type RiskLevel = z.infer<typeof riskLevel>;

/** The four real levels, without `unknown`: what a rule or an override can assign. */
export const knownRiskLevel = riskLevel
  .exclude(['unknown'])
  .describe('Risk level low, general, significant or major');

export type KnownRiskLevel = z.infer<typeof knownRiskLevel>;

const order: Record<RiskLevel, number> = { unknown: 0, low: 1, general: 2, significant: 3, major: 4 };

/**
 * The severity rank of a level: low 1 < general 2 < significant 3 < major 4. `unknown` is 0: it
 * is the absence of a level, not a mild one, so taking the maximum never lets a stale domain
 * raise or lower the zone by itself; what an unknown domain does to the zone is the policy's call.
 */
export function riskLevelOrder(level: RiskLevel): number {
  return order[level];
}

/** Compares two levels by severity, for `Array.prototype.sort` (ascending). */
export function compareRiskLevels(a: RiskLevel, b: RiskLevel): number {
  return order[a] - order[b];
}
