// The knowledge views against the real knowledge base (data/ with the seed
// articles' texts, the UN and OFAC lists): search by a Latin and an
// Arabic-script name with the keyboard, the card of Sirajuddin Haqqani
// (names by script with their direction, designations with list
// references, relations over time), a claim opened in place and then in the
// source reader at its exact span, the conflicts view with both sides, and
// the card at phone width. Also the span arithmetic (code points, not
// UTF-16 units) on its own.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from './fixtures';
import { codePointIndex, segments, spanText, toUtf16 } from '../src/lib/spans';

// A screenshot of what is in view (the reader scrolled to its span), beside
// the full-page ones of fixtures' shot().
async function viewShot(page: Page, name: string) {
  const dir = path.resolve(import.meta.dirname, '..', 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

// A full-page screenshot from the top (sticky bars drawn where they belong).
async function pageShot(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(name);
}

// Milliseconds from a click on the link to href until selector is on screen,
// measured in the page (animation frames).
async function clickAndTime(page: Page, href: string, selector: string): Promise<number> {
  return page.evaluate(
    async ({ href, selector }) => {
      const link = document.querySelector(`a[href="${href}"]`) as HTMLElement | null;
      if (!link) throw new Error(`no link to ${href}`);
      const t0 = performance.now();
      link.click();
      await new Promise<void>((resolve, reject) => {
        const give = setTimeout(() => reject(new Error(`${selector} not shown in 10 s`)), 10_000);
        const check = () => (document.querySelector(selector) ? (clearTimeout(give), resolve()) : requestAnimationFrame(check));
        check();
      });
      return performance.now() - t0;
    },
    { href, selector },
  );
}

// Starts a clock in the page: the time of the last input event on the
// box, and of the first frame in which selector is on screen; read() gives
// the milliseconds between them (results after the last keystroke).
async function typingClock(page: Page, box: string, selector: string) {
  await page.evaluate(
    ({ box, selector }) => {
      const w = window as unknown as { __clock: { input: number; shown: number } };
      const clock = (w.__clock = { input: 0, shown: 0 }); // a new clock stops the one before
      const el = document.querySelector(box)!;
      const onInput = () => {
        if (w.__clock !== clock) return el.removeEventListener('input', onInput);
        clock.input = performance.now();
        clock.shown = 0;
      };
      el.addEventListener('input', onInput);
      const check = () => {
        if (w.__clock !== clock) return;
        if (!clock.shown && clock.input && document.querySelector(selector)) clock.shown = performance.now();
        requestAnimationFrame(check);
      };
      check();
    },
    { box, selector },
  );
  return {
    read: () =>
      page.evaluate(() => {
        const c = (window as unknown as { __clock: { input: number; shown: number } }).__clock;
        return c.shown - c.input;
      }),
  };
}

// The concatenated text of the reader's highlighted target span.
const targetText = (page: Page) =>
  page.locator('[data-testid="source-text"] mark.target').evaluateAll((marks) => marks.map((m) => m.textContent).join(''));

test('spans are code points: converted to UTF-16 after non-BMP text, overlaps cut into segments', () => {
  const text = 'Сеть Хаккани 😀 — the Haqqani network leads.';
  const index = codePointIndex(text);
  expect(index.length - 1).toBe(43); // code points; text.length is 44 (the emoji is two units)
  expect(toUtf16(index, [17, 36])).toEqual([18, 37]);
  expect(spanText(text, [17, 36], index)).toBe('the Haqqani network');
  expect(toUtf16(index, [40, 44])).toBeNull();
  const segs = segments(text, [[18, 37], [22, 29], null]);
  expect(segs.map((s) => [text.slice(s.start, s.end), s.covers])).toEqual([
    ['Сеть Хаккани 😀 — ', []],
    ['the ', [0]],
    ['Haqqani', [0, 1]],
    [' network', [0]],
    [' leads.', []],
  ]);
});

test('search finds an entity by a Latin and an Arabic-script name, with the keyboard', async ({ page, signIn, shot, timing }) => {
  await signIn('reader');
  await page.goto('/ui/search');
  const box = page.getByTestId('search-input');
  await expect(box).toBeFocused();

  // Latin: results as you type, timed from the last keystroke.
  const clock = await typingClock(page, '#search-q', '[data-testid="search-results"] li[data-id="haqqani-network"]');
  await box.pressSequentially('Haqqani network', { delay: 20 });
  const hit = page.locator('[data-testid="search-results"] li[data-id="haqqani-network"]');
  await expect(hit).toBeVisible();
  timing('search: results after the last keystroke (incl. 180 ms debounce)', await clock.read());
  await expect(page).toHaveURL(/\/ui\/search\?q=Haqqani\+network$/);
  await expect(hit.getByTestId('hit-name')).toHaveText('Haqqani network');
  await expect(hit).toContainText('designated');
  await expect(hit).toContainText('organization');
  await expect(page.locator('[data-testid="search-results"] li[data-id="ofac-15484"]')).toContainText('15484');

  // Arabic script: the card's own Arabic name, shown right to left.
  const clock2 = await typingClock(page, '#search-q', '[data-testid="search-results"] li[data-id="sirajuddin-haqqani"]');
  await box.fill('سراج الدين حقاني');
  const siraj = page.locator('[data-testid="search-results"] li[data-id="sirajuddin-haqqani"]');
  await expect(siraj).toBeVisible();
  timing('search: results after the last keystroke (incl. 180 ms debounce)', await clock2.read());
  const matched = siraj.getByTestId('matched-name').locator('bdi');
  await expect(matched).toHaveText('سراج الدين حقاني');
  await expect(matched).toHaveAttribute('dir', 'rtl');
  await expect(siraj).toContainText('TAi.144'); // its UN record's reference
  await shot('search');

  // Arrow keys and Enter open the chosen result.
  await box.press('ArrowDown');
  await expect(siraj).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/ui\/entity\/sirajuddin-haqqani$/);
  await expect(page.getByTestId('entity-card')).toHaveAttribute('data-id', 'sirajuddin-haqqani');

  // The top bar's box: '/' focuses it; Enter on a quick result opens it.
  await page.keyboard.press('/');
  const top = page.getByTestId('topsearch-input');
  await expect(top).toBeFocused();
  await top.pressSequentially('Сеть Хаккани', { delay: 20 });
  await expect(page.locator('.topsearch-results li[role="option"]').first()).toContainText('Haqqani network');
  await top.press('ArrowDown');
  await top.press('Enter');
  await expect(page).toHaveURL(/\/ui\/entity\/haqqani-network$/);
});

test('a new answer clears the result chosen with the arrow keys', async ({ page, signIn }) => {
  await signIn('reader');
  await page.goto('/ui/search?q=Haqqan');
  const results = page.getByTestId('search-results');
  await expect(results.getByRole('option')).toHaveCount(20);
  const box = page.getByTestId('search-input');
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await expect(results.getByRole('option', { selected: true })).toHaveCount(1);
  // As many results for the whole name, but none of them chosen.
  await box.press('End');
  await box.pressSequentially('i');
  await expect(page.getByTestId('search-status')).toContainText('for “Haqqani”');
  await expect(results.getByRole('option')).toHaveCount(20);
  await expect(results.getByRole('option', { selected: true })).toHaveCount(0);
});

test("the top bar's quick search says what went wrong in the API's words", async ({ page, signIn }) => {
  await signIn('reader');
  await page.goto('/ui/conflicts');
  await page.route('**/v1/search?*', (route) =>
    route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'bad_request', message: 'q: is longer than 200 characters', field: 'q' } }) }),
  );
  await page.getByTestId('topsearch-input').fill('Haqqani');
  await expect(page.locator('form.topsearch').getByRole('alert')).toHaveText('q: is longer than 200 characters');
});

