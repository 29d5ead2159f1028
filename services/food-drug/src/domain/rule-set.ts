import { businessCategory, businessKind, riskGrade } from '@zone-risk/contracts';
import { InvalidInput } from '@zone-risk/domain-service/domain';
import { z } from 'zod';

// The rule set (食品药品风险分级规则): a versioned document that turns a business's kind, what it
// handles and its record into a score, a grade A–D, the checks the grade requires and the deadlines
// that follow. Provinces publish their own tables, so every figure is data here, never code. One
// zod schema is the single source of truth: PUT /rule-set validation, the OpenAPI body, the stored
// form and the TypeScript type. docs/rules.md describes it; default-rules.ts cites the sources.

export type BusinessKind = z.infer<typeof businessKind>;
export type BusinessCategory = z.infer<typeof businessCategory>;
export type Grade = z.infer<typeof riskGrade>;

/** A record entry becomes dynamic risk through one of these factors (kind:result). */
export const dynamicFactor = z
  .enum([
    'check:non-conforming',
    'check:basically-conforming',
    'sample:unqualified',
    'complaint:substantiated',
    'penalty',
    'recall',
  ])
  .describe(
    'check:non-conforming 检查不符合; check:basically-conforming 检查基本符合; sample:unqualified 抽检不合格; complaint:substantiated 投诉举报属实; penalty 行政处罚; recall 召回',
  );
export type DynamicFactor = z.infer<typeof dynamicFactor>;
export const DYNAMIC_FACTORS = dynamicFactor.options;

// A record keyed by an enum is exhaustive in zod 4: a key left out arrives as undefined and is
// reported at its own pointer, with this message instead of "expected number".
const required = (message: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? message : undefined;

const points = z.int().min(0).max(100);
const scoreBound = z.int().min(0).max(100);

const staticRules = z
  .object({
    cap: scoreBound.describe('Most static points: kind + categories are capped here (2016: 40)'),
    kinds: z
      .record(
        businessKind,
        z
          .int({ error: required('every business kind needs its points') })
          .min(0)
          .max(100),
      )
      .describe('Points of the kind of business, one for every kind'),
    categories: z
      .record(
        businessCategory,
        z
          .int({ error: required('every category needs its points') })
          .min(0)
          .max(100),
      )
      .describe('Points of each category a business handles, one for every category; they add up'),
  })
  .describe('Static risk (静态风险): kind points + the sum of its categories’ points, capped');

const factorRule = z
  .object(
    {
      points: points.describe('Points per counted record entry'),
      cap: points.describe('Most points the factor gives'),
    },
    { error: required('every dynamic factor needs its points and cap') },
  )
  .describe('Points per entry, capped');

const dynamicRules = z
  .object({
    cap: scoreBound.describe('Most dynamic points: the factors’ sum is capped here (2016: 60)'),
    windowMonths: z
      .int()
      .min(1)
      .max(60)
      .describe('An entry counts from its date until the same date this many months later (excluded)'),
    factors: z.record(dynamicFactor, factorRule).describe('Every factor, with its points and cap'),
  })
  .describe('Dynamic risk (动态风险): the record within the window; void entries never count');

const bands = z
  .object({
    A: scoreBound.describe('Highest score graded A'),
    B: scoreBound.describe('Highest score graded B'),
    C: scoreBound.describe('Highest score graded C; above it, D'),
  })
  .describe('Score bands: score ≤ A → A, ≤ B → B, ≤ C → C, above → D; strictly increasing');

const overrides = z
  .object({
    seriousViolation: riskGrade.describe(
      'Grade of a business on the serious-violation list (严重违法失信名单)',
    ),
    categoryMinimum: z
      .partialRecord(businessCategory, riskGrade)
      .describe('Lowest grade of a business handling the category; raises a grade, never lowers it'),
  })
  .describe('Overrides of the score grade');

const frequency = z
  .object(
    {
      checks: z.int().min(0).max(365).describe('Checks required in a period'),
      years: z.int().min(1).max(5).describe('Calendar years a period lasts'),
    },
    { error: required('every grade needs its frequency') },
  )
  .describe('Minimum supervision checks (检查频次) of a grade');

/** The rule-set document without its cross-field checks (what responses are described with). */
export const ruleSetShape = z.strictObject({
  name: z.string().min(1).describe('Name of the rules, e.g. 国家规则（默认） or a province’s'),
  description: z.string().optional().describe('What changed in this version and why'),
  static: staticRules,
  dynamic: dynamicRules,
  bands,
  overrides,
  checkFrequency: z.record(riskGrade, frequency).describe('Checks per period by grade'),
  followUpDays: z
    .int()
    .min(1)
    .max(365)
    .describe('Days after a 基本符合 check by which its follow-up is due, when the inspector gives none'),
  disposal: z
    .object({
      deadlineDays: z.int().min(1).max(365).describe('Days to close a disposal case (核查处置)'),
      retestWorkingDays: z
        .int()
        .min(1)
        .max(30)
        .describe('Working days after the result in which a retest (复检) may be requested'),
    })
    .describe('Disposal of an unqualified sample or a 不符合 check'),
});

interface CrossFieldIssue {
  path: (string | number)[];
  message: string;
}

type Loose = { static?: { cap?: unknown }; dynamic?: { cap?: unknown }; bands?: Record<string, unknown> };

// Rules across fields that zod's shape cannot say. They read the raw input and check whatever is
// a number, so they are reported together with the shape's problems (zod skips refinements once a
// value has the wrong type, and a supervisor should see every problem of a PUT at once).
function crossFieldIssues(input: unknown): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  const rules = (typeof input === 'object' && input !== null ? input : {}) as Loose;
  // The score is 0–100 (the contract's `score`): the caps may be split otherwise than 40/60 (the
  // 2022 draft gives producers 40/40 plus 20 credit) but may not exceed it together.
  const staticCap = rules.static?.cap;
  const dynamicCap = rules.dynamic?.cap;
  if (Number.isInteger(staticCap) && Number.isInteger(dynamicCap)) {
    const total = (staticCap as number) + (dynamicCap as number);
    if (total > 100) {
      issues.push({
        path: ['dynamic', 'cap'],
        message: `static cap (${staticCap}) + dynamic cap (${dynamicCap}) = ${total}, above 100, the highest score`,
      });
    }
  }
  const bands = typeof rules.bands === 'object' && rules.bands !== null ? rules.bands : {};
  for (const [lower, upper] of [
    ['A', 'B'],
    ['B', 'C'],
  ] as const) {
    const low = bands[lower];
    const high = bands[upper];
    if (Number.isInteger(low) && Number.isInteger(high) && (high as number) <= (low as number)) {
      issues.push({ path: ['bands', upper], message: `must be above ${lower} (${low})` });
    }
  }
  return issues;
}

