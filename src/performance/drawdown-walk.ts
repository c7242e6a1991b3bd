/**
 * The drawdown walk shared by `drawdowns` and the drawdown scan of `performanceSummary`,
 * `calmarRatio`, `ulcerIndex` and the rolling 'maxDrawdown': one implementation of the episode rules.
 *
 * @module
 * @internal
 */

/**
 * The one drawdown walk over a return series, one period per {@link DrawdownWalk.next} call: the
 * wealth index w_t = Π(1 + r) (`wealth`), its drawdown d_t = 1 − w_t / peak (`drawdown`, 0 at a new
 * peak) and the episodes: an episode starts at the first period under water and ends at the first
 * position whose drawdown is 0; `next` returns true when the period just read closed one, and
 * {@link DrawdownWalk.finish} true when one is still open at the end. The closed (or open) episode
 * is then in `start`, `trough` (position of its deepest point, wealth index positions 1..T) and
 * `depth`. A class with small methods (not callbacks) so that V8 inlines the walk into each caller. @internal
 */
export class DrawdownWalk {
  /** The wealth index after the last period read (1 before any), times 2^−log2Scale. */
  wealth = 1;
  /** The drawdown after the last period read, a positive fraction (0 at a peak). */
  drawdown = 0;
  /** The running peak of the wealth index (in the same scale as `wealth`). */
  peak = 1;
  /** `wealth` and `peak` are 2^−log2Scale times the true ones (0 unless the wealth overflowed a double). */
  log2Scale = 0;
  /** Whether the last period read is under water. */
  inEpisode = false;
  /** The current (or just closed) episode: first period under water, position of the trough, depth. */
  start = 0;
  trough = 0;
  depth = 0;

  /** Reads period t with return x; true when this period ends an episode (recovery at position t + 1). */
  next(t: number, x: number): boolean {
    let w = this.wealth * (1 + x);
    if (w === Infinity) w = this.rescale(x);
    this.wealth = w;
    let d = 0;
    if (w >= this.peak) this.peak = w;
    else d = 1 - w / this.peak;
    this.drawdown = d;
    if (d > 0) {
      if (!this.inEpisode) {
        this.inEpisode = true;
        this.start = t;
        this.depth = d;
        this.trough = t + 1;
      } else if (d > this.depth) {
        this.depth = d;
        this.trough = t + 1;
      }
      return false;
    }
    if (!this.inEpisode) return false;
    this.inEpisode = false;
    return true;
  }

  /**
   * Where Π(1 + r) leaves the double range, the wealth and the peak are divided by the same power of
   * two 2^e (exact; drawdowns are ratios, so unchanged) and e is added to `log2Scale`; returns the
   * step's wealth in the new scale. Never reached for wealth below about 1.8e308.
   */
  private rescale(x: number): number {
    const e = Math.floor(Math.log2(this.wealth));
    // wealth / 2^(e+1) in [0.5, 1), so its product with any finite 1 + x stays finite
    this.wealth = this.wealth / 2 ** e / 2;
    this.peak = this.peak / 2 ** e / 2;
    this.log2Scale += e + 1;
    return this.wealth * (1 + x);
  }

  /** After the last period: true when an episode is still open (not recovered). */
  finish(): boolean {
    return this.inEpisode;
  }
}
