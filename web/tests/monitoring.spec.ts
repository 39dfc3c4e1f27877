// Monitoring, end to end through a list update: subjects added in the UI,
// then a newer UN list loaded by another process (`vigil load`, as an
// operator would), and the alerts that update raised, each with its cause;
// and a decision taken on the desk before the update, marked stale after it
// because the record changed.
//
// Loading a list changes what every other spec sees, so this spec does not
// touch the shared server: it starts a vigil serve of its own on a store of
// its own (the UN list of 2025-04-19 only), loads the list of 2025-11-20
// into that store, and stops the server at the end. Its tests run in order.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, type Page } from './fixtures';

const VIGIL = process.env.VIGIL_BIN!;
const DATA = process.env.VIGIL_SHARED_DATA!;
const DIST = path.resolve(import.meta.dirname, '..', 'dist');

let work = '';
let db = '';
let base = '';
let token = '';
let server: ChildProcess | null = null;

const vigil = (...args: string[]) => execFileSync(VIGIL, [...args, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'vigil-ui-monitoring-'));
  db = path.join(work, 'vigil.db');
  vigil('load', path.join(DATA, 'un', 'consolidated-2025-04-19.xml'));
  token = vigil('token', 'create', '--name', 'ui-monitor', '--role', 'screener');
  server = spawn(VIGIL, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--ui', DIST, '--quiet', '--watch-interval', '200'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('vigil serve printed no port:\n' + log)), 30_000);
    server!.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    server!.on('exit', (code) => reject(new Error(`vigil serve exited (${code}):\n${log}`)));
  });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(base + '/readyz').then((r) => r.ok, () => false)); ++i) {
    if (i > 300) throw new Error('vigil serve was not ready:\n' + log);
    await new Promise((r) => setTimeout(r, 100));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  rmSync(work, { recursive: true, force: true });
});

async function open(page: Page, at = '/ui/monitoring') {
  await page.addInitScript((t) => sessionStorage.setItem('vigil.token', t), token);
  await page.goto(base + at);
  await expect(page.getByTestId('who')).toHaveText('ui-monitor · screener');
}

async function add(page: Page, name: string, label: string) {
  await page.getByLabel('Name, in any script').fill(name);
  await page.getByLabel(/^Label/).fill(label);
  await page.getByRole('button', { name: 'Monitor', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `${label} is monitored` })).toBeVisible();
}

test('subjects added in the UI are screened at once', async ({ page }) => {
  await open(page);
  await expect(page.getByText('No subject is monitored yet.')).toBeVisible();
  // Not on the list of 2025-04-19; added to the list of 2025-11-20 (IRi.001).
  await add(page, 'Fereidoun Abbasi Davani', 'Payee 1041');
  // On the list of 2025-04-19 (QDi.317); gone from the list of 2025-11-20.
  await add(page, 'Abu Mohammed al-Jawlani', 'Payee 2203');
  await add(page, 'Margaret Thornton', 'Payee 3310');
  const monitors = page.getByTestId('monitors');
  await expect(monitors.locator('tbody tr')).toHaveCount(3);
  await expect(monitors.locator('tr', { hasText: 'Payee 1041' })).toContainText('none');
  await expect(monitors.locator('tr', { hasText: 'Payee 2203' })).toContainText('un-qdi-317');
  // A bad birth date is refused in the API's words, naming the field.
  await page.getByLabel('Name, in any script').fill('Someone Else');
  await page.getByLabel('Birth date').fill('last year');
  await page.getByRole('button', { name: 'Monitor', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText("'last year' is not a date");
  await expect(page.getByLabel('Birth date')).toHaveAttribute('aria-invalid', 'true');
});

const TIKRITI = '/ui/screen?name=' + encodeURIComponent('Bashar Sabawi Ibrahim Hasan al-Tikriti');

test('a decision recorded on the desk against the older list', async ({ page }) => {
  await open(page, TIKRITI);
  const listed = page.locator('li.hit[data-entity="un-iqi-085"]');
  await listed.getByRole('button', { name: 'False positive' }).click();
  await expect(listed.getByTestId('decision')).toContainText('False positive');
  await expect(listed.getByTestId('decision')).not.toContainText('stale');
});

test('a newer UN list loaded by another process raises alerts, each with its cause', async ({ page, shot }) => {
  await open(page);
  await expect(page.getByText('No alert yet.', { exact: false })).toBeVisible();
  vigil('load', path.join(DATA, 'un', 'consolidated-2025-11-20.xml'));
  await page.getByRole('button', { name: 'Check now' }).click();
  const alerts = page.getByTestId('alert');
  await expect(alerts).toHaveCount(2);
  const added = alerts.filter({ hasText: 'Payee 1041' });
  await expect(added).toHaveAttribute('data-kind', 'new');
  await expect(added).toContainText('New hit');
  await expect(added).toContainText('FEREIDOUN ABBASI-DAVANI');
  await expect(added).toContainText('un-iri-001');
  await expect(added).toContainText('un-consolidated 2025-04-19+929a40ec48a9 -> 2025-11-20+');
  const removed = alerts.filter({ hasText: 'Payee 2203' });
  await expect(removed).toHaveAttribute('data-kind', 'removed');
  await expect(removed).toContainText('the record left the list');
  await expect(removed).toContainText('1.000 → —');
  // The subjects' hits now are the new list's.
  const monitors = page.getByTestId('monitors');
  await expect(monitors.locator('tr', { hasText: 'Payee 1041' })).toContainText('un-iri-001');
  await expect(monitors.locator('tr', { hasText: 'Payee 2203' })).toContainText('none');
  await expect(monitors.locator('tr', { hasText: 'Payee 3310' })).toContainText('none');
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot from the top
  await shot('monitoring');

  // One subject's alerts, by link.
  await monitors.locator('tr', { hasText: 'Payee 1041' }).getByRole('link', { name: '1 alert' }).click();
  await expect(page).toHaveURL(/monitor=\d+/);
  await expect(alerts).toHaveCount(1);
  await expect(page.getByRole('heading', { name: /Alerts for Payee 1041/ })).toBeVisible();
});

test('after the update, the decision on a record that changed is marked stale', async ({ page }) => {
  // IQi.085 gained an alias (BASHAR AL-NASIRI) on the list of 2025-11-20.
  await open(page, TIKRITI);
  const listed = page.locator('li.hit[data-entity="un-iqi-085"]');
  await expect(listed.getByTestId('decision')).toContainText('False positive');
  await expect(listed.getByTestId('decision')).toContainText('stale');
  await expect(listed.getByTestId('decision')).toContainText('The record changed since');
  await expect(listed.getByTestId('decision')).toContainText('2025-04-19+929a40ec48a9');
  await expect(listed.locator('.hit-meta .badge.decision.stale')).toHaveText('False positive · stale');
});

test('a subject is no longer monitored once stopped; its alerts stay', async ({ page }) => {
  await open(page);
  page.once('dialog', (d) => d.accept());
  const monitors = page.getByTestId('monitors');
  await monitors.locator('tr', { hasText: 'Payee 3310' }).getByRole('button', { name: 'Stop monitoring Payee 3310' }).click();
  await expect(monitors.locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('alert')).toHaveCount(2);
});
