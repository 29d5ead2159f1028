import {
  businessCategory,
  type gradeTrace,
  isoDate,
  type recordEntry,
  riskGrade,
} from '@zone-risk/contracts';
import { InvalidInput } from '@zone-risk/domain-service/domain';
import type { z } from 'zod';
import type { BusinessCategory, BusinessKind, DynamicFactor, Grade, RuleSet } from './rule-set.ts';

// A business's risk grade (风险等级) and the trace that says how it came: static points from its
// kind and categories, dynamic points from its record in the window, the band the score falls in,
// then the overrides that raise it. Pure: the same inputs, rules and day give the same trace.

export type RecordEntry = z.infer<typeof recordEntry>;
export type GradeTrace = z.infer<typeof gradeTrace>;

/** Chinese labels of what a trace names. */
export const LABELS: {
  kind: Record<BusinessKind, string>;
  category: Record<BusinessCategory, string>;
  factor: Record<DynamicFactor, string>;
  seriousViolation: string;
} = {
  kind: {
    'food-production': '食品生产',
    'food-sale': '食品销售',
    catering: '餐饮服务',
    'unit-canteen': '单位食堂',
    'drug-retail': '药品零售',
    'drug-wholesale': '药品批发',
    'medical-device': '医疗器械经营',
  },
  category: {
    'infant-formula': '婴幼儿配方食品',
    'special-medical-food': '特殊医学用途配方食品',
    'health-food': '保健食品',
    dairy: '乳制品',
    'meat-products': '肉制品',
    liquor: '酒类',
    'cold-chain': '冷链食品',
    'central-kitchen': '中央厨房',
    'group-meal-delivery': '集体用餐配送',
    'school-canteen': '学校食堂',
    'elderly-care-canteen': '养老机构食堂',
    vaccines: '疫苗',
    'narcotic-psychotropic': '麻醉药品和精神药品',
  },
  factor: {
    'check:non-conforming': '监督检查不符合',
    'check:basically-conforming': '监督检查基本符合（限期整改）',
    'sample:unqualified': '监督抽检不合格',
    'complaint:substantiated': '投诉举报属实',
    penalty: '行政处罚',
    recall: '产品召回',
  },
  seriousViolation: '列入严重违法失信名单',
};

const GRADES = riskGrade.options;
const rank = (grade: Grade) => GRADES.indexOf(grade);

/** The dynamic factor a record entry counts for, or null (a conforming check, a qualified sample). */
export function factorOf(entry: Pick<RecordEntry, 'kind' | 'result'>): DynamicFactor | null {
  switch (entry.kind) {
    case 'check':
      if (entry.result === 'non-conforming') return 'check:non-conforming';
      if (entry.result === 'basically-conforming') return 'check:basically-conforming';
      return null;
    case 'sample':
      return entry.result === 'unqualified' ? 'sample:unqualified' : null;
    case 'complaint':
      return entry.result === 'substantiated' ? 'complaint:substantiated' : null;
    case 'penalty':
      return 'penalty';
    case 'recall':
      return 'recall';
  }
}

/**
 * The day `months` calendar months after `day`; a day the target month lacks becomes its last
 * (2025-01-31 + 1 → 2025-02-28, 2024-02-29 + 12 → 2025-02-28).
 */
