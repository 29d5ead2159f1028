import { creditCode } from '@zone-risk/contracts';
import { z } from 'zod';
import {
  type BusinessCategory,
  type BusinessContent,
  type BusinessKind,
  CATEGORIES,
  KINDS,
} from './business.ts';
import { LICENCE_OF_KIND, licenceProblem } from './licence.ts';

// The business register (经营主体名录) file format shared by the import and its template: one
// header row naming the columns in Chinese or English, then one business per row. Kinds and
// categories take the Chinese label or the English value; several categories are separated by
// 、，, ; or |.

export const REGISTER_COLUMNS = [
  {
    key: 'creditCode',
    zh: '统一社会信用代码',
    en: 'credit code',
    required: true,
    help: '18 位，校验位按 GB 32100-2015 计算',
  },
  { key: 'name', zh: '经营主体名称', en: 'name', required: true, help: '营业执照上的名称' },
  { key: 'address', zh: '经营地址', en: 'address', required: true },
  {
    key: 'kind',
    zh: '主体业态',
    en: 'kind',
    required: true,
    help: '食品生产、食品销售、餐饮服务、单位食堂、药品零售、药品批发、医疗器械经营',
  },
  {
    key: 'licence',
    zh: '许可证编号',
    en: 'licence number',
    required: true,
    help: 'SC+14位数字、JY+14位数字、药品经营许可证（如 苏AA0250321）',
  },
  {
    key: 'categories',
    zh: '重点品类',
    en: 'categories',
    required: false,
    help: '如 学校食堂、婴幼儿配方食品，多个用顿号分隔',
  },
  { key: 'area', zh: '所属片区', en: 'area', required: false },
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number]['key'];

export const KIND_LABELS: Record<string, BusinessKind> = {
  食品生产: 'food-production',
  食品生产企业: 'food-production',
  食品销售: 'food-sale',
  餐饮服务: 'catering',
  餐饮: 'catering',
  单位食堂: 'unit-canteen',
  药品零售: 'drug-retail',
  药店: 'drug-retail',
  药品批发: 'drug-wholesale',
  医疗器械经营: 'medical-device',
};

export const CATEGORY_LABELS: Record<string, BusinessCategory> = {
  婴幼儿配方食品: 'infant-formula',
  婴幼儿配方乳粉: 'infant-formula',
  特殊医学用途配方食品: 'special-medical-food',
  保健食品: 'health-food',
  乳制品: 'dairy',
  肉制品: 'meat-products',
  酒类: 'liquor',
  冷链食品: 'cold-chain',
  中央厨房: 'central-kitchen',
  集体用餐配送: 'group-meal-delivery',
  学校食堂: 'school-canteen',
  养老机构食堂: 'elderly-care-canteen',
  疫苗: 'vaccines',
  麻醉药品和精神药品: 'narcotic-psychotropic',
};

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

const kind = z.preprocess(
  (v) => (typeof v === 'string' ? (KIND_LABELS[v.trim()] ?? v.trim()) : v),
  z.enum(KINDS, { error: `must be one of ${Object.keys(KIND_LABELS).join('、')} or ${KINDS.join(', ')}` }),
);

const categories = z.string().transform((value, ctx) => {
  const parts = value
    .split(/[、，,;；|]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const known: BusinessCategory[] = [];
  for (const part of parts) {
    const category = CATEGORY_LABELS[part] ?? (CATEGORIES as readonly string[]).find((c) => c === part);
    if (category === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${part} is not a category (${Object.keys(CATEGORY_LABELS).join('、')})`,
      });
    } else if (!known.includes(category as BusinessCategory)) known.push(category as BusinessCategory);
  }
  return known;
});

const registerRow = z
  .object({
    creditCode,
    name: text(200),
    address: text(500),
    kind,
    licence: text(40),
    categories: z.preprocess((v) => v ?? '', categories),
    area: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), text(100).nullable()),
  })
  .superRefine((row, ctx) => {
    const problem = licenceProblem(row.kind, LICENCE_OF_KIND[row.kind], row.licence);
    if (problem) ctx.addIssue({ code: 'custom', path: ['licence'], message: problem });
  });

/** One register row, cells keyed by column: the business's content, or every reason it is not one. */
export function parseRegisterRow(
  cells: Partial<Record<RegisterColumn, string>>,
  line: number,
):
  | { ok: true; row: BusinessContent }
  | { ok: false; errors: { line: number; field: string; reason: string }[] } {
  const result = registerRow.safeParse(cells);
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
  const { licence, ...rest } = result.data;
  return { ok: true, row: { ...rest, licence: { type: LICENCE_OF_KIND[rest.kind], number: licence } } };
}

export const REGISTER_EXAMPLES: string[][] = [
  [
    '91320113MA1MB6AT2R',
    '南京瑞丰团餐管理有限公司',
    '南京市江宁区东区科技大道8号',
    '餐饮服务',
    'JY23201130012345',
    '学校食堂、集体用餐配送',
    '东区',
  ],
  [
    '91320113MA1MB7QX5W',
    '江宁康宁大药房有限公司',
    '南京市江宁区西区天元路12号',
    '药品零售',
    '苏DA0250321',
    '',
    '西区',
  ],
];
