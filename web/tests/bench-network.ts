// A synthetic knowledge base of n entities for timing the network explorer
// on a large graph: a seeded preferential-attachment network (each new
// entity tied to one or two earlier ones, more often to the well
// connected, as covert networks grow around hubs), with mixed kinds,
// predicates, dates, confidences and some designations, written as curated
// YAML and loaded into a store of its own by the real `vigil load`.
// network.spec.ts serves that store with its own `vigil serve`, so the
// timing covers the real path: GET /v1/graph, the model, the layout and
// Cytoscape's first frame.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const KINDS = ['person', 'person', 'person', 'organization', 'organization', 'government_body', 'state', 'place'];
const PREDICATES = ['member_of', 'allied_with', 'supports', 'leader_of', 'funds', 'shares_intelligence_with', 'hostile_to', 'affiliate_of', 'operates_in', 'recruits_from'];

export function benchYaml(n: number, seed = 20251201): string {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const pad = (i: number) => String(i).padStart(4, '0');
  const lines: string[] = [];
  lines.push('sources:');
  lines.push('  - {id: bench-notes, title: Synthetic network for timing, publisher: vigil tests, date: "2025-01", kind: report}');
  lines.push('entities:');
  lines.push('  - {id: bench-authority, kind: state, names: [{text: Bench Authority, kind: primary}], attributes: {authority_code: XB}}');
  for (let i = 0; i < n; ++i) lines.push(`  - {id: e${pad(i)}, kind: ${KINDS[i % KINDS.length]}, names: [{text: "Entity ${pad(i)}", kind: primary}]}`);
  lines.push('relations:');
  const degree = new Array<number>(n).fill(0);
  const seen = new Set<string>();
  // Endpoints drawn with probability proportional to degree + 1.
  const ends: number[] = [0];
  for (let i = 1; i < n; ++i) {
    const ties = rand() < 0.55 ? 2 : 1;
    for (let t = 0; t < ties; ++t) {
      const j = ends[Math.floor(rand() * ends.length)];
      if (j === i) continue;
      const predicate = PREDICATES[Math.floor(rand() * PREDICATES.length)];
      const key = `${i}|${predicate}|${j}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const from = rand() < 0.4 ? `, from: "${1990 + Math.floor(rand() * 34)}"` : '';
      const confidence = (0.5 + Math.floor(rand() * 10) * 0.05).toFixed(2);
      const denied = rand() < 0.05 ? `, {source: bench-notes, locator: "row ${i}-${t}", stance: denies, confidence: 0.4}` : '';
      lines.push(
        `  - {subject: e${pad(i)}, predicate: ${predicate}, object: e${pad(j)}${from}, claims: [{source: bench-notes, locator: "row ${i}-${t}", confidence: ${confidence}}${denied}]}`,
      );
      degree[i]++;
      degree[j]++;
      ends.push(i, j);
    }
    ends.push(i);
  }
  lines.push('designations:');
  for (let i = 0; i < n; i += 33) lines.push(`  - {entity: e${pad(i)}, authority: bench-authority, program: BENCH, date: "2010", claims: [{source: bench-notes, locator: "list ${i}"}]}`);
  return lines.join('\n') + '\n';
}

export interface BenchServer {
  base: string;
  stop: () => Promise<void>;
}

// Loads a synthetic network of n entities into a new store and serves it
// (loopback, no token: the UI signs in as the anonymous admin).
export async function startBenchServer(n: number): Promise<BenchServer> {
  const vigil = process.env.VIGIL_BIN!;
  const ui = path.resolve(import.meta.dirname, '..', 'dist');
  const work = mkdtempSync(path.join(tmpdir(), 'vigil-ui-bench-'));
  const data = path.join(work, 'data');
  mkdirSync(data);
  writeFileSync(path.join(data, 'bench.yaml'), benchYaml(n));
  const db = path.join(work, 'bench.db');
  execFileSync(vigil, ['load', data, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  const server: ChildProcess = spawn(vigil, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--ui', ui, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bench server printed no port:\n' + log)), 30_000);
    server.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    server.on('exit', (code) => reject(new Error(`the bench server exited (${code}):\n${log}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(base + '/readyz').then((r) => r.ok, () => false)); ++i) {
    if (i > 300) throw new Error('the bench server was not ready in 30 s:\n' + log);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    stop: async () => {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(work, { recursive: true, force: true });
    },
  };
}
