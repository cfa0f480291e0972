/** Structures, households and people. */
export interface Count {
  structures: number;
  households: number;
  people: number;
}

/** One plan's impact as `GET /api/settlements/{sid}/compare` answers it (docs/analysis.md). */
export interface Impact {
  plan: string;
  relocated: Count;
  trimmed: Count;
  byReason: Record<string, Count>;
  byGroup: Record<string, Record<string, Count>>;
  brings: {
    householdsNewlyWithinWater: number;
    householdsNewlyWithinToilet: number;
    householdsNewlyWithinFire: number;
    householdsWithinWater: number;
    householdsWithinToilet: number;
    householdsWithinFire: number;
    pathLengthAddedM: number;
  };
}
