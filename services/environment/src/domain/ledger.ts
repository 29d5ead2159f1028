import { createHash } from 'node:crypto';
import { creditCode } from '@zone-risk/contracts';
import type { Column, RowParse, TableTemplate } from '@zone-risk/imports';
import { z } from 'zod';
import { CATEGORIES, type ItemContent, SEVERITIES, SOURCES } from './item.ts';

// The ledger (台账) file format shared by the import and its template: one header row naming the
// columns in Chinese or English (any order; the template writes both, "批次 / batch"), then one
// item per row. Enumerations take the Chinese label or the English value. Reading the file, the
// header and the report are @zone-risk/imports'; the columns and what a row means are here.

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

export const COLUMNS = [
  {
    key: 'batch',
    zh: '批次',
    en: 'batch',
    required: true,
    help: '批次或轮次，如"第二轮中央生态环境保护督察反馈问题" / batch or round',
  },
  {
    key: 'code',
    zh: '编号',
    en: 'code',
    required: true,
    help: '编号，同一批次内唯一，不含空格 / code, unique within its batch, no spaces',
  },
  {
    key: 'source',
    zh: '来源',
    en: 'source',
    required: true,
    help: `来源 / source: ${Object.keys(SOURCE_LABELS).join('、')}`,
  },
  {
    key: 'category',
    zh: '类别',
    en: 'category',
    required: true,
    help: `类别 / category: ${Object.keys(CATEGORY_LABELS).join('、')}`,
  },
  {
    key: 'severity',
    zh: '严重程度',
    en: 'severity',
    required: true,
    help: `严重程度 / severity: ${Object.keys(SEVERITY_LABELS).join('、')}`,
  },
  { key: 'problem', zh: '问题描述', en: 'problem', required: true, help: '问题描述 / the problem' },
  {
    key: 'responsibleUnit',
    zh: '责任单位',
    en: 'responsible unit',
    required: true,
    help: '责任单位 / responsible unit',
  },
  {
    key: 'enterpriseCreditCode',
    zh: '企业统一社会信用代码',
    en: 'enterprise credit code',
    required: false,
    help: '涉及企业时填写18位统一社会信用代码（选填） / optional, 18 characters',
  },
  {
    key: 'enterpriseName',
    zh: '企业名称',
    en: 'enterprise name',
    required: false,
    help: '企业名称，填写信用代码时必填 / required with a credit code',
  },
  { key: 'measures', zh: '整改措施', en: 'measures', required: true, help: '整改措施 / measures' },
  { key: 'target', zh: '整改目标', en: 'target', required: true, help: '整改目标 / target' },
  {
    key: 'deadline',
    zh: '整改时限',
    en: 'deadline',
    required: true,
    help: '整改时限，日期 YYYY-MM-DD / deadline, a date',
  },
] as const satisfies readonly Column[];
export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** The template (台账模板): two example lines, in column order. */
export const LEDGER_TEMPLATE = {
  examples: [
    [
      '第二轮中央生态环境保护督察反馈问题',
      'ZY-001',
      '中央生态环境保护督察',
      '碧水',
      '重大',
      '园区污水处理厂出水总氮超标',
      '开发区生态环境分局',
      '91320113MA1MB6AT2R',
      '南京瑞丰精细化工有限公司',
      '提标改造，增设反硝化滤池',
      '出水稳定达到一级A标准',
      '2026-12-31',
    ],
    [
      '2026年自查台账',
      'ZC-001',
      '自查发现',
      '蓝天',
      '一般',
      '施工工地扬尘防治措施不到位',
      '开发区建设局',
      '',
      '',
      '落实六个百分百',
      '扬尘在线监测达标',
      '2026-09-30',
    ],
  ],
  filename: { zh: '整改台账模板', en: 'ledger-template' },
  sheet: '台账',
} as const satisfies TableTemplate;

/** What the template is written from (the import's columns and template). */
export const LEDGER_TABLE = { columns: COLUMNS, template: LEDGER_TEMPLATE };

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

/** One ledger row, cells keyed by column: the item content, or every reason it is not one. */
export function parseLedgerRow(
  cells: Partial<Record<ColumnKey, string>>,
  line: number,
): RowParse<ItemContent> {
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
    row: {
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
