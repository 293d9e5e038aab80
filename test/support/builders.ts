/** Small test-data builders with defaults. */
export function somePlayers(count: number, prefix = 'player'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
}

export const GAME_DATE = '2026-01-30';

export interface PredictionOptions {
  gameDate?: string;
  systems?: readonly string[];
  line?: number | null;
  createdAt?: string;
  idSuffix?: string;
}

/** `count` valid predictions for one player: systems cycle, lines step by 0.5 so keys differ. */
export function somePredictions(
  player: string,
  count: number,
  options: PredictionOptions = {},
): Record<string, unknown>[] {
  const systems = options.systems ?? [
    'catboost_v9',
    'ensemble_v1',
    'similarity_v2',
    'xgb_v3',
    'zone_v1',
    'moving_avg',
    'ridge_v2',
  ];
  return Array.from({ length: count }, (_, i) => {
    const system = systems[i % systems.length]!;
    const line =
      options.line === undefined ? 20.5 + Math.floor(i / systems.length) * 0.5 : options.line;
    return {
      predictionId: `${player}-${system}-${i}${options.idSuffix ?? ''}`,
      systemId: system,
      playerLookup: player,
      gameDate: options.gameDate ?? GAME_DATE,
      gameId: '20260130_GSW_LAL',
      predictionVersion: 1,
      predictedPoints: 22.4,
      confidenceScore: 71.25,
      recommendation: 'OVER',
      currentPointsLine: line,
      keyFactors: { pace: 'fast' },
      warnings: ['thin sample'],
      dataQualityIssues: [],
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    };
  });
}
