import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { comparisonLines, type Variant } from './comparisons';
import type { Leg } from './drivers';
import type { DayKpis } from './kpis';
import { localTime } from './local-time';
import type { DayResult } from './run-day';

export interface ReportHeader {
  day: string;
  seed: number;
  demandSource: string;
  requests: number;
}

type Run = { variant: Variant; result: DayResult; kpis: DayKpis };

const BIN_MIN = 15;
const FIRST_MIN = 5 * 60;
const LAST_MIN = 23 * 60 + 30;

/** People on board over the day, all buses together, averaged per quarter hour. */
function occupancyOverDay(legs: Leg[], day: string, timeZone: string): number[] {
  const startMs = localTime(day, FIRST_MIN, timeZone).getTime();
  const bins = new Array<number>(Math.ceil((LAST_MIN - FIRST_MIN) / BIN_MIN)).fill(0);
  const binMs = BIN_MIN * 60_000;
  for (const leg of legs) {
    for (let i = Math.max(0, Math.floor((leg.departMs - startMs) / binMs)); i < bins.length && startMs + i * binMs < leg.arriveMs; i += 1) {
      const overlap = Math.min(leg.arriveMs, startMs + (i + 1) * binMs) - Math.max(leg.departMs, startMs + i * binMs);
      if (overlap > 0) bins[i] += (leg.onBoard * overlap) / binMs;
    }
  }
  return bins.map((b) => Math.round(b * 100) / 100);
}

/** Each bus's day of the run: what it drove when (local minutes), and how many were on board. */
function timelines(run: Run, day: string, timeZone: string) {
  const midnight = localTime(day, 0, timeZone).getTime();
  const minute = (ms: number) => Math.round(((ms - midnight) / 60_000) * 10) / 10;
  return run.result.vehicles.map((v) => ({
    label: v.label,
    legs: run.result.legs.filter((l) => l.vehicleId === v.id).map((l) => ({ from: minute(l.departMs), to: minute(l.arriveMs), onBoard: l.onBoard })),
  }));
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

function runTable(runs: Run[]): string {
  const head = ['run', 'requests', 'accepted', 'rejected', 'vehicle-km', 'empty km', 'passenger-km', 'vehicle h', 'occupancy', 'pooled', 'detour p50 / p90', 'pickups on time', 'late arrivals', 'km per rider', 're-opt. runs'];
  const rows = runs.map(({ variant, kpis: k }) => [
    variant.name, k.requests, `${k.accepted} (${pct(k.acceptance)})`, Object.entries(k.rejectedByReason).map(([r, n]) => `${r} ${n}`).join(', ') || '–',
    k.vehicleKm, k.emptyKm, k.passengerKm, k.vehicleHours, k.occupancyWhileMoving, pct(k.pooledShare), `${k.detourFactor.p50 ?? '–'} / ${k.detourFactor.p90 ?? '–'}`,
    `${k.pickup.onTime} of ${k.pickup.onTime + k.pickup.early + k.pickup.late}`, k.lateArrivals, k.kmPerServedRider, k.reoptimisations,
  ]);
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(String(c))}</th>` : `<td>${escapeHtml(String(c))}</td>`)).join('')}</tr>`).join('')}</tbody></table>`;
}

function busTable(run: Run): string {
  const rows = run.kpis.perBus.map((b) => `<tr><th scope="row">${escapeHtml(b.label)}</th><td>${b.vehicleKm}</td><td>${b.emptyKm}</td><td>${b.passengerKm}</td><td>${b.vehicleHours}</td><td>${b.occupancyWhileMoving}</td><td>${b.ridesServed}</td></tr>`);
  return `<table><thead><tr><th scope="col">bus</th><th scope="col">vehicle-km</th><th scope="col">empty km</th><th scope="col">passenger-km</th><th scope="col">hours out</th><th scope="col">occupancy while moving</th><th scope="col">rides</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The charting library, read from node_modules and inlined: the report asks nothing of the network. */
function chartJs(): string {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return readFileSync(join(dirname(entry), 'chart.umd.min.js'), 'utf8');
}

/**
 * The report: one self-contained HTML file (the charting library inlined, no outside request) with
 * the runs' KPIs, occupancy over the day, acceptance and vehicle-km against fleet size, the detour
 * distribution and each bus's day as a timeline.
 */
