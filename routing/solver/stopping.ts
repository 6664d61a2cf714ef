/** What a stopping rule may look at; filled by the search loop each iteration. */
export interface SearchProgress {
  iterations: number;
  elapsedMs: number;
  iterationsSinceBest: number;
}

/** A stopping rule as a small object (PyVRP style); `fraction` drives cooling schedules. */
export interface StoppingRule {
  shouldStop(p: SearchProgress): boolean;
  /** How far along the budget the search is, in [0, 1]; undefined when the rule has no notion of it. */
  fraction(p: SearchProgress): number | undefined;
}

export class MaxRuntime implements StoppingRule {
  constructor(private readonly ms: number) {}
  shouldStop(p: SearchProgress): boolean { return p.elapsedMs >= this.ms; }
  fraction(p: SearchProgress): number { return Math.min(1, p.elapsedMs / this.ms); }
}

export class MaxIterations implements StoppingRule {
  constructor(private readonly max: number) {}
  shouldStop(p: SearchProgress): boolean { return p.iterations >= this.max; }
  fraction(p: SearchProgress): number { return Math.min(1, p.iterations / this.max); }
}

export class NoImprovement implements StoppingRule {
  constructor(private readonly max: number) {}
  shouldStop(p: SearchProgress): boolean { return p.iterationsSinceBest >= this.max; }
  fraction(): undefined { return undefined; }
}

/** Stops when the caller says so (e.g. other work waits for the plans); no notion of progress. */
export class WhenAsked implements StoppingRule {
  constructor(private readonly asked: () => boolean) {}
  shouldStop(): boolean { return this.asked(); }
  fraction(): undefined { return undefined; }
}

/**
 * Stops at the first rule that fires. Progress follows the first rule that has one, so put the
 * iteration rule first when runs must be reproducible (wall-clock progress is not).
 */
export class FirstOf implements StoppingRule {
  constructor(private readonly rules: StoppingRule[]) {}
  shouldStop(p: SearchProgress): boolean { return this.rules.some((r) => r.shouldStop(p)); }
  fraction(p: SearchProgress): number | undefined {
    for (const r of this.rules) {
      const f = r.fraction(p);
      if (f !== undefined) return f;
    }
    return undefined;
  }
}
