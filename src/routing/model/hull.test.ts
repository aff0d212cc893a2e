import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { areaUnder, costAt, curveFigures, hullMargin, hullQuality, upperHull } from './hull.js';

describe('cost–quality hull', () => {
  // weak alone: cost 0.1, quality 0.8; strong alone: (1, 1); a router point (0.3, 0.96) and a bad one (0.5, 0.85)
  const pts = [
    { cost: 0.1, quality: 0.8 },
    { cost: 1, quality: 1 },
    { cost: 0.3, quality: 0.96 },
    { cost: 0.5, quality: 0.85 },
  ];

  it('keeps the upper concave envelope from the origin to the best point', () => {
    assert.deepEqual(upperHull(pts), [
      { cost: 0, quality: 0 },
      { cost: 0.1, quality: 0.8 },
      { cost: 0.3, quality: 0.96 },
      { cost: 1, quality: 1 },
    ]);
  });

  it('cost at 95%: on the segment (0.1, 0.8)–(0.3, 0.96) → 0.1 + 0.2·(0.15/0.16) = 0.2875', () => {
    const hull = upperHull(pts);
    assert.ok(Math.abs(costAt(hull, 0.95)! - 0.2875) < 1e-12);
    assert.equal(costAt(hull, 1), 1);
    assert.equal(costAt(hull, 1.01), null);
    // quality at 50%: 0.96 + 0.04·(0.2/0.7)
    assert.ok(Math.abs(hullQuality(hull, 0.5) - (0.96 + (0.04 * 0.2) / 0.7)) < 1e-12);
    assert.ok(Math.abs(hullQuality(hull, 0.05) - 0.4) < 1e-12);
  });

  it('aiq is the exact area: 0.04 + 0.176 + 0.686 = 0.902', () => {
    // [0,0.1]: (0+0.8)/2·0.1 = 0.04; [0.1,0.3]: (0.8+0.96)/2·0.2 = 0.176; [0.3,1]: (0.96+1)/2·0.7 = 0.686
    const hull = upperHull(pts);
    assert.ok(Math.abs(areaUnder(hull) - 0.902) < 1e-12);
    const f = curveFigures(pts);
    assert.equal(f.aiq, 0.902);
    assert.equal(f.cost_at_95, 0.2875);
    assert.equal(f.quality_at['10'], 0.8);
  });

  it('a hull stays flat after its best point, and points above 1 count', () => {
    const hull = upperHull([
      { cost: 0.2, quality: 1.05 },
      { cost: 1, quality: 1 },
    ]);
    assert.deepEqual(hull.at(-1), { cost: 0.2, quality: 1.05 });
    assert.equal(hullQuality(hull, 0.9), 1.05);
    assert.equal(costAt(hull, 1), 0.2 / 1.05);
  });

  it('margins between two hulls', () => {
    const singles = [
      { cost: 0.1, quality: 0.8 },
      { cost: 1, quality: 1 },
    ];
    const m = hullMargin(pts, singles);
    assert.ok(m.min >= 0);
    assert.ok(m.max > 0.1);
  });
});
