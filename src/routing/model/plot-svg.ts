// The cost–quality plot of an evaluation as a standalone SVG: the router's points and hull, and the
// hulls of the baselines, cost and quality as fractions of the best single model's.
import type { EvalReport } from './evaluate.js';
import { type CurvePoint, upperHull } from './hull.js';

const W = 640;
const H = 440;
const PAD = { left: 60, right: 170, top: 30, bottom: 50 };

export function plotSvg(report: EvalReport, title: string): string {
  const all = [
    ...report.points,
    ...report.oracle.points,
    ...report.single_model_hull.points,
    ...(report.task_told?.points ?? []),
  ];
  const qMin = Math.max(0, Math.floor(Math.min(...all.map((p) => p.quality)) * 10) / 10 - 0.05);
  const qMax = Math.ceil(Math.max(1, ...report.oracle.points.map((p) => p.quality)) * 20) / 20;
  const x = (c: number) => PAD.left + Math.min(1.05, c) * ((W - PAD.left - PAD.right) / 1.05);
  const y = (q: number) => H - PAD.bottom - ((q - qMin) / (qMax - qMin)) * (H - PAD.top - PAD.bottom);
  const line = (pts: CurvePoint[]) =>
    upperHull(pts)
      .filter((p) => p.quality >= qMin || p.cost > 0)
      .map(
        (p, i) => `${i === 0 ? 'M' : 'L'}${x(p.cost).toFixed(1)},${y(Math.max(qMin, p.quality)).toFixed(1)}`,
      )
      .join(' ');
  const series: [string, string, CurvePoint[], string][] = [
    ['router', '#1f77b4', report.points, ''],
    ['oracle', '#2ca02c', report.oracle.points, '4 3'],
    ['single models', '#7f7f7f', report.single_model_hull.points, '6 3'],
    ['random', '#d62728', report.random.points, '2 3'],
  ];
  if (report.task_told) series.push(['told the task', '#ff7f0e', report.task_told.points, '8 2 2 2']);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${PAD.left}" y="18" font-size="14">${escapeXml(title)}</text>`,
  ];
  for (let i = 0; i <= 10; i++) {
    const c = i / 10;
    parts.push(
      `<line x1="${x(c)}" y1="${y(qMin)}" x2="${x(c)}" y2="${y(qMax)}" stroke="#eee"/>`,
      `<text x="${x(c)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${c.toFixed(1)}</text>`,
    );
  }
  for (let q = qMin; q <= qMax + 1e-9; q += 0.05) {
    parts.push(
      `<line x1="${x(0)}" y1="${y(q)}" x2="${x(1.05)}" y2="${y(q)}" stroke="#eee"/>`,
      `<text x="${PAD.left - 6}" y="${y(q) + 4}" text-anchor="end">${q.toFixed(2)}</text>`,
    );
  }
  parts.push(
    `<line x1="${x(0)}" y1="${y(0.95)}" x2="${x(1.05)}" y2="${y(0.95)}" stroke="#999" stroke-dasharray="1 2"/>`,
    `<text x="${(x(0) + x(1.05)) / 2}" y="${H - 10}" text-anchor="middle">cost (fraction of ${escapeXml(report.best_model)}'s)</text>`,
    `<text x="14" y="${(y(qMin) + y(qMax)) / 2}" transform="rotate(-90 14 ${(y(qMin) + y(qMax)) / 2})" text-anchor="middle">quality (fraction of its)</text>`,
  );
  series.forEach(([name, color, pts, dash], i) => {
    parts.push(
      `<path d="${line(pts)}" fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<line x1="${W - PAD.right + 15}" y1="${PAD.top + 20 * i}" x2="${W - PAD.right + 45}" y2="${PAD.top + 20 * i}" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<text x="${W - PAD.right + 52}" y="${PAD.top + 20 * i + 4}">${name}</text>`,
    );
  });
  const drawn = new Set<string>();
  for (const p of report.points) {
    const cx = x(p.cost).toFixed(1);
    const cy = y(p.quality).toFixed(1);
    if (p.quality < qMin || drawn.has(`${cx},${cy}`)) continue;
    drawn.add(`${cx},${cy}`);
    parts.push(`<circle cx="${cx}" cy="${cy}" r="1.8" fill="#1f77b4"/>`);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
