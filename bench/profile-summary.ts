/**
 * node dist/bench/profile-summary.js <file.cpuprofile> [top] [last-seconds]
 * Self time of a V8 CPU profile (node --cpu-prof) by place: an npm package, a folder of src/, Node's
 * internals, or V8's own (garbage collector, idle, program). What bench:api's --profile writes is read
 * with it; the shares in docs/benchmarks.md come from here. With `last-seconds`, only the samples of
 * the profile's last seconds count (the last load of a run, without the start and the seeding).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
const [file, topArg, lastArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
const top = Number(topArg ?? 20);
const profile = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
};
if (lastArg !== undefined) {
  // Recount the hits from the samples taken in the window (timeDeltas are µs between samples).
  const from = profile.endTime - Number(lastArg) * 1e6;
  const counts = new Map<number, number>();
  let at = profile.startTime;
  (profile.samples ?? []).forEach((id, i) => {
    at += profile.timeDeltas?.[i] ?? 0;
    if (at >= from) counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  for (const node of profile.nodes) node.hitCount = counts.get(node.id) ?? 0;
  profile.startTime = Math.max(profile.startTime, from);
}
const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);

function place(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : `(${name || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const src = /\/(?:dist\/)?(src|bench)\/([^/]+)/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url;
}

const byPlace = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  if (!hits) continue;
  const where = place(node.callFrame.url, node.callFrame.functionName);
  byPlace.set(where, (byPlace.get(where) ?? 0) + hits);
  const fn = `${node.callFrame.functionName || '(anonymous)'} ${where}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
}
const idle = byPlace.get('(idle)') ?? 0;

// Inclusive: a sample counts once for every place on its stack (a src/ folder under graphql-js counts for both).
const parent = new Map<number, ProfileNode>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
const inclusive = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  if (!hits) continue;
  const seen = new Set<string>();
  for (let at: ProfileNode | undefined = node; at; at = parent.get(at.id)) seen.add(place(at.callFrame.url, at.callFrame.functionName));
  for (const where of seen) inclusive.set(where, (inclusive.get(where) ?? 0) + hits);
}

const pct = (hits: number) => `${((100 * hits) / (total - idle)).toFixed(1)} %`;
console.log(
  `${file}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s, ${(100 * (1 - idle / total)).toFixed(0)} % busy; shares of busy time (self)`,
);
console.log('\n| place | self |\n|---|---:|');
for (const [where, hits] of [...byPlace]
  .filter(([w]) => w !== '(idle)')
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`| ${where} | ${pct(hits)} |`);
console.log('\n| place (inclusive: on the stack) | share |\n|---|---:|');
for (const [where, hits] of [...inclusive]
  .filter(([w]) => !w.startsWith('('))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`| ${where} | ${pct(hits)} |`);
console.log('\n| function | self |\n|---|---:|');
for (const [fn, hits] of [...byFunction]
  .filter(([f]) => !f.startsWith('(idle)'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`| ${fn} | ${pct(hits)} |`);