export function reportHtml(header: ReportHeader, runs: Run[], timeZone = 'Europe/Berlin'): string {
  const main = runs.find((r) => r.variant.group === 'day') ?? runs.find((r) => r.variant.group === 'policy' && r.variant.policy === 'reoptimise') ?? runs[0];
  const policyRuns = runs.filter((r) => r.variant.group === 'policy' || r.variant.group === 'day');
  const fleetRuns = runs.filter((r) => (r.variant.group === 'fleet' || r.variant.group === 'policy') && Object.keys(r.variant.rules).length === 0);
  const data = {
    binMin: BIN_MIN,
    firstMin: FIRST_MIN,
    occupancy: policyRuns.map((r) => ({ name: r.variant.name, values: occupancyOverDay(r.result.legs, header.day, timeZone) })),
    fleet: (['insertion', 'reoptimise'] as const).map((policy) => ({
      policy,
      points: fleetRuns.filter((r) => r.variant.policy === policy).sort((a, b) => a.variant.fleet - b.variant.fleet).map((r) => ({ fleet: r.variant.fleet, acceptance: Math.round(r.kpis.acceptance * 1000) / 10, km: r.kpis.vehicleKm })),
    })).filter((s) => s.points.length > 0),
    detour: policyRuns.map((r) => ({ name: r.variant.name, bins: r.kpis.detourFactor.bins })),
    timeline: { name: main.variant.name, buses: timelines(main, header.day, timeZone) },
  };
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulated day ${escapeHtml(header.day)} (seed ${header.seed})</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; max-width: 80rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
th, td { border: 1px solid #999; padding: 0.25rem 0.5rem; text-align: right; }
th[scope="row"], thead th { text-align: left; background: #f0f0f0; }
figure { margin: 1rem 0 2rem; }
.chart { position: relative; height: 22rem; }
.timeline { position: relative; height: ${Math.max(12, data.timeline.buses.length * 3 + 4)}rem; }
</style>
</head>
<body>
<h1>Simulated day ${escapeHtml(header.day)}</h1>
<p>Seed ${header.seed}, demand: ${escapeHtml(header.demandSource)} (${header.requests} requests). Every run books the same requests through the real service on a virtual clock; simulated drivers drive the plans. Distances and times are the straight-line estimate the service uses without road data.</p>
<h2>Runs</h2>
${runTable(runs)}
${runs.length > 1 ? `<h2>Comparisons</h2>\n<pre>${escapeHtml(comparisonLines(runs).join('\n'))}</pre>` : ''}
<h2>Buses of “${escapeHtml(main.variant.name)}”</h2>
${busTable(main)}
<figure><div class="chart"><canvas id="occupancy" role="img" aria-label="People on board over the day, all buses together"></canvas></div><figcaption>People on board over the day (all buses, averaged per ${BIN_MIN} minutes).</figcaption></figure>
${data.fleet.length ? '<figure><div class="chart"><canvas id="fleet" role="img" aria-label="Acceptance and vehicle-km against fleet size"></canvas></div><figcaption>Acceptance (%) and vehicle-km against fleet size, per policy.</figcaption></figure>' : ''}
<figure><div class="chart"><canvas id="detour" role="img" aria-label="Distribution of the detour factor"></canvas></div><figcaption>Detour factor (ride time ÷ direct time) of the served rides.</figcaption></figure>
<figure><div class="timeline"><canvas id="timeline" role="img" aria-label="Each bus's day as a timeline"></canvas></div><figcaption>Each bus's day in “${escapeHtml(main.variant.name)}”: every bar a leg driven, darker with more people on board (grey: empty).</figcaption></figure>
<script type="application/json" id="data">${json}</script>
<script>${chartJs()}</script>
<script>
const data = JSON.parse(document.getElementById('data').textContent);
const clock = (m) => String(Math.floor(m / 60)).padStart(2, '0') + ':' + String(Math.round(m % 60)).padStart(2, '0');
const colours = ['#0b5394', '#b45f06', '#38761d', '#741b47', '#45818e', '#bf9000'];
const labels = data.occupancy[0] ? data.occupancy[0].values.map((_, i) => clock(data.firstMin + i * data.binMin)) : [];
new Chart(document.getElementById('occupancy'), { type: 'line', data: { labels, datasets: data.occupancy.map((s, i) => ({ label: s.name, data: s.values, borderColor: colours[i % colours.length], pointRadius: 0 })) }, options: { animation: false, maintainAspectRatio: false, scales: { y: { title: { display: true, text: 'people on board' } } } } });
if (document.getElementById('fleet')) {
  const sets = [];
  data.fleet.forEach((s, i) => {
    sets.push({ label: s.policy + ': acceptance %', data: s.points.map((p) => ({ x: p.fleet, y: p.acceptance })), borderColor: colours[i], yAxisID: 'y' });
    sets.push({ label: s.policy + ': vehicle-km', data: s.points.map((p) => ({ x: p.fleet, y: p.km })), borderColor: colours[i], borderDash: [6, 4], yAxisID: 'km' });
  });
  new Chart(document.getElementById('fleet'), { type: 'line', data: { datasets: sets }, options: { animation: false, maintainAspectRatio: false, scales: { x: { type: 'linear', title: { display: true, text: 'buses' }, ticks: { stepSize: 1 } }, y: { title: { display: true, text: 'acceptance %' }, min: 0, max: 100 }, km: { position: 'right', title: { display: true, text: 'vehicle-km' }, grid: { drawOnChartArea: false } } } } });
}
const binLabel = (b) => b.to === null ? '≥ ' + b.from : b.from + '–' + b.to;
new Chart(document.getElementById('detour'), { type: 'bar', data: { labels: data.detour[0] ? data.detour[0].bins.map(binLabel) : [], datasets: data.detour.map((s, i) => ({ label: s.name, data: s.bins.map((b) => b.count), backgroundColor: colours[i % colours.length] })) }, options: { animation: false, maintainAspectRatio: false, scales: { y: { title: { display: true, text: 'rides' } }, x: { title: { display: true, text: 'ride time ÷ direct time' } } } } });
const buses = data.timeline.buses;
const legs = buses.flatMap((b) => b.legs.map((l) => ({ x: [l.from, l.to], y: b.label, onBoard: l.onBoard })));
new Chart(document.getElementById('timeline'), { type: 'bar', data: { labels: buses.map((b) => b.label), datasets: [{ label: 'legs driven', data: legs, backgroundColor: legs.map((l) => l.onBoard === 0 ? '#bbbbbb' : 'rgba(11, 83, 148, ' + Math.min(1, 0.35 + l.onBoard * 0.15) + ')'), barPercentage: 0.8, categoryPercentage: 1, grouped: false }] }, options: { indexAxis: 'y', animation: false, maintainAspectRatio: false, parsing: { xAxisKey: 'x', yAxisKey: 'y' }, plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => clock(c.raw.x[0]) + '–' + clock(c.raw.x[1]) + ', ' + c.raw.onBoard + ' on board' } } }, scales: { x: { type: 'linear', min: data.firstMin, max: 24 * 60, ticks: { stepSize: 60, callback: (v) => clock(v) } } } } });
</script>
</body>
</html>
`;
}
