import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSession } from './stores/session.ts';
import ItemList from './views/ItemList.vue';
import RiskOffice from './views/RiskOffice.vue';
import Shell from './views/Shell.vue';
import SignIn from './views/SignIn.vue';

/** Each page, the roles that see it in the menu, and its menu label. */
export const PAGES = [
  { path: 'risk', menu: 'menu.risk', roles: ['risk-office'], component: RiskOffice },
  {
    path: 'safety',
    menu: 'menu.safety',
    roles: ['inspector', 'safety-supervisor', 'risk-office'],
    component: ItemList,
    props: { service: 'safety', resource: '/hazards' },
  },
  {
    path: 'environment',
    menu: 'menu.environment',
    roles: ['env-staff', 'env-supervisor', 'risk-office'],
    component: ItemList,
    props: { service: 'environment', resource: '/items' },
  },
  {
    path: 'food-drug',
    menu: 'menu.foodDrug',
    roles: ['food-drug-officer', 'food-drug-supervisor', 'risk-office'],
    component: ItemList,
    props: { service: 'food-drug', resource: '/businesses' },
  },
  {
    path: 'debt',
    menu: 'menu.debt',
    roles: ['debt-officer', 'debt-supervisor', 'risk-office'],
    component: ItemList,
    props: { service: 'debt', resource: '/instruments' },
  },
] as const;

const routes: RouteRecordRaw[] = [
  { path: '/sign-in', component: SignIn, meta: { public: true } },
  {
    path: '/',
    component: Shell,
    children: PAGES.map((page) => ({
      path: page.path,
      component: page.component,
      props: 'props' in page ? page.props : {},
      meta: { roles: page.roles },
    })),
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

/** The first page a user's roles may see: where signing in lands. */
export function homeOf(hasRole: (...roles: string[]) => boolean): string {
  return `/${PAGES.find((page) => hasRole(...page.roles))?.path ?? 'risk'}`;
}

router.beforeEach((to) => {
  const session = useSession();
  if (to.meta.public) return true;
  if (!session.signedIn) return { path: '/sign-in', query: { next: to.fullPath } };
  const roles = to.meta.roles as readonly string[] | undefined;
  if (!roles || !session.hasRole(...roles)) return homeOf(session.hasRole);
  return true;
});
