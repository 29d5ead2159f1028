import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

export interface SessionUser {
  sub: string;
  name: string;
  roles: string[];
}

interface Saved {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

// Session storage: the token lives as long as the tab, is never in a URL (except the SSE
// access_token the aggregator takes) and never in localStorage.
const KEY = 'zone-risk.session';

function load(): Saved | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const saved = JSON.parse(raw) as Saved;
    return Date.parse(saved.expiresAt) > Date.now() ? saved : null;
  } catch {
    return null;
  }
}

export const useSession = defineStore('session', () => {
  const saved = ref<Saved | null>(load());
  const expired = ref(false);
  const signedIn = computed(() => saved.value !== null);
  const user = computed(() => saved.value?.user ?? null);
  const token = computed(() => saved.value?.token ?? null);

  function signIn(session: Saved): void {
    saved.value = session;
    expired.value = false;
    sessionStorage.setItem(KEY, JSON.stringify(session));
  }
  function signOut(why: 'user' | 'expired' = 'user'): void {
    saved.value = null;
    expired.value = why === 'expired';
    sessionStorage.removeItem(KEY);
  }
  function hasRole(...roles: string[]): boolean {
    const held = saved.value?.user.roles ?? [];
    return held.includes('admin') || roles.some((role) => held.includes(role));
  }
  return { signedIn, user, token, expired, signIn, signOut, hasRole };
});
