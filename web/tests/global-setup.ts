// Starts the vigil the browser tests talk to: a fresh store with the bundled
// knowledge base (and the seed articles' texts), the UN consolidated list and
// the OFAC SDN set from ../shared/data, one token per role, and `vigil serve`
// on a free loopback port serving the built UI (dist/). Returns the teardown,
// which stops the server (SIGTERM), removes the store and prints the times
// the tests measured.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const WEB = path.resolve(import.meta.dirname, '..');
const ROOT = path.resolve(WEB, '..');
const VIGIL = process.env.VIGIL_BIN ?? path.join(ROOT, 'build/release/cli/vigil');
const DATA = process.env.VIGIL_SHARED_DATA ?? path.resolve(ROOT, '..', 'shared', 'data');
const SEEDS = process.env.VIGIL_SEEDS ?? path.resolve(ROOT, '..', 'shared', 'seeds');
export const TIMINGS = path.join(WEB, 'test-results', 'timings.json');

export default async function globalSetup() {
  for (const [what, p] of [['vigil', VIGIL], ['shared data', DATA], ['built UI', path.join(WEB, 'dist', 'index.html')]])
    if (!existsSync(p)) throw new Error(`${what} not found at ${p} (build first: scripts/build-ui, cmake --build)`);
  const work = mkdtempSync(path.join(tmpdir(), 'vigil-ui-test-'));
  const db = path.join(work, 'vigil.db');
  const vigil = (...args: string[]) => execFileSync(VIGIL, [...args, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  vigil('load', path.join(ROOT, 'data'), ...(existsSync(SEEDS) ? ['--texts', SEEDS] : []));
  vigil('load', path.join(DATA, 'un', 'consolidated-2025-04-19.xml'));
  vigil('load', ...['sdn-2023-01.csv', 'alt-2025-12.csv', 'add-2025-12.csv', 'sdn_comments-2025-12.csv'].map((f) => path.join(DATA, 'ofac', f)));
  process.env.VIGIL_TOKEN_ADMIN = vigil('token', 'create', '--name', 'ui-admin', '--role', 'admin');
  process.env.VIGIL_TOKEN_SCREENER = vigil('token', 'create', '--name', 'ui-screener', '--role', 'screener');
  process.env.VIGIL_TOKEN_ANALYST = vigil('token', 'create', '--name', 'ui-analyst', '--role', 'analyst');
  process.env.VIGIL_TOKEN_READER = vigil('token', 'create', '--name', 'ui-reader', '--role', 'reader');
  process.env.VIGIL_DB = db;
  process.env.VIGIL_BIN = VIGIL;
  process.env.VIGIL_SHARED_DATA = DATA;
  rmSync(TIMINGS, { force: true });

  const server = spawn(VIGIL, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--ui', path.join(WEB, 'dist'), '--quiet'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('vigil serve printed no port in 60 s:\n' + log)), 60_000);
    server.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    server.on('exit', (code) => reject(new Error(`vigil serve exited (${code}):\n${log}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; ++i) {
    const ready = await fetch(base + '/readyz').then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 600) throw new Error('vigil serve was not ready in 60 s:\n' + log);
    await new Promise((r) => setTimeout(r, 100));
  }
  process.env.VIGIL_BASE_URL = base;

  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(work, { recursive: true, force: true });
    if (existsSync(TIMINGS)) {
      const timings = JSON.parse(readFileSync(TIMINGS, 'utf8')) as Record<string, number[]>;
      console.log('\nMeasured in the browser (ms): name, runs, median, max');
      for (const [name, ms] of Object.entries(timings)) {
        const sorted = [...ms].sort((a, b) => a - b);
        console.log(`  ${name}: ${sorted.length}, ${sorted[Math.floor(sorted.length / 2)].toFixed(0)}, ${sorted[sorted.length - 1].toFixed(0)}`);
      }
    }
  };
}
