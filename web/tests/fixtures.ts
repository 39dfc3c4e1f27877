// What every browser test shares: signing in as a role (the token goes
// into the tab's sessionStorage before the page loads), screenshots of a
// view under test-results/screens/, and measured times.
//
//   test('card', async ({ page, signIn, shot, timing }) => {
//     await signIn('reader');
//     await page.goto('/ui/entity/taliban');
//     await shot('entity-card');
//   });
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { TIMINGS } from './global-setup';

export type Role = 'admin' | 'screener' | 'analyst' | 'reader';

export function tokenFor(role: Role): string {
  const token = process.env[`VIGIL_TOKEN_${role.toUpperCase()}`];
  if (!token) throw new Error(`no ${role} token: global-setup did not run`);
  return token;
}

// Appends a measured time; merged across test workers by file locking-free
// read-modify-write on one small JSON file per name.
function record(name: string, ms: number) {
  mkdirSync(path.dirname(TIMINGS), { recursive: true });
  const file = TIMINGS.replace(/\.json$/, `.${process.pid}.json`);
  const all: Record<string, number[]> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  (all[name] ??= []).push(ms);
  writeFileSync(file, JSON.stringify(all));
  const merged: Record<string, number[]> = existsSync(TIMINGS) ? JSON.parse(readFileSync(TIMINGS, 'utf8')) : {};
  (merged[name] ??= []).push(ms);
  writeFileSync(TIMINGS, JSON.stringify(merged, null, 1));
}

export const test = base.extend<{
  signIn: (role: Role) => Promise<void>;
  shot: (name: string) => Promise<void>;
  timing: (name: string, ms: number) => void;
}>({
  baseURL: async ({}, use) => use(process.env.VIGIL_BASE_URL),
  signIn: async ({ page }, use) => {
    await use(async (role: Role) => {
      const token = tokenFor(role);
      await page.addInitScript((t) => sessionStorage.setItem('vigil.token', t), token);
    });
  },
  shot: async ({ page }, use) => {
    await use(async (name: string) => {
      const dir = path.resolve(import.meta.dirname, '..', 'test-results', 'screens');
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    });
  },
  timing: async ({}, use) => use(record),
});

export { expect };
export type { Page };
