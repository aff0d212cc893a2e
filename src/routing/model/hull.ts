// The cost–quality curve of a router and its figures. Points are (cost, quality) as fractions of
// the best single model's total cost and total quality. The hull is the upper concave envelope of
// the points and the origin (spending nothing answers nothing): any point on it is reachable by
// mixing the two routers at its ends at random. Beyond its best point the hull stays flat.

export interface CurvePoint {
  cost: number;
  quality: number;
}

export interface CurveFigures {
  /** smallest cost fraction on the hull that keeps 95% / 100% of the best model's quality (null: never) */
  cost_at_95: number | null;
  cost_at_100: number | null;
  /** hull quality at 10, 25, 50% of the best model's cost */
  quality_at: { '10': number; '25': number; '50': number };
  /** area under the hull over cost 0..1 (1 = the best model's quality at no cost) */
  aiq: number;
}

const cross = (o: CurvePoint, a: CurvePoint, b: CurvePoint) =>
  (a.cost - o.cost) * (b.quality - o.quality) - (a.quality - o.quality) * (b.cost - o.cost);

/** the upper hull from the origin to the best point (the cheapest of the best), increasing in cost */
export function upperHull(points: readonly CurvePoint[]): CurvePoint[] {
  const pts = [
    { cost: 0, quality: 0 },
    ...points.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.quality)),
  ];
  pts.sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  let top = pts[0]!;
  for (const p of pts) if (p.quality > top.quality + 1e-12) top = p;
  const hull: CurvePoint[] = [];
  for (const p of pts) {
    if (p.cost > top.cost) break;
    // at equal cost the first (sorted best) point stands for the others
    if (hull.length > 0 && p.cost === hull[hull.length - 1]!.cost) continue;
    while (hull.length >= 2 && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, p) >= 0) hull.pop();
    hull.push(p);
  }
  return hull;
}

/** the hull's quality at a cost fraction */
export function hullQuality(hull: readonly CurvePoint[], cost: number): number {
  if (hull.length === 0) return 0;
  if (cost <= hull[0]!.cost) return hull[0]!.cost === 0 ? hull[0]!.quality : 0;
  for (let i = 1; i < hull.length; i++) {
    const a = hull[i - 1]!;
    const b = hull[i]!;
    if (cost <= b.cost) return a.quality + ((b.quality - a.quality) * (cost - a.cost)) / (b.cost - a.cost);
  }
  return hull[hull.length - 1]!.quality;
}

/** the smallest cost at which the hull reaches `quality`, or null */
export function costAt(hull: readonly CurvePoint[], quality: number): number | null {
  for (let i = 0; i < hull.length; i++) {
    const b = hull[i]!;
    if (b.quality >= quality - 1e-12) {
      if (i === 0) return b.cost;
      const a = hull[i - 1]!;
      if (b.quality === a.quality) return a.cost;
      return a.cost + ((b.cost - a.cost) * (quality - a.quality)) / (b.quality - a.quality);
    }
  }
  return null;
}

/** the area under the hull over cost 0..1 (piecewise linear: exact trapezoids) */
export function areaUnder(hull: readonly CurvePoint[]): number {
  let area = 0;
  let prev = { cost: 0, quality: hullQuality(hull, 0) };
  for (const p of hull) {
    if (p.cost <= 0) continue;
    const c = Math.min(1, p.cost);
    const q = hullQuality(hull, c);
    area += ((prev.quality + q) / 2) * (c - prev.cost);
    prev = { cost: c, quality: q };
    if (c >= 1) break;
  }
  if (prev.cost < 1) area += prev.quality * (1 - prev.cost);
  return area;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function curveFigures(points: readonly CurvePoint[]): CurveFigures {
  const hull = upperHull(points);
  const c95 = costAt(hull, 0.95);
  const c100 = costAt(hull, 1);
  return {
    cost_at_95: c95 === null ? null : round(c95),
    cost_at_100: c100 === null ? null : round(c100),
    quality_at: {
      '10': round(hullQuality(hull, 0.1)),
      '25': round(hullQuality(hull, 0.25)),
      '50': round(hullQuality(hull, 0.5)),
    },
    aiq: round(areaUnder(hull)),
  };
}

/** min over a grid of costs in (0, 1] of hull(a) − hull(b), and where it is reached */
export function hullMargin(a: readonly CurvePoint[], b: readonly CurvePoint[], from = 0, steps = 1000) {
  const ha = upperHull(a);
  const hb = upperHull(b);
  let min = Number.POSITIVE_INFINITY;
  let at = from;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i <= steps; i++) {
    const c = from + ((1 - from) * i) / steps;
    if (c <= 0) continue;
    const d = hullQuality(ha, c) - hullQuality(hb, c);
    if (d < min) {
      min = d;
      at = c;
    }
    if (d > max) max = d;
  }
  return { min: round(min), at: round(at), max: round(max) };
}
