import { debtIndicatorsChanged, debtSettings, type PersonRef } from '@zone-risk/contracts';
import { type Decision, InvalidInput, NoChange } from '@zone-risk/domain-service/domain';
import { z } from 'zod';
import { decidedAll, type IndicatorsFact } from './facts.ts';
import type { Figures } from './indicators.ts';

// One aggregate per zone holds the indicators last published and the settings that gave their
// level, so every change is an event and the timeline says who changed the settings, and when.

const figures = debtIndicatorsChanged.data.omit({ settings: true, version: true, previousLevel: true });

export const indicatorsState = figures.extend({
  id: z.string(),
  zoneId: z.string(),
  settings: debtSettings,
  version: z.int(),
});
export type Indicators = z.infer<typeof indicatorsState>;
export type IndicatorsDecision = Decision<Indicators, IndicatorsFact>;

const withoutDay = ({ asOf: _asOf, ...rest }: Figures) => JSON.stringify(rest);

function figuresOf(state: Indicators): Figures {
  const { id: _id, zoneId: _zone, settings: _settings, version: _version, ...rest } = state;
  return rest;
}

/** The indicators' first state, for a zone that has none yet. */
export function firstIndicators(
  zoneId: string,
  settings: Indicators['settings'],
  computed: Figures,
): Indicators {
  return { id: zoneId, zoneId, settings, version: 0, ...computed };
}

/** Publishes the figures when anything but the day moved (the day alone is what heartbeats say). */
export function refreshIndicators(state: Indicators, computed: Figures): IndicatorsDecision {
  if (state.version > 0 && withoutDay(figuresOf(state)) === withoutDay(computed)) {
    throw new NoChange('The debt indicators are as published');
  }
  return decidedAll({ ...state, ...computed }, [
    { name: 'DebtIndicatorsChanged', facts: { previousLevel: state.version > 0 ? state.level : null } },
  ]);
}

/** New settings, and the indicators they give, in one write. */
export function changeSettings(
  state: Indicators,
  input: { settings: Indicators['settings']; reason: string },
  recompute: (settings: Indicators['settings']) => Figures,
  actor: PersonRef,
): IndicatorsDecision {
  const { bands } = input.settings;
  const problems = [];
  if (!(bands.general <= bands.significant && bands.significant <= bands.major)) {
    problems.push({ pointer: '/settings/bands', reason: 'must ascend: general ≤ significant ≤ major' });
  }
  if (input.reason.trim() === '') problems.push({ pointer: '/reason', reason: 'is empty' });
  if (problems.length > 0) throw new InvalidInput('The settings cannot be changed as given', problems);
  if (JSON.stringify(state.settings) === JSON.stringify(input.settings))
    throw new NoChange('The settings are as set');
  const computed = recompute(input.settings);
  const next = { ...state, ...computed, settings: input.settings };
  const facts: IndicatorsFact[] = [
    { name: 'DebtSettingsChanged', facts: { reason: input.reason, changedBy: actor } },
  ];
  if (withoutDay(figuresOf(state)) !== withoutDay(computed)) {
    facts.push({ name: 'DebtIndicatorsChanged', facts: { previousLevel: state.level } });
  }
  return decidedAll(next, facts);
}
