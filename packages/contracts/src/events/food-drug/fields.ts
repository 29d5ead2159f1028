import { z } from 'zod';
import { stateEvents } from '../../define-event.ts';
import { isoDate, personRef } from '../../fields/common.ts';
import { creditCode } from '../../fields/credit-code.ts';
import { topics } from '../../topics.ts';

// The vocabulary of food and drug supervision (食品药品监管) shared by its events, its service and
// the aggregator's policy: kinds of business, what they handle, grades, check types and outcomes.

export const businessKind = z
  .enum([
    'food-production',
    'food-sale',
    'catering',
    'unit-canteen',
    'drug-retail',
    'drug-wholesale',
    'medical-device',
  ])
  .describe(
    'food-production 食品生产; food-sale 食品销售; catering 餐饮服务; unit-canteen 单位食堂; drug-retail 药品零售; drug-wholesale 药品批发; medical-device 医疗器械经营',
  );

export const businessCategory = z
  .enum([
    'infant-formula',
    'special-medical-food',
    'health-food',
    'dairy',
    'meat-products',
    'liquor',
    'cold-chain',
    'central-kitchen',
    'group-meal-delivery',
    'school-canteen',
    'elderly-care-canteen',
    'vaccines',
    'narcotic-psychotropic',
  ])
  .describe(
    'infant-formula 婴幼儿配方食品; special-medical-food 特殊医学用途配方食品; health-food 保健食品; dairy 乳制品; meat-products 肉制品; liquor 酒类; cold-chain 冷链食品; central-kitchen 中央厨房; group-meal-delivery 集体用餐配送; school-canteen 学校食堂; elderly-care-canteen 养老机构食堂; vaccines 疫苗; narcotic-psychotropic 麻醉药品和精神药品',
  );

export const licenceType = z
  .enum(['food-production', 'food-business', 'drug-business', 'medical-device'])
  .describe(
    'food-production 食品生产许可证 (SC + 14 digits); food-business 食品经营许可证 (JY + 14 digits); drug-business 药品经营许可证 (province + 2 letters + 7 digits); medical-device 医疗器械经营许可证/备案凭证',
  );

export const riskGrade = z
  .enum(['A', 'B', 'C', 'D'])
  .describe('Risk grade 风险等级: A lowest … D highest (食品生产经营风险分级)');

export const checkType = z
  .enum(['routine', 'random', 'special', 'follow-up'])
  .describe('routine 日常检查; random 双随机抽查; special 专项检查; follow-up 复查');

export const checkOutcome = z
  .enum(['conforming', 'basically-conforming', 'non-conforming'])
  .describe(
    'conforming 符合; basically-conforming 基本符合 (限期整改); non-conforming 不符合 (a disposal case opens)',
  );

export const sampleVerdict = z
  .enum(['qualified', 'unqualified'])
  .describe('qualified 合格; unqualified 不合格');

export const disposalStatus = z
  .enum(['opened', 'investigating', 'retest-requested', 'measures-recorded', 'closed'])
  .describe(
    'opened 已立案; investigating 核查中; retest-requested 复检中; measures-recorded 已采取措施; closed 已结案',
  );

export const disposalMeasure = z
  .enum(['recall', 'stop-sale', 'penalty', 'rectification'])
  .describe('recall 召回; stop-sale 下架/停止销售; penalty 行政处罚; rectification 责令整改');

/** A business as events name it: its credit code, name, kind and what it handles. */
export const businessRef = z
  .object({
    creditCode,
    name: z.string().min(1).describe('Registered name (经营主体名称)'),
    kind: businessKind,
    categories: z.array(businessCategory).describe('What it handles that carries risk'),
  })
  .describe('The business concerned');

/** A record entry: one input of a business's dynamic risk. */
export const recordEntry = z
  .object({
    kind: z
      .enum(['check', 'sample', 'complaint', 'penalty', 'recall'])
      .describe('check 监督检查; sample 抽检; complaint 投诉举报; penalty 行政处罚; recall 召回'),
    ref: z
      .string()
      .min(1)
      .describe('Id of what it records (check, sample, case, or the complaint’s own number)'),
    date: isoDate.describe('When it happened'),
    result: z
      .string()
      .nullable()
      .describe(
        'check: its outcome; sample: its verdict; complaint: substantiated / unsubstantiated; null otherwise',
      ),
    void: z.boolean().describe('No longer counted, e.g. an unqualified sample whose retest was qualified'),
  })
  .describe('An entry of the business’s record');

export const inspectors = z.array(personRef).min(1).describe('The inspectors (执法人员) who carried it out');

/** The event factory of one food-drug aggregate: state after the event plus its own facts, version 1. */
export const foodDrugEvent = stateEvents('food-drug', topics.foodDrug);
