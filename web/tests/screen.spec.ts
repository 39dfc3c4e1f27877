// The screening desk against the real lists (UN 2025-04-19, OFAC SDN, the
// curated data): a Latin, an Arabic and a Cyrillic name typed or linked,
// each finding the known designated record and explaining it part by part;
// a decision recorded by a screener and shown on the next screening; a
// reader who gets no screening and no decision buttons; the desk at phone
// width. Decisions use a subject of their own (name, birth date and country
// nobody else screens), so the other specs sharing the store see none.
import { test, expect, type Page } from './fixtures';

const nameField = (page: Page) => page.getByLabel('Name, in any script');
const hit = (page: Page, entity: string) => page.locator(`li.hit[data-entity="${entity}"]`);

// The time from the end of the typing pause (the debounced request) to the
// result on screen, as the page measured it (views/screen.tsx).
async function lastScreenMs(page: Page): Promise<number> {
  return page.evaluate(() => {
    const all = performance.getEntriesByName('vigil:screen');
    return all.length ? all[all.length - 1].duration : NaN;
  });
}

// Of which the request itself (resource timing of the last POST /v1/screen).
async function lastRequestMs(page: Page): Promise<number> {
  return page.evaluate(() => {
    const all = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/v1/screen'));
    return all.length ? all[all.length - 1].duration : NaN;
  });
}

// Types a name into the empty field and records the time to its result.
async function typeAndTime(page: Page, name: string, entity: string, timing: (n: string, ms: number) => void) {
  await nameField(page).fill('');
  await expect(page.locator('li.hit')).toHaveCount(0);
  await page.evaluate(() => performance.clearMeasures('vigil:screen'));
  await nameField(page).pressSequentially(name, { delay: 25 });
  await expect(hit(page, entity)).toBeVisible();
  await expect.poll(() => lastScreenMs(page)).toBeGreaterThan(0);
  timing('screen: first result after typing pause', await lastScreenMs(page));
  timing('screen: of which POST /v1/screen', await lastRequestMs(page));
}

test('a Latin name typed finds Sirajuddin Haqqani and explains it part by part', async ({ page, signIn, shot, timing }) => {
  await signIn('screener');
  await page.goto('/ui/screen');
  await expect(nameField(page)).toBeFocused();
  // Timed three times: the page's first screening (cold), then two more.
  await typeAndTime(page, 'Serajuddin Haqani', 'un-tai-144', timing);
  await typeAndTime(page, 'Евгений Пригожин', 'ofac-21171', timing);
  await typeAndTime(page, 'Serajuddin Haqani', 'un-tai-144', timing);
  const top = hit(page, 'un-tai-144');
  await expect(top.getByRole('heading', { level: 2 })).toHaveText('SIRAJUDDIN JALLALOUDINE HAQQANI');
  // The form is in the URL: the link reproduces the screening.
  await expect(page).toHaveURL(/\/ui\/screen\?name=Serajuddin\+Haqani$/);

  // Birth date and country add evidence, read in the explanation.
  await page.getByLabel('Birth date').fill('1978');
  await page.getByLabel('Country').fill('AF');
  await expect(page).toHaveURL(/dob=1978/);
  await expect(page).toHaveURL(/country=AF/);
  await expect(top.getByTestId('evidence')).toContainText('+0.04');
  await expect(top.getByTestId('evidence')).toContainText('falls within a listed birth date or range');
  await expect(top.getByTestId('evidence')).toContainText('AF is a listed nationality');
  await expect(top).toContainText('TAi.144');
  await expect(top).toContainText('1988 Taliban');
  await expect(top).toContainText('un-consolidated');
  // The top hit's explanation is open: each part joined to the listed part.
  const alignment = top.getByTestId('alignment');
  await expect(alignment.locator('.align-part[data-side="q"]')).toHaveCount(2);
  await expect(alignment.locator('.align-part[data-side="q"]').first()).toContainText('Serajuddin');
  await expect(alignment.locator('.align-join')).toHaveCount(2);
  await expect(top.locator('.pair-table tbody tr').first()).toContainText('exact');
  await expect(page.getByTestId('hit-count')).toHaveText(/\d+ hits/);
  // Keyboard: down from the name to the hits, between them, "/" back.
  await nameField(page).focus();
  await page.keyboard.press('ArrowDown');
  await expect(top.getByRole('heading', { level: 2 }).getByRole('link')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('li.hit').nth(1).getByRole('heading', { level: 2 }).getByRole('link')).toBeFocused();
  await page.keyboard.press('/');
  await expect(nameField(page)).toBeFocused();
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot from the top
  await shot('screen-latin');
});