test('an entity card: names by script, designations, relations, a claim opened in place and in the source reader', async ({ page, signIn, shot, timing }) => {
  await signIn('reader');
  await page.goto('/ui/search?q=Sirajuddin%20Haqqani');
  await expect(page.locator('li[data-id="sirajuddin-haqqani"]')).toBeVisible();
  // The card on screen after a click on the result (the target: 200 ms).
  const ms = await clickAndTime(page, '/ui/entity/sirajuddin-haqqani', '[data-testid="entity-card"][data-id="sirajuddin-haqqani"]');
  timing('entity card', ms);
  const card = page.getByTestId('entity-card');
  await expect(card.locator('h1')).toHaveText('Sirajuddin Haqqani');

  // Names grouped by script; Arabic-script names right to left with their language.
  const names = card.getByTestId('names');
  await expect(names.locator('section[data-script]')).toHaveCount(3);
  await expect(names.locator('section[data-script]').first()).toHaveAttribute('data-script', 'Latn');
  const arabic = names.locator('section[data-script="Arab"] bdi');
  await expect(arabic).toHaveCount(2);
  await expect(arabic.nth(0)).toHaveText('سراج الدين حقاني');
  await expect(arabic.nth(0)).toHaveAttribute('dir', 'rtl');
  await expect(arabic.nth(0)).toHaveAttribute('lang', 'ar');
  await expect(arabic.nth(1)).toHaveAttribute('dir', 'rtl');
  await expect(arabic.nth(1)).toHaveAttribute('lang', 'ps');
  await expect(names.locator('section[data-script="Arab"]')).toContainText('Pashto');
  const cyrillic = names.locator('section[data-script="Cyrl"] bdi');
  await expect(cyrillic).toHaveText('Сираджуддин Хаккани');
  await expect(cyrillic).toHaveAttribute('dir', 'ltr');
  await expect(cyrillic).toHaveAttribute('lang', 'ru');

  // Designations by authority, with list references.
  const designations = card.getByTestId('designations');
  await expect(designations.getByTestId('list-reference')).toHaveText(['TAi.144', '10743']);
  await expect(designations).toContainText('1988 Taliban');
  await expect(card.getByTestId('designated')).toContainText('UN');

  // Relations over time, grouped by predicate, linking to the other entity.
  const relations = card.getByTestId('relations');
  const leads = relations.locator('section[data-predicate="leader_of"][data-direction="out"]');
  await expect(leads.getByRole('link', { name: 'Haqqani network' })).toHaveAttribute('href', '/ui/entity/haqqani-network');
  await expect(leads).toContainText('since c. 2008');
  const office = relations.locator('section[data-predicate="holds_position_in"][data-direction="out"] li');
  await expect(office).toHaveCount(2);
  await expect(office.nth(0)).toContainText('deputy emir');
  await expect(office.nth(1)).toContainText('minister of interior');
  await expect(relations.locator('section[data-predicate="family_of"]')).toContainText('Jalaluddin Haqqani');
  await pageShot(page, shot, 'entity-card');
  // From card to card: the Haqqani network's, larger (32 relations, 10 events).
  timing('entity card', await clickAndTime(page, '/ui/entity/haqqani-network', '[data-testid="entity-card"][data-id="haqqani-network"]'));
  await page.goBack();
  await expect(card).toHaveAttribute('data-id', 'sirajuddin-haqqani');

  // Expanding the leader_of relation's claims shows each passage in place.
  const rel = leads.locator('li').first();
  await rel.getByTestId('claims-toggle').click();
  const claim = rel.getByTestId('claim').filter({ hasText: 'right-hand man' });
  const passage = claim.getByTestId('passage');
  await expect(passage).toBeVisible();
  const text = (await passage.textContent())!;
  expect(text).toContain('Abdul Rauf Zakir became a right-hand man to Sirajuddin Haqqani');
  await expect(claim).toContainText('Foreign Affairs');
  await expect(claim.locator('[data-stance="asserts"]')).toBeVisible();
  await pageShot(page, shot, 'entity-claim-open');

  // Its source link opens the reader at exactly that passage, in view.
  await claim.getByTestId('open-source').click();
  await expect(page).toHaveURL(/\/ui\/source\/fa-2022-haqqani-network\?span=4286-4476$/);
  const reader = page.getByTestId('source-reader');
  await expect(reader).toBeVisible();
  expect(await targetText(page)).toBe(text);
  await expect(page.locator('#span-target')).toBeInViewport();
  // The text before the span is not ASCII only (’): code points, not bytes.
  const before = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="source-text"]')!;
    const range = document.createRange();
    range.setStart(el, 0);
    range.setEndBefore(document.getElementById('span-target')!);
    return range.toString();
  });
  expect([...before].length).toBe(4286);
  expect(before).toMatch(/[^\x00-\x7f]/);
  // The claims citing the span, with the fact and its entities.
  const panel = page.getByTestId('span-claims');
  await expect(panel).toContainText('leader of');
  await expect(panel.getByRole('link', { name: 'Sirajuddin Haqqani' }).first()).toBeVisible();
  await viewShot(page, 'source-reader');
});

