import type { RuleSet } from './rule-set.ts';

// The rule set the service stores as version 1 on its first start, until a supervisor PUTs the
// province's own. Sources, all read from secondary sources (reprints, provincial notices, trade
// press) and NOT verified against the official texts:
//   [2016]  《食品生产经营风险分级管理办法（试行）》食药监食监一〔2016〕115号
//   [2022]  《食品生产经营风险分级管理办法（征求意见稿）》国家市场监督管理总局, 2022
//   [抽检]  《食品安全抽样检验管理办法》国家市场监督管理总局令第15号, 2019
// Where a national text gives no figure (the points of each kind and category: provinces publish
// their own tables), the figure is a judgement call, said so next to it and in docs/rules.md.

/** The default rule set (docs/rules.md explains every figure). */
export const DEFAULT_RULES: RuleSet = {
  name: '国家规则（默认）',
  description:
    'Default: the 2016 trial rules’ 40 static + 60 dynamic points and A–D bands, check frequencies after the 2022 draft; point tables are judgement calls to be replaced by the province’s',
  static: {
    // [2016] static risk factors score at most 40 points.
    cap: 40,
    // Judgement: no national table of points per kind. Production and catering/canteens (food
    // made on site, many eaters at once) above sale of mostly prepackaged food; drug wholesale
    // (supply to many pharmacies and hospitals) above retail. Provincial tables rank them alike.
    kinds: {
      'food-production': 20,
      'food-sale': 8,
      catering: 15,
      'unit-canteen': 15,
      'drug-retail': 10,
      'drug-wholesale': 15,
      'medical-device': 10,
    },
    // Judgement: categories add to the kind, so a school canteen (15 + 15) or an infant-formula
    // producer (20 + 20) reaches the 40 cap. Highest: infant formula and special medical food
    // (特殊食品, the strictest licensing under the Food Safety Law), vaccines and narcotic and
    // psychotropic drugs (special control); then school canteens, then collective meals and the
    // central kitchen (one fault reaches many eaters); dairy, meat and cold chain (perishable);
    // liquor lowest (stable product, risk mostly counterfeiting).
    categories: {
      'infant-formula': 20,
      'special-medical-food': 20,
      'health-food': 12,
      dairy: 10,
      'meat-products': 8,
      liquor: 5,
      'cold-chain': 8,
      'central-kitchen': 12,
      'group-meal-delivery': 12,
      'school-canteen': 15,
      'elderly-care-canteen': 12,
      vaccines: 20,
      'narcotic-psychotropic': 20,
    },
  },
  dynamic: {
    // [2016] dynamic risk factors score at most 60 points (the 2022 draft for producers: 40, plus
    // 20 for credit; a province following it sets 40 here and keeps the static cap at 40).
    cap: 60,
    // [2016] grades are adjusted by the record of the year (年度) before; judgement: a rolling 12
    // months rather than the calendar year, so a grade never jumps on 1 January.
    windowMonths: 12,
    // Judgement: the 2016 rules score dynamic risk on an on-site evaluation form and move a grade
    // up one or two levels for a failed check, an unqualified sample, a penalty or a recall; here
    // each such entry of the record gives points instead, capped per factor, so the trace shows
    // why. For a 20-point food producer: one failed check (35) or one penalty (40) makes it B, a
    // failed check and an unqualified sample (50) C; a record at the 60 cap makes anyone D.
    factors: {
      'check:non-conforming': { points: 15, cap: 30 },
      'check:basically-conforming': { points: 5, cap: 15 },
      'sample:unqualified': { points: 15, cap: 30 },
      'complaint:substantiated': { points: 5, cap: 15 },
      penalty: { points: 20, cap: 40 },
      recall: { points: 15, cap: 30 },
    },
  },
  // [2016] A 0–30, B 31–45, C 46–60, D above 60 (the highest score of each band).
  bands: { A: 30, B: 45, C: 60 },
  overrides: {
    // DOMAIN.md §3, after [2016] and provincial practice: a business on the serious-violation
    // list (严重违法失信名单) is D whatever its score.
    seriousViolation: 'D',
    // Judgement: no national minimum found. Special foods for infants and patients, vaccines and
    // controlled drugs never below C (at least two checks a year); school canteens and meals
    // for many (group meals, central kitchens, elderly-care canteens) never A (at least yearly).
    categoryMinimum: {
      'infant-formula': 'C',
      'special-medical-food': 'C',
      vaccines: 'C',
      'narcotic-psychotropic': 'C',
      'school-canteen': 'B',
      'group-meal-delivery': 'B',
      'central-kitchen': 'B',
      'elderly-care-canteen': 'B',
    },
  },
  // [2022] for producers: A once every two years, B once a year, C twice, D three times. [2016]
  // asked A at least once a year (B 1–2, C 2–3, D 3–4); a province keeping that sets A { 1, 1 }.
  checkFrequency: {
    A: { checks: 1, years: 2 },
    B: { checks: 1, years: 1 },
    C: { checks: 2, years: 1 },
    D: { checks: 3, years: 1 },
  },
  // Judgement: the inspector sets the 限期整改 deadline case by case; 30 days when none is given.
  followUpDays: 30,
  disposal: {
    // [抽检] art. 45 as reprinted by secondary sources: the 核查处置 of an unqualified sample is to
    // be completed within 90 days (extensions need approval, not modelled). Unverified.
    deadlineDays: 90,
    // [抽检] art. 30 as reprinted: a retest (复检) may be requested within 7 working days of
    // receiving the result. Unverified.
    retestWorkingDays: 7,
  },
};
