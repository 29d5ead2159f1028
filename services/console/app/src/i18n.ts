import { createI18n } from 'vue-i18n';

const zhCN = {
  app: { title: '开发区风险防控平台', signOut: '退出', language: 'English', loading: '加载中…' },
  signIn: {
    title: '登录',
    demoTitle: '演示登录',
    demoHint: '演示环境：选择一个角色的演示用户登录。生产环境通过统一身份认证登录，本页不存在。',
    as: '以此身份登录',
    oidc: '通过统一身份认证登录',
    expired: '登录已过期，请重新登录',
  },
  role: {
    inspector: '安全生产检查员',
    'safety-supervisor': '安全生产监管负责人',
    'env-staff': '生态环境工作人员',
    'env-supervisor': '生态环境监管负责人',
    'food-drug-officer': '食品药品监管员',
    'food-drug-supervisor': '食品药品监管负责人',
    'debt-officer': '债务管理专员',
    'debt-supervisor': '债务管理负责人',
    'risk-office': '风险防控办',
    admin: '系统管理员',
  },
  menu: {
    risk: '全区风险态势',
    safety: '安全隐患',
    environment: '环境问题整改台账',
    foodDrug: '食品药品经营主体',
    debt: '债务台账',
  },
  level: { low: '低风险', general: '一般风险', significant: '较大风险', major: '重大风险', unknown: '未知' },
  domain: {
    safety: '安全生产',
    environment: '生态环境',
    'food-drug': '食品药品',
    debt: '债务化解',
  },
  risk: {
    zone: '全区风险等级',
    score: '得分',
    live: '实时',
    reconnecting: '连接中断，正在重连…',
    catchingUp: '正在追赶事件，数据可能滞后',
    freshness: '最近数据',
    never: '尚无数据',
    stale: '数据过期，等级未知',
    why: '为何是此等级？',
    contributions: '风险构成',
    overrides: '直接定级',
    rule: '规则',
    count: '项数',
    points: '分值',
    items: '事项',
    more: '还有更多',
    none: '当前没有加分项',
    policy: '策略版本',
    asOf: '截至',
  },
  list: { loadMore: '加载更多', empty: '暂无数据', open: '打开' },
  error: {
    conflict: '其他人已修改此事项，请刷新后重试。',
    precondition: '此事项已被修改，请刷新后重试。',
    forbidden: '您的角色无权进行此操作。',
    network: '网络连接失败，您填写的内容已保留，请稍后重试。',
    unknown: '操作失败',
  },
};

type Messages = typeof zhCN;

const en: Messages = {
  app: { title: 'Zone Risk Platform', signOut: 'Sign out', language: '中文', loading: 'Loading…' },
  signIn: {
    title: 'Sign in',
    demoTitle: 'Demo sign-in',
    demoHint:
      'Demo environment: sign in as the demo user of a role. In production you sign in with the identity provider and this page does not exist.',
    as: 'Sign in as this user',
    oidc: 'Sign in with the identity provider',
    expired: 'Your session has expired; please sign in again',
  },
  role: {
    inspector: 'Safety inspector',
    'safety-supervisor': 'Safety supervisor',
    'env-staff': 'Environmental staff',
    'env-supervisor': 'Environmental supervisor',
    'food-drug-officer': 'Food and drug officer',
    'food-drug-supervisor': 'Food and drug supervisor',
    'debt-officer': 'Debt officer',
    'debt-supervisor': 'Debt supervisor',
    'risk-office': 'Risk office',
    admin: 'Administrator',
  },
  menu: {
    risk: 'Zone risk status',
    safety: 'Hazards',
    environment: 'Rectification ledger',
    foodDrug: 'Food and drug businesses',
    debt: 'Debt register',
  },
  level: { low: 'Low', general: 'General', significant: 'Significant', major: 'Major', unknown: 'Unknown' },
  domain: {
    safety: 'Workplace safety',
    environment: 'Environment',
    'food-drug': 'Food and drug',
    debt: 'Debt reduction',
  },
  risk: {
    zone: 'Zone risk level',
    score: 'Score',
    live: 'Live',
    reconnecting: 'Connection lost, reconnecting…',
    catchingUp: 'Catching up on events; figures may lag',
    freshness: 'Latest data',
    never: 'No data yet',
    stale: 'Data is stale: level unknown',
    why: 'Why this level?',
    contributions: 'What contributes',
    overrides: 'Overrides',
    rule: 'Rule',
    count: 'Items',
    points: 'Points',
    items: 'Items',
    more: 'more',
    none: 'Nothing adds to the score now',
    policy: 'Policy version',
    asOf: 'As of',
  },
  list: { loadMore: 'Load more', empty: 'Nothing here', open: 'Open' },
  error: {
    conflict: 'Someone changed this item; reload it and try again.',
    precondition: 'This item has changed since you opened it; reload it and try again.',
    forbidden: 'Your role may not do this.',
    network: 'The connection failed. What you typed is kept; try again shortly.',
    unknown: 'The request failed',
  },
};

export const messages = { 'zh-CN': zhCN, en };
export type Locale = keyof typeof messages;

const LOCALE_KEY = 'zone-risk.locale';

function savedLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages,
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
}