test('the source reader links each highlight to its claims, facts and entities', async ({ page, signIn }) => {
  await signIn('reader');
  await page.goto('/ui/sources');
  const row = page.locator('tr[data-source="fa-2022-haqqani-network"]');
  await expect(row).toContainText('204');
  await row.getByRole('link').click();
  await expect(page).toHaveURL(/\/ui\/source\/fa-2022-haqqani-network$/);
  await expect(page.getByTestId('cited-entities').getByRole('link', { name: 'Haqqani network' })).toBeVisible();
  // A highlight, chosen with the keyboard: its claims and their facts.
  const mark = page.locator('[data-testid="source-text"] mark.cite', { hasText: 'astute alliances with the Taliban' }).first();
  await mark.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('span-claims');
  await expect(panel).toContainText('allied with');
  await expect(panel.getByRole('link', { name: 'Taliban', exact: true }).first()).toHaveAttribute('href', '/ui/entity/taliban');
  await expect(page).toHaveURL(/span=4935-5002/);
  // n steps to the next cited passage.
  await page.keyboard.press('n');
  await expect(page).not.toHaveURL(/span=4935-5002/);
  // A source that does not exist, in the API's words.
  await page.goto('/ui/source/no-such-source');
  await expect(page.getByRole('alert')).toContainText("no source has the id 'no-such-source'");
});