const withCrossFieldChecks = (rules: unknown, ctx: z.RefinementCtx) => {
  for (const issue of crossFieldIssues(rules)) ctx.addIssue({ code: 'custom', ...issue });
};

/**
 * What PUT /rule-set takes: the whole document; the service assigns its version. Parsed through
 * this schema, a value of the wrong type hides the cross-field problems (zod stops refining);
 * parseRuleSet reports both at once.
 */
export const ruleSetSchema = ruleSetShape
  .superRefine(withCrossFieldChecks)
  .describe('A rule set (食品药品风险分级规则)');
export type RuleSet = z.output<typeof ruleSetShape>;

/** A stored rule set: the document and the version the service gave it. */
export const storedRuleSet = ruleSetShape
  .extend({ version: z.int().min(1).describe('Version, from 1, assigned by the service') })
  .superRefine(withCrossFieldChecks);
export type StoredRuleSet = z.output<typeof storedRuleSet>;

export interface RuleSetProblem {
  pointer: string;
  reason: string;
}

const pointerOf = (path: readonly PropertyKey[]): string =>
  path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Validates a document and lists every problem, each with its JSON Pointer (RFC 6901). */
export function parseRuleSet(
  input: unknown,
): { ok: true; rules: RuleSet } | { ok: false; problems: RuleSetProblem[] } {
  const result = ruleSetShape.safeParse(input);
  const crossField = crossFieldIssues(input);
  if (result.success && crossField.length === 0) return { ok: true, rules: result.data };
  const shapeProblems = (result.error?.issues ?? []).flatMap((issue) =>
    // An unknown key is one problem per key, at the key, like a missing one.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ pointer: pointerOf([...issue.path, key]), reason: 'is not known here' }))
      : [{ pointer: pointerOf(issue.path), reason: issue.message }],
  );
  return {
    ok: false,
    problems: [
      ...shapeProblems,
      ...crossField.map((issue) => ({ pointer: pointerOf(issue.path), reason: issue.message })),
    ],
  };
}

/** The rule set, or InvalidInput naming every problem. */
export function requireRuleSet(input: unknown): RuleSet {
  const parsed = parseRuleSet(input);
  if (!parsed.ok) {
    throw new InvalidInput(`The rule set has ${parsed.problems.length} problem(s)`, parsed.problems);
  }
  return parsed.rules;
}