test('an Arabic name from a shared link meets the listed Latin spellings across scripts', async ({ page, signIn, shot }) => {
  await signIn('screener');
  const name = 'سراج الدين حقاني';
  await page.goto('/ui/screen?name=' + encodeURIComponent(name));
  await expect(nameField(page)).toHaveValue(name);
  const listed = hit(page, 'un-tai-144');
  await expect(listed).toBeVisible();
  await expect(hit(page, 'sirajuddin-haqqani')).toBeVisible();
  await listed.getByRole('button', { name: 'Why' }).click();
  const alignment = listed.getByTestId('alignment');
  // The query's parts as written, right to left, each joined to its Latin part.
  const first = alignment.locator('.align-part[data-side="q"][data-index="0"] bdi');
  await expect(first).toHaveText('سراج الدين');
  await expect(first).toHaveAttribute('dir', 'rtl');
  await expect(alignment.locator('.align-part[data-side="q"][data-index="1"] bdi')).toHaveText('حقاني');
  await expect(alignment.locator('.align-part[data-side="c"]')).toHaveCount(2);
  await expect(alignment.locator('.align-join')).toHaveCount(2);
  const rows = listed.locator('.pair-table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('skeleton');
  await expect(rows.nth(0)).toContainText('0.95');
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot from the top
  await shot('screen-arabic');
});

test('a Cyrillic name finds PRIGOZHIN on the OFAC list, by transliteration and skeleton', async ({ page, signIn, shot }) => {
  await signIn('screener');
  await page.goto('/ui/screen?name=' + encodeURIComponent('Евгений Пригожин'));
  const top = hit(page, 'ofac-21171');
  await expect(top.getByRole('heading', { level: 2 })).toHaveText('PRIGOZHIN, Yevgeniy Viktorovich');
  await expect(top).toContainText('ofac-sdn');
  await expect(top).toContainText('21171');
  const rows = top.locator('.pair-table tbody tr');
  await expect(rows.filter({ hasText: 'Пригожин' })).toContainText('transliterated');
  await expect(rows.filter({ hasText: 'Евгений' })).toContainText('skeleton');
  await expect(top.locator('.align-part[data-side="c"]').filter({ hasText: 'PRIGOZHIN' })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot from the top
  await shot('screen-cyrillic');
  // A country that names none: the API's words, the field marked, the hits kept.
  await page.getByLabel('Country').fill('Narnia');
  await expect(page.getByRole('alert')).toContainText("'Narnia' names no country");
  await expect(page.getByLabel('Country')).toHaveAttribute('aria-invalid', 'true');
  await expect(top).toBeVisible();
});

test('a screener records a decision and sees it on the next screening', async ({ page, signIn, shot }) => {
  await signIn('screener');
  // A subject of its own: no other test screens this name with this date and country.
  const link = '/ui/screen?name=' + encodeURIComponent('Yevgeniy Prigozhin') + '&dob=1961-06-01&country=RU';
  await page.goto(link);
  const top = hit(page, 'ofac-21171');
  await expect(top).toBeVisible();
  await expect(top.getByTestId('decision')).toHaveCount(0);
  await top.getByLabel('Note').fill('Same person: passport checked against the listing');
  await top.getByRole('button', { name: 'Needs review' }).click();
  await expect(top.getByRole('status').filter({ hasText: 'Recorded needs review' })).toBeVisible();
  // The screening runs again and the hit now carries the decision.
  await expect(top.getByTestId('decision')).toHaveCount(1);
  await expect(top.getByTestId('decision')).toContainText('Needs review');
  await expect(top.getByTestId('decision')).toContainText('ui-screener');
  await expect(top.getByTestId('decision')).toContainText('passport checked');
  // Another subject typed on the same page (the birth date cleared): the
  // decision just recorded was for the other one, and nothing says otherwise.
  await page.getByLabel('Birth date').fill('');
  await expect(page).not.toHaveURL(/dob=/);
  await expect(top.getByTestId('decision')).toHaveCount(0);
  await expect(top.getByRole('status').filter({ hasText: 'Recorded' })).toHaveCount(0);
  // And on a new screening of the same subject, from the link.
  await page.goto('about:blank');
  await page.goto(link);
  await expect(hit(page, 'ofac-21171').getByTestId('decision')).toContainText('Needs review');
  await expect(hit(page, 'ofac-21171').locator('.hit-meta .badge.decision')).toHaveText('Needs review');
  // Another subject (no birth date) does not see it.
  await page.goto('/ui/screen?name=' + encodeURIComponent('Yevgeniy Prigozhin') + '&country=RU');
  await expect(hit(page, 'ofac-21171')).toBeVisible();
  await expect(hit(page, 'ofac-21171').getByTestId('decision')).toHaveCount(0);
  await page.goto(link);
  await expect(hit(page, 'ofac-21171').getByTestId('decision')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot from the top
  await shot('decision');
});

test('a reader gets no screening and no decision buttons, even from a shared link', async ({ page, signIn }) => {
  await signIn('reader');
  await page.goto('/ui/screen?name=' + encodeURIComponent('Serajuddin Haqani'));
  await expect(page.getByRole('alert')).toContainText('needs the screener role');
  await expect(page.locator('li.hit')).toHaveCount(0);
  for (const name of ['Match', 'False positive', 'Needs review'])
    await expect(page.getByRole('button', { name })).toHaveCount(0);
});

test('the desk at phone width: the alignment in columns, nothing wider than the screen', async ({ page, signIn, shot }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn('screener');
  await page.goto('/ui/screen?name=' + encodeURIComponent('سراج الدين حقاني'));
  const top = page.locator('li.hit').first();
  await expect(top.getByTestId('alignment')).toHaveClass(/narrow/);
  await expect(top.locator('.align-join')).toHaveCount(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot from the top
  await shot('screen-phone');
});
