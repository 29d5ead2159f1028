import type { BusinessKind, LicenceType } from './business.ts';

// Licence numbers by type. Food licences follow 《食品生产许可管理办法》 (SC + 14 digits) and
// 《食品经营许可和备案管理办法》 (JY + 14 digits); drug business licences are numbered by province
// (province abbreviation, two letters of category, seven digits, e.g. 苏AA0250321) — provinces
// vary in the letters, so only that outline is checked. Device licences and filings (械经营许可证,
// 备案凭证) vary more and are only checked for length.

const PATTERNS: Record<LicenceType, { pattern: RegExp; example: string }> = {
  'food-production': { pattern: /^SC\d{14}$/, example: 'SC10632011300123' },
  'food-business': { pattern: /^JY\d{14}$/, example: 'JY13201130012345' },
  'drug-business': { pattern: /^[\u4e00-\u9fa5][A-Z]{2}\d{7}$/, example: '苏AA0250321' },
  'medical-device': { pattern: /^.{4,40}$/u, example: '苏宁食药监械经营许20260012号' },
};

/** Which licence each kind of business holds. */
export const LICENCE_OF_KIND: Record<BusinessKind, LicenceType> = {
  'food-production': 'food-production',
  'food-sale': 'food-business',
  catering: 'food-business',
  'unit-canteen': 'food-business',
  'drug-retail': 'drug-business',
  'drug-wholesale': 'drug-business',
  'medical-device': 'medical-device',
};

/** Why a licence does not fit, or null when it does. */
export function licenceProblem(kind: BusinessKind, type: LicenceType, number: string): string | null {
  const expected = LICENCE_OF_KIND[kind];
  if (type !== expected) return `a ${kind} business holds a ${expected} licence, not ${type}`;
  const { pattern, example } = PATTERNS[type];
  return pattern.test(number) ? null : `is not a ${type} licence number (e.g. ${example})`;
}
