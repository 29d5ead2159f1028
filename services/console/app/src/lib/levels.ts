// The platform's risk colours (双重预防机制 四色): blue low, yellow general, orange significant,
// red major; a stale domain is grey "unknown" — never blue, which would say "all is well".

export type Level = 'low' | 'general' | 'significant' | 'major' | 'unknown';

export interface LevelStyle {
  /** Background of a card or the zone banner. */
  color: string;
  /** Text on that background. */
  text: string;
  /** The i18n key of the level's name. */
  label: `level.${Level}`;
}

const STYLES: Record<Level, LevelStyle> = {
  low: { color: '#1f6fd1', text: '#ffffff', label: 'level.low' },
  general: { color: '#f2c200', text: '#1f1f1f', label: 'level.general' },
  significant: { color: '#f07f13', text: '#ffffff', label: 'level.significant' },
  major: { color: '#d9281e', text: '#ffffff', label: 'level.major' },
  unknown: { color: '#8c8c8c', text: '#ffffff', label: 'level.unknown' },
};

/**
 * The style of a domain's or the zone's level. A stale domain shows unknown whatever level it
 * last had; anything the console does not know is unknown too, never blue.
 */
export function levelStyle(level: string, stale = false): LevelStyle {
  if (stale) return STYLES.unknown;
  return Object.hasOwn(STYLES, level) ? STYLES[level as Level] : STYLES.unknown;
}