test('conflicts show both sides with their stances and passages', async ({ page, signIn, shot }) => {
  await signIn('reader');
  await page.goto('/ui/conflicts');
  const conflict = page.getByTestId('conflict').filter({ hasText: 'relation haqqani-network hostile_to isis-k' });
  await expect(conflict).toHaveCount(1);
  await expect(conflict.locator('h2')).toContainText('Haqqani network hostile to Islamic State Khorasan');
  const sides = conflict.getByTestId('conflict-side');
  await expect(sides).toHaveCount(2);
  const asserts = sides.filter({ has: page.locator('[data-position="asserts"]') });
  const denies = sides.filter({ has: page.locator('[data-position="denies"]') });
  await expect(asserts.locator('[data-testid="claim"][data-stance="asserts"]')).toHaveCount(1);
  await expect(denies.locator('[data-testid="claim"][data-stance="denies"]')).toHaveCount(1);
  await expect(asserts.getByTestId('passage')).toHaveText(/^Many officials and analysts view ISIS-K as a common enemy/);
  await expect(denies.getByTestId('passage')).toHaveText(/^Sirajuddin Haqqani and his confederates have made a show of opposing ISIS-Khorasan/);
  await expect(asserts).toContainText('many Western officials and analysts');
  // Side by side at desktop width.
  const [a, d] = [await asserts.boundingBox(), await denies.boundingBox()];
  expect(Math.abs(a!.y - d!.y)).toBeLessThan(2);
  expect(a!.x).not.toBe(d!.x);
  await pageShot(page, shot, 'conflicts');

  // Filters are in the URL; an attribution: claimed by one, attributed to another.
  await page.getByRole('button', { name: /^Attribution/ }).click();
  await expect(page).toHaveURL(/kind=attribution/);
  await expect(page.getByTestId('conflict')).toHaveCount(4);
  const kabul = page.getByTestId('conflict').filter({ hasText: 'Attack on Kabul University' });
  await expect(kabul.getByTestId('conflict-side').first()).toContainText('Claimed by Islamic State Khorasan');
  await expect(kabul.getByTestId('conflict-side').nth(1)).toContainText('Attributed to Haqqani network');

  // From a card: the disagreements that name the entity.
  await page.goto('/ui/entity/haqqani-network');
  await page.getByTestId('disputed').click();
  await expect(page).toHaveURL(/\/ui\/conflicts\?entity=haqqani-network$/);
  await expect(page.getByTestId('conflict')).toHaveCount(4);
  // The kind chips count the conflicts naming it, not all of them.
  await expect(page.getByRole('button', { name: /^All/ })).toHaveText(/^All\s*4$/);

  // The denial's passage opens in the source reader at its span.
  await page.goto('/ui/conflicts?kind=contested');
  const denial = page.getByTestId('conflict').filter({ hasText: 'hostile_to isis-k' }).locator('[data-testid="claim"][data-stance="denies"]');
  const passage = (await denial.getByTestId('passage').textContent())!;
  await denial.getByTestId('open-source').click();
  await expect(page).toHaveURL(/\/ui\/source\/fa-2022-haqqani-network\?span=10766-10911$/);
  await expect(page.getByTestId('source-reader')).toBeVisible();
  expect(await targetText(page)).toBe(passage);
  await expect(page.locator('#span-target')).toBeInViewport();
});

test('the entity card and the reader at phone width', async ({ page, signIn, shot }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn('reader');
  await page.goto('/ui/entity/haqqani-network');
  const card = page.getByTestId('entity-card');
  await expect(card).toHaveAttribute('data-id', 'haqqani-network');
  await expect(card.getByTestId('names').locator('section[data-script="Arab"] bdi').first()).toHaveAttribute('dir', 'rtl');
  await expect(card.getByTestId('relations')).toContainText('Taliban');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await pageShot(page, shot, 'entity-card-phone');

  // The reader's claims open as a sheet; the passage stays in view above it.
  await page.goto('/ui/source/fa-2022-haqqani-network?span=9776-9918');
  await expect(page.getByTestId('span-claims')).toBeVisible();
  await expect(page.locator('#span-target')).toBeInViewport();
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow2).toBeLessThanOrEqual(0);
  await viewShot(page, 'source-reader-phone');
});
