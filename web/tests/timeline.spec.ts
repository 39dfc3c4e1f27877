// The timeline against the bundled knowledge base: who claimed an attack
// beside whom others attributed it to (and who denied it), the filters by
// actor, kind and place in the URL, and estimates drawn as ranges by the
// party asserting them.
import { test, expect } from './fixtures';

test('an attack shows its claimant beside the attribution, on whose word', async ({ page, signIn, shot, timing }) => {
  await signIn('reader');
  const t0 = Date.now();
  await page.goto('/ui/timeline');
  const school = page.getByTestId('event-2021-05-08-kabul-girls-school-attack');
  await expect(school).toBeVisible();
  timing('timeline: events on screen', Date.now() - t0);
  await expect(school).toContainText('8 May 2021');
  // ISIS-K claimed it; the UN monitoring team (and Foreign Affairs) attribute it to the Haqqani network.
  const claimed = school.getByTestId('claimed-by');
  const attributed = school.getByTestId('attributed-to');
  await expect(claimed).toContainText('Islamic State Khorasan');
  await expect(claimed).toContainText('by Islamic State Khorasan');
  await expect(attributed).toContainText('Haqqani network');
  await expect(attributed).toContainText('by UN Security Council Monitoring Team');
  const [a, b] = [await claimed.boundingBox(), await attributed.boundingBox()];
  expect(Math.abs(a!.y - b!.y)).toBeLessThan(2); // side by side
  expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
  // A party's word opens its passage.
  await attributed.getByRole('button', { name: 'by UN Security Council Monitoring Team' }).click();
  await expect(school.locator('.tl-claim .passage')).not.toBeEmpty();
  await expect(school.locator('.tl-claim').getByRole('link').last()).toHaveAttribute('href', /\/ui\/source\//);

  // Moscow, March 2024: claimed by the Islamic State; Russia blames Ukraine, which denies it.
  const moscow = page.getByTestId('event-2024-03-22-moscow-concert-hall-attack');
  await expect(moscow.getByTestId('claimed-by')).toContainText('Islamic State Russian wing');
  await expect(moscow.getByTestId('attributed-to')).toContainText('Ukraine');
  await expect(moscow.getByTestId('attributed-to').getByRole('button', { name: 'denied by Ukraine' })).toBeVisible();
  await expect(moscow.getByTestId('attributed-to').getByRole('button', { name: 'by Russia' }).first()).toBeVisible();

  // Estimates as ranges by party: ISIS-K's camps, five new by the UN's count, none by the Taliban's.
  const camps = page.getByTestId('estimates-isis-k-training-camps');
  await expect(camps).toContainText('UN Security Council Monitoring Team');
  await expect(camps).toContainText('Suhail Shaheen');
  await expect(camps).toContainText('at least 5 camps');
  const fighters = page.getByTestId('estimates-islamic-state-foreign-fighters-from-russia-region');
  await expect(fighters).toContainText('5,000–7,000');
  await expect(fighters).toContainText('Russian intelligence');
  await expect(fighters.locator('svg rect')).toHaveCount(1); // the range, as a bar
  await expect(fighters.locator('svg circle')).toHaveCount(1); // the single figure, as a dot
  await shot('timeline');
});

test('filters by actor, kind and place live in the URL', async ({ page, signIn }) => {
  await signIn('reader');
  await page.goto('/ui/timeline');
  await expect(page.getByTestId('event-count')).toContainText('56 of 56 events');
  await page.getByTestId('filter-actor').selectOption('haqqani-network');
  await expect(page).toHaveURL(/actor=haqqani-network/);
  await expect(page.getByTestId('event-2021-05-08-kabul-girls-school-attack')).toBeVisible();
  await expect(page.getByTestId('event-2013-04-15-boston-marathon-bombing')).toHaveCount(0);
  await page.getByTestId('filter-kind').selectOption('hostage_taking');
  await expect(page).toHaveURL(/kind=hostage_taking/);
  await expect(page.getByTestId('event-2008-11-10-david-rohde-kidnapping')).toBeVisible();
  await expect(page.getByTestId('event-2021-05-08-kabul-girls-school-attack')).toHaveCount(0);
  // The same URL, reloaded, shows the same.
  await page.reload();
  await expect(page.getByTestId('filter-kind')).toHaveValue('hostage_taking');
  await expect(page.getByTestId('event-2008-11-10-david-rohde-kidnapping')).toBeVisible();
  // By place: a country takes in its cities.
  await page.goto('/ui/timeline?place=RU');
  await expect(page.getByTestId('event-2024-03-22-moscow-concert-hall-attack')).toBeVisible();
  await expect(page.getByTestId('event-2021-05-08-kabul-girls-school-attack')).toHaveCount(0);
  await page.goto('/ui/timeline?place=kabul&kind=attack');
  await expect(page.getByTestId('event-2011-09-13-kabul-us-embassy-nato-attack')).toBeVisible();
  await expect(page.getByTestId('event-count')).toContainText('match the filters');
  // A deep link to one event brings it into view, its sources open.
  await page.goto('/ui/timeline?event=2015-helmand-offensive');
  const helmand = page.getByTestId('event-2015-helmand-offensive');
  await expect(helmand).toHaveClass(/selected/);
  await expect(helmand.locator('details.tl-sources')).toHaveAttribute('open', '');
  await expect(helmand).toBeInViewport();
});

test('the timeline is usable at phone width', async ({ page, signIn }) => {
  await signIn('reader');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/ui/timeline?event=2021-05-08-kabul-girls-school-attack');
  await expect(page.getByTestId('event-2021-05-08-kabul-girls-school-attack')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
