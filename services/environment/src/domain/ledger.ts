import { createHash } from 'node:crypto';
import { creditCode } from '@zone-risk/contracts';
import { z } from 'zod';
import { CATEGORIES, type ItemContent, SEVERITIES, SOURCES } from './item.ts';

// The ledger (台账) file format shared by the import and its template: one header row naming the
// columns in Chinese or English (any order; the template writes both, "批次 / batch"), then one
// item per row. Enumerations take the Chinese label or the English value.

export const COLUMNS = [
  { key: 'batch', zh: '批次', en: 'batch', required: true },
  { key: 'code', zh: '编号', en: 'code', required: true },
  { key: 'source', zh: '来源', en: 'source', required: true },
  { key: 'category', zh: '类别', en: 'category', required: true },
  { key: 'severity', zh: '严重程度', en: 'severity', required: true },
  { key: 'problem', zh: '问题描述', en: 'problem', required: true },
  { key: 'responsibleUnit', zh: '责任单位', en: 'responsible unit', required: true },
  { key: 'enterpriseCreditCode', zh: '企业统一社会信用代码', en: 'enterprise credit code', required: false },
  { key: 'enterpriseName', zh: '企业名称', en: 'enterprise name', required: false },
  { key: 'measures', zh: '整改措施', en: 'measures', required: true },
  { key: 'target', zh: '整改目标', en: 'target', required: true },
  { key: 'deadline', zh: '整改时限', en: 'deadline', required: true },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

export const headerText = (column: (typeof COLUMNS)[number]) => `${column.zh} / ${column.en}`;

export const SOURCE_LABELS: Record<string, (typeof SOURCES)[number]> = {
  中央生态环境保护督察: 'central-inspection',
  中央环保督察: 'central-inspection',
  省级生态环境保护督察: 'provincial-inspection',
  省级环保督察: 'provincial-inspection',
  自查发现: 'self-found',
  自查: 'self-found',
  信访投诉: 'public-complaint',
  信访: 'public-complaint',
};
export const CATEGORY_LABELS: Record<string, (typeof CATEGORIES)[number]> = {
  蓝天: 'air',
  大气: 'air',
  碧水: 'water',
  水: 'water',
  净土: 'soil',
  土壤: 'soil',
  固体废物: 'solid-waste',
  固废: 'solid-waste',
  噪声: 'noise',
  生态: 'ecology',
};
export const SEVERITY_LABELS: Record<string, (typeof SEVERITIES)[number]> = {
  一般: 'general',
  较大: 'significant',
  重大: 'major',
};

const normalise = (text: string) => text.replace(/[\s_()（）]/g, '').toLowerCase();

/** Which column each header cell names (undefined for cells naming none). */
export function mapHeader(cells: readonly string[]): {
  columns: (ColumnKey | undefined)[];
  missing: ColumnKey[];
  duplicated: ColumnKey[];
} {
  const columns = cells.map((cell) => {
    const parts = [cell, ...cell.split('/')].map(normalise).filter((p) => p !== '');
    return COLUMNS.find((c) =>
      parts.some((p) => p === normalise(c.zh) || p === normalise(c.en) || p === normalise(c.key)),
    )?.key;
  });
  const seen = new Set<ColumnKey>();
  const duplicated: ColumnKey[] = [];
  for (const key of columns) {
    if (key === undefined) continue;
    if (seen.has(key)) duplicated.push(key);
    seen.add(key);
  }
  const missing = COLUMNS.filter((c) => c.required && !seen.has(c.key)).map((c) => c.key);
  return { columns, missing, duplicated };
}

const labelled = <T extends string>(labels: Record<string, T>, values: readonly T[], what: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? (labels[value.trim()] ?? value.trim()) : value),
    z.enum(values as [T, ...T[]], {
      error: `must be one of ${Object.keys(labels).join(', ')} or ${values.join(', ')} (${what})`,
    }),
  );

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/** `YYYY-MM-DD`, `YYYY/M/D` or `YYYY.M.D`, a real calendar day. */
const day = z.string().transform((value, ctx) => {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value.trim());
  const iso = match ? `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}` : '';
  if (
    !match ||
    Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ||
    new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso
  ) {
    ctx.addIssue({ code: 'custom', message: 'must be a date, YYYY-MM-DD' });
    return z.NEVER;
  }
  return iso;
});

export const ledgerRow = z
  .object({
    batch: text(200),
    code: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(64, 'must be at most 64 characters')
      .regex(/^\S*$/, 'must not contain spaces'),
    source: labelled(SOURCE_LABELS, SOURCES, 'source'),
    category: labelled(CATEGORY_LABELS, CATEGORIES, 'category'),
    severity: labelled(SEVERITY_LABELS, SEVERITIES, 'severity'),
    problem: text(2000),
    responsibleUnit: text(200),
    enterpriseCreditCode: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      creditCode.optional(),
    ),
    enterpriseName: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      text(200).optional(),
    ),
    measures: text(4000),
    target: text(2000),
    deadline: day,
  })
  .superRefine((row, ctx) => {
    if (row.enterpriseCreditCode !== undefined && row.enterpriseName === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['enterpriseName'],
        message: 'is required with an enterprise credit code',
      });
    }
  });

export interface RowError {
  /** Line in the file (1 is the header row). */
  line: number;
  field: string;
  reason: string;
}

/** One ledger row, cells keyed by column: the item content, or every reason it is not one. */
export function parseLedgerRow(
  cells: Partial<Record<ColumnKey, string>>,
  line: number,
): { ok: true; content: ItemContent } | { ok: false; errors: RowError[] } {
  const result = ledgerRow.safeParse(cells);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => ({
        line,
        field: String(issue.path[0] ?? 'row'),
        reason: issue.message,
      })),
    };
  }
  const { enterpriseCreditCode, enterpriseName, ...rest } = result.data;
  return {
    ok: true,
    content: {
      ...rest,
      enterprise:
        enterpriseCreditCode !== undefined
          ? { creditCode: enterpriseCreditCode, name: enterpriseName ?? '' }
          : null,
    },
  };
}

/** A fingerprint of an item's content: a re-imported identical row is recognised as unchanged. */
export function contentHash(content: ItemContent): string {
  const canonical = [
    content.source,
    content.batch,
    content.code,
    content.problem,
    content.category,
    content.severity,
    content.responsibleUnit,
    content.enterprise?.creditCode ?? '',
    content.enterprise?.name ?? '',
    content.measures,
    content.target,
    content.deadline,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The item id: derived from batch and code, so the same line registers the same item, once. */
export function itemId(batch: string, code: string): string {
  return `env-${createHash('sha256').update(`${batch}\u0000${code}`).digest('hex').slice(0, 24)}`;
}
