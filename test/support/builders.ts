/** Small test-data builders with defaults. */
export function somePlayers(count: number, prefix = 'player'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
}

export const GAME_DATE = '2026-01-30';
