import type { Role } from '@zone-risk/auth';

export interface DemoUser {
  sub: string;
  name: string;
  roles: Role[];
}

/**
 * One demo user per role, with the ids the demo seeds write under (so an inspector's "my hazards"
 * holds the seeded ones). Offered by the demo sign-in only, never when NODE_ENV=production.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { sub: 'demo-inspector', name: '王磊', roles: ['inspector'] },
  { sub: 'demo-supervisor', name: '陈静', roles: ['safety-supervisor'] },
  { sub: 'demo-env-staff', name: '李娜', roles: ['env-staff'] },
  { sub: 'demo-env-supervisor', name: '周强', roles: ['env-supervisor'] },
  { sub: 'demo-food-drug-officer', name: '刘洋', roles: ['food-drug-officer'] },
  { sub: 'demo-food-drug-supervisor', name: '高峰', roles: ['food-drug-supervisor'] },
  { sub: 'demo-debt-officer', name: '赵敏', roles: ['debt-officer'] },
  { sub: 'demo-debt-supervisor', name: '钱伟', roles: ['debt-supervisor'] },
  { sub: 'demo-risk-office', name: '吴静', roles: ['risk-office'] },
  { sub: 'demo-admin', name: '管理员', roles: ['admin'] },
];
