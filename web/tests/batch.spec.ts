// Batch screening in the browser: a CSV with a row vigil cannot screen (an
// empty name: the server skips it and says why), a row screened without
// its country (one that names none), a record with a field too many (refused
// in the browser, which reads the CSV); the columns guessed from the header;
// the rest screened against the real lists, the table sorted both ways, and
// both downloads made in the browser. Then a JSON-lines file whose second
// line is not JSON: the server's words, on the file's line.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';

const CSV = [
  'id,full_name,date_of_birth,nationality,notes',
  'p1,Serajuddin Haqani,1978,AF,"transfer, May"',
  'p2,Margaret Thornton,1980-02-03,GB,',
  'p3,,1980,,empty name',
  'p4,Евгений Пригожин,1961,RU,',
  'p5,"Abbasi Davani, Fereidoun",,IR,"quoted, with comma"',
  'p6,سراج الدين حقاني,,,Arabic script',
  'p7,Yevgeniy Prigozhin,1961,Atlantis,a country that names none',
  'p8,Extra Field,1970,GB,one,two',
  '',
].join('\n');

test('a CSV with bad rows: the others screened, problems on their lines, sortable, downloadable', async ({ page, signIn, shot }) => {
  await signIn('screener');
  await page.goto('/ui/batch');
  await page.getByLabel('CSV or JSON-lines file to screen').setInputFiles({ name: 'payees.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  // Columns guessed from the header.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('full_name');
  await expect(page.getByLabel('Birth date')).toHaveValue('date_of_birth');
  await expect(page.getByLabel('Country')).toHaveValue('nationality');
  await expect(page.getByLabel('Row id')).toHaveValue('id');
  await expect(page.getByLabel('Kind')).toHaveValue('');
  await expect(page.getByText('payees.csv')).toBeVisible();

  await page.getByRole('button', { name: 'Screen 7 rows' }).click();
  await expect(page.getByTestId('batch-progress')).toHaveText('7 / 7 rows');
  await expect(page.getByRole('status').filter({ hasText: 'Done' })).toContainText('6 screened, 2 skipped');

  // Each problem on the line of the file, in the server's words (or ours for the CSV record).
  const problems = page.getByTestId('batch-problem');
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toHaveText('line 4: name: is empty; row skipped');
  await expect(problems.nth(1)).toHaveText("line 8: country: 'Atlantis' names no country; screened without it");
  await expect(problems.nth(2)).toHaveText('line 9: has 6 fields, the header has 5; row skipped');

  // The other rows were screened: the known records on their lines.
  const table = page.getByTestId('batch-table');
  const row = (line: number) => table.locator(`tr[data-line="${line}"]`);
  await expect(row(2)).toContainText('TAi.144');
  await expect(row(5)).toContainText('PRIGOZHIN, Yevgeniy Viktorovich');
  await expect(row(6)).toContainText('ABBASI-DAVANI, Fereidoun');
  await expect(row(7)).toContainText('Sirajuddin Haqqani');
  await expect(row(8)).toContainText('PRIGOZHIN');
  await expect(row(3).locator('td').nth(3)).toHaveText('0');
  await expect(row(4)).toContainText('name: is empty; row skipped');

  // Sorted by top score, highest first, then lowest first.
  const scoreHeader = table.getByRole('columnheader', { name: /Top score/ });
  await scoreHeader.getByRole('button').click();
  await expect(scoreHeader).toHaveAttribute('aria-sort', 'descending');
  const scores = async () =>
    (await table.locator('tbody tr td:nth-child(5)').allInnerTexts()).filter(Boolean).map(Number);
  const down = await scores();
  expect(down.length).toBe(5);
  expect(down).toEqual([...down].sort((a, b) => b - a));
  await scoreHeader.getByRole('button').click();
  await expect(scoreHeader).toHaveAttribute('aria-sort', 'ascending');
  const up = await scores();
  expect(up).toEqual([...down].reverse());
  await expect(table.locator('tbody tr').last()).toContainText(/\d\.\d{3}/);
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot from the top
  await shot('batch');

  // Downloads, made in the browser.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(csv.suggestedFilename()).toBe('payees.vigil.csv');
  const csvText = readFileSync((await csv.path())!, 'utf8');
  const csvLines = csvText.trim().split('\r\n');
  expect(csvLines[0]).toContain('"vigil_top_entity"');
  expect(csvLines[0].startsWith('"id","full_name","date_of_birth","nationality","notes","vigil_line"')).toBe(true);
  expect(csvLines).toHaveLength(1 + 8);
  expect(csvLines.find((l) => l.startsWith('"p1"'))).toContain('"transfer, May"');
  expect(csvLines.find((l) => l.startsWith('"p3"'))).toContain('name: is empty; row skipped');

  const [jsonl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON lines' }).click()]);
  expect(jsonl.suggestedFilename()).toBe('payees.vigil.jsonl');
  const lines = readFileSync((await jsonl.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines).toHaveLength(8 + 1);
  const p4 = lines.find((l) => l.line === 5);
  expect(p4.input.full_name).toBe('Евгений Пригожин');
  expect(p4.hits[0].entity).toBe('ofac-21171');
  expect(lines.find((l) => l.line === 4).problem).toBe('name: is empty; row skipped');
  expect(lines[lines.length - 1].summary.screened).toBe(6);
});

test('a JSON-lines file with a line that is not JSON: the server skips it and says so', async ({ page, signIn }) => {
  await signIn('screener');
  await page.goto('/ui/batch');
  const body = ['{"id": "a", "name": "Serajuddin Haqani"}', 'this is not JSON', '', '{"id": "c", "name": "Margaret Thornton", "country": "GB"}', ''].join('\n');
  await page.getByLabel('CSV or JSON-lines file to screen').setInputFiles({ name: 'rows.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(body) });
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('name');
  await page.getByRole('button', { name: 'Screen 3 rows' }).click();
  await expect(page.getByTestId('batch-progress')).toHaveText('3 / 3 rows');
  await expect(page.getByTestId('batch-problem')).toHaveText(['line 2: not a JSON object; row skipped']);
  const table = page.getByTestId('batch-table');
  await expect(table.locator('tr[data-line="1"]')).toContainText('TAi.144');
  await expect(table.locator('tr[data-line="4"] td').nth(3)).toHaveText('0');
});
