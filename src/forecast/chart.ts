// Server-side SVG line chart of history, forecast and its 80%/95% interval band (d3-scale + d3-shape path strings).
import { scaleLinear, scaleUtc } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { ShortageForecastItem } from './service.js';

const esc = (s: string): string => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const toDate = (p: string): Date => new Date(Date.UTC(Number(p.slice(0, 4)), Number(p.slice(5, 7)) - 1, 1));
const fmt = (v: number): string => (Math.abs(v) >= 10_000 ? `${(v / 1000).toFixed(0)}k` : Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k` : v.toFixed(v < 10 ? 1 : 0));

export function renderForecastSvg(item: ShortageForecastItem, opts: { width?: number; height?: number; staleAfterMonths?: number } = {}): string {
  const W = opts.width ?? 800;
  const H = opts.height ?? 400;
  const m = { top: 62, right: 24, bottom: 40, left: 56 };
  const hist = item.history.filter((h): h is { period: string; value: number } => h.value !== null);
  const fc = item.forecast;
  const periods = [...hist.map((h) => h.period), ...fc.map((f) => f.period)];
  const x = scaleUtc()
    .domain([toDate(periods[0] ?? '2000-01'), toDate(periods[periods.length - 1] ?? '2000-02')])
    .range([m.left, W - m.right]);
  const ymax = Math.max(1, ...hist.map((h) => h.value), ...fc.map((f) => f.upper95));
  const y = scaleLinear().domain([0, ymax]).nice().range([H - m.bottom, m.top]);
  type F = (typeof fc)[number];
  const band = (lo: (d: F) => number, hi: (d: F) => number): string =>
    area<F>()
      .x((d) => x(toDate(d.period)))
      .y0((d) => y(lo(d)))
      .y1((d) => y(hi(d)))(fc) ?? '';
  const histPath = line<{ period: string; value: number }>()
    .x((d) => x(toDate(d.period)))
    .y((d) => y(d.value))(hist) ?? '';
  // The forecast line starts at the last observed month so the two lines join.
  const lastObs = hist[hist.length - 1];
  const fcPoints = [...(lastObs ? [{ period: lastObs.period, value: lastObs.value }] : []), ...fc.map((f) => ({ period: f.period, value: f.value }))];
  const fcPath = line<{ period: string; value: number }>()
    .x((d) => x(toDate(d.period)))
    .y((d) => y(d.value))(fcPoints) ?? '';
  const yTicks = y.ticks(6).map(
    (t) => `<g><line x1="${m.left}" x2="${W - m.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#e5e7eb"/><text x="${m.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text></g>`,
  );
  const xTicks = x.ticks(8).map((d) => {
    const label = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    return `<text x="${x(d).toFixed(1)}" y="${H - m.bottom + 18}" text-anchor="middle">${label}</text>`;
  });
  const title = `${item.occupation.label} (${item.occupation.scheme.toUpperCase()} ${item.occupation.code}), ${item.region}`;
  const sub = `${item.source.toUpperCase()}, ${item.unit}. Model: ${item.model}; rating: ${item.rating.value}. Bands: 80% and 95% prediction intervals.`;
  const fresh = `Last observation ${item.lastObservation ?? 'none'}; forecast from ${item.origin ?? 'none'}${item.stale ? ` (STALE: older than ${opts.staleAfterMonths ?? '?'} months)` : ''}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${m.left}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<text x="${m.left}" y="36" fill="#4b5563">${esc(sub)}</text>`,
    `<text x="${m.left}" y="51" fill="${item.stale ? '#b91c1c' : '#4b5563'}" class="freshness" data-stale="${item.stale}">${esc(fresh)}</text>`,
    ...yTicks,
    ...xTicks,
    `<path d="${band((d) => d.lower95, (d) => d.upper95)}" fill="#93c5fd" fill-opacity="0.35" class="band95"/>`,
    `<path d="${band((d) => d.lower80, (d) => d.upper80)}" fill="#3b82f6" fill-opacity="0.35" class="band80"/>`,
    `<path d="${histPath}" fill="none" stroke="#111827" stroke-width="1.5" class="history"/>`,
    `<path d="${fcPath}" fill="none" stroke="#1d4ed8" stroke-width="2" stroke-dasharray="5 3" class="forecast"/>`,
    `<line x1="${m.left}" x2="${W - m.right}" y1="${H - m.bottom}" y2="${H - m.bottom}" stroke="#6b7280"/>`,
    '</svg>',
  ].join('\n');
}