export function addMonths(day: string, months: number): string {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const date = Math.min(Number(day.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/**
 * The day a record entry leaves the window: the same date `windowMonths` later. It counts from its
 * own date up to the day before that, both inclusive: with 12 months, an entry of 2025-03-10
 * counts on 2026-03-09 and not on 2026-03-10.
 */
export function leavesWindowOn(entry: Pick<RecordEntry, 'date'>, rules: Pick<RuleSet, 'dynamic'>): string {
  return addMonths(entry.date, rules.dynamic.windowMonths);
}

/** Whether the entry counts towards dynamic risk on `day`, and for which factor. */
function countedFor(entry: RecordEntry, rules: Pick<RuleSet, 'dynamic'>, day: string): DynamicFactor | null {
  if (entry.void || entry.date > day || leavesWindowOn(entry, rules) <= day) return null;
  return factorOf(entry);
}

function requireDay(day: string): void {
  if (!isoDate.safeParse(day).success) {
    throw new InvalidInput('The day to grade on is not a date', [
      { pointer: '/day', reason: 'must be YYYY-MM-DD' },
    ]);
  }
}

/** The grade the score alone gives: ≤ A → A, ≤ B → B, ≤ C → C, above → D. */
export function gradeOfScore(score: number, bands: RuleSet['bands']): Grade {
  if (score <= bands.A) return 'A';
  if (score <= bands.B) return 'B';
  if (score <= bands.C) return 'C';
  return 'D';
}

export interface GradingInput {
  kind: BusinessKind;
  categories: readonly BusinessCategory[];
  seriousViolation: boolean;
  record: readonly RecordEntry[];
}

export interface Grading {
  grade: Grade;
  /** Static + dynamic points, an integer 0–100. */
  score: number;
  trace: GradeTrace;
}

/** Grades a business on `day` (YYYY-MM-DD, the zone's) under `rules`. @throws InvalidInput on a bad day. */
export function gradeBusiness(
  input: GradingInput,
  rules: RuleSet & { version: number },
  day: string,
): Grading {
  requireDay(day);
  const staticFactors: GradeTrace['static'] = [];
  const kindPoints = rules.static.kinds[input.kind];
  if (kindPoints > 0) {
    staticFactors.push({
      factor: `kind:${input.kind}`,
      label: LABELS.kind[input.kind],
      count: null,
      points: kindPoints,
    });
  }
  // In the contract's order, each once: the same set gives the same trace however it was listed.
  const categories = businessCategory.options.filter((category) => input.categories.includes(category));
  for (const category of categories) {
    const points = rules.static.categories[category];
    if (points > 0) {
      staticFactors.push({
        factor: `category:${category}`,
        label: LABELS.category[category],
        count: null,
        points,
      });
    }
  }
  const staticSum = staticFactors.reduce((sum, factor) => sum + factor.points, 0);
  const staticPoints = Math.min(staticSum, rules.static.cap);

  const counts = new Map<DynamicFactor, number>();
  for (const entry of input.record) {
    const factor = countedFor(entry, rules, day);
    if (factor) counts.set(factor, (counts.get(factor) ?? 0) + 1);
  }
  const dynamicFactors: GradeTrace['dynamic'] = [];
  for (const factor of Object.keys(LABELS.factor) as DynamicFactor[]) {
    const count = counts.get(factor) ?? 0;
    if (count === 0) continue;
    const rule = rules.dynamic.factors[factor];
    dynamicFactors.push({
      factor,
      label: LABELS.factor[factor],
      count,
      points: Math.min(count * rule.points, rule.cap),
    });
  }
  const dynamicSum = dynamicFactors.reduce((sum, factor) => sum + factor.points, 0);
  const dynamicPoints = Math.min(dynamicSum, rules.dynamic.cap);

  // The rule set keeps the caps' sum within 100; the clamp guards a stored set that predates it.
  const score = Math.min(staticPoints + dynamicPoints, 100);
  const scoreGrade = gradeOfScore(score, rules.bands);

  // Every override above the score grade is listed, not only the highest: the trace shows each
  // reason the business is graded above its score. They raise; none lowers.
  const overrides: GradeTrace['overrides'] = [];
  if (input.seriousViolation && rank(rules.overrides.seriousViolation) > rank(scoreGrade)) {
    overrides.push({
      rule: 'serious-violation',
      label: LABELS.seriousViolation,
      grade: rules.overrides.seriousViolation,
    });
  }
  for (const category of categories) {
    const minimum = rules.overrides.categoryMinimum[category];
    if (minimum && rank(minimum) > rank(scoreGrade)) {
      overrides.push({
        rule: `category-minimum:${category}`,
        label: `${LABELS.category[category]}不低于${minimum}级`,
        grade: minimum,
      });
    }
  }
  const grade = overrides.reduce<Grade>(
    (highest, override) => (rank(override.grade) > rank(highest) ? override.grade : highest),
    scoreGrade,
  );

  return {
    grade,
    score,
    trace: {
      static: staticFactors,
      staticPoints,
      dynamic: dynamicFactors,
      dynamicPoints,
      scoreGrade,
      overrides,
      ruleSetVersion: rules.version,
      day,
    },
  };
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * Whether two traces say the same, whatever day they were computed for: a recompute that changes
 * nothing but the day is no news. Key order does not matter (a trace read back from the store).
 */
export function sameTrace(a: GradeTrace, b: GradeTrace): boolean {
  const { day: _a, ...restA } = a;
  const { day: _b, ...restB } = b;
  return same(restA, restB);
}

/**
 * The first day after `day` on which an entry counted on `day` leaves the window, so the grade is
 * recomputed then; null when none counts. (An entry dated after `day` is not counted, nor looked
 * at: the record takes no entries from the future.)
 */
export function nextExpiry(
  record: readonly RecordEntry[],
  rules: Pick<RuleSet, 'dynamic'>,
  day: string,
): string | null {
  requireDay(day);
  let first: string | null = null;
  for (const entry of record) {
    if (!countedFor(entry, rules, day)) continue;
    const leaves = leavesWindowOn(entry, rules);
    if (first === null || leaves < first) first = leaves;
  }
  return first;
}
