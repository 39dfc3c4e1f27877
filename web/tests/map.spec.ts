// The map against the bundled knowledge base: events in their provinces
// (Kabul the city in Kabul province), the two provinces the boundary data
// mislabels named right, a province's events and the groups tied to its
// places, and the world view of states and where groups operate.
import { test, expect } from './fixtures';

test('events sit in their provinces, and Daykundi and Panjshir are named right', async ({ page, signIn, shot, timing }) => {
  await signIn('reader');
  const t0 = Date.now();
  await page.goto('/ui/map');
  const map = page.getByTestId('afghan-map');
  await expect(map).toBeVisible();
  timing('map: provinces drawn', Date.now() - t0);
  await expect(map.locator('path.province')).toHaveCount(34);
  // Kabul city's events are Kabul province's; Helmand's offensive is Helmand's.
  await expect(map.locator('path[data-province="Kabul"]')).toHaveAttribute('aria-label', /^Kabul: ([2-9]|\d\d+) events$/);
  await expect(map.locator('path[data-province="Helmand"]')).toHaveAttribute('aria-label', 'Helmand: 1 event');
  await expect(map.locator('path[data-province="Nuristan"]')).toHaveAttribute('aria-label', 'Nuristan: 0 events');
  // One Daykundi, one Uruzgan, one Panjshir, one Parwan; Daykundi lies north of
  // Uruzgan, Panjshir north-east of Parwan.
  for (const name of ['Daykundi', 'Uruzgan', 'Panjshir', 'Parwan']) await expect(map.locator(`path[data-province="${name}"]`)).toHaveCount(1);
  const box = async (name: string) => (await map.locator(`path[data-province="${name}"]`).boundingBox())!;
  const [day, uru, pan, par] = [await box('Daykundi'), await box('Uruzgan'), await box('Panjshir'), await box('Parwan')];
  expect(day.y + day.height / 2).toBeLessThan(uru.y + uru.height / 2);
  expect(pan.y + pan.height / 2).toBeLessThan(par.y + par.height / 2);
  expect(pan.x + pan.width / 2).toBeGreaterThan(par.x + par.width / 2);
  await expect(map.locator('text.name[data-name="Daykundi"]')).toHaveText('Daykundi');
  await expect(map.locator('text.name[data-name="Panjshir"]')).toHaveText('Panjshir');
  await expect(page.getByTestId('province-list')).toContainText('Kabul');
  await shot('map-afghanistan');

  // Kabul: its events and who operates there.
  await map.locator('path[data-province="Kabul"]').click();
  await expect(page).toHaveURL(/province=Kabul/);
  const panel = page.getByTestId('province-panel');
  await expect(panel.getByTestId('map-event-2021-05-08-kabul-girls-school-attack')).toContainText('claimed by Islamic State Khorasan');
  await expect(panel.getByTestId('map-event-2021-08-26-kabul-airport-attack')).toBeVisible();
  await expect(panel).toContainText('Haqqani network operates in Kabul');
  await expect(panel.getByRole('link', { name: 'Haqqani network', exact: true }).first()).toHaveAttribute('href', '/ui/entity/haqqani-network');
  // A province labelled wrongly in the data says so.
  await page.goto('/ui/map?province=Daykundi');
  await expect(page.getByTestId('province-panel')).toContainText('Labelled “Uruzgan” in the boundary data');
});

test('the world view shows states and where groups operate', async ({ page, signIn, shot }) => {
  await signIn('reader');
  await page.goto('/ui/map');
  // The view switch is a pair of pressed/unpressed buttons (no tabs without
  // tab panels).
  const views = page.getByRole('group', { name: 'Map' });
  await expect(views.getByRole('button', { name: 'Afghanistan', pressed: true })).toBeVisible();
  await views.getByRole('button', { name: 'World' }).click();
  await expect(page).toHaveURL(/view=world/);
  await expect(views.getByRole('button', { name: 'World', pressed: true })).toBeVisible();
  const world = page.getByTestId('world-map');
  await expect(world).toBeVisible();
  await expect(world.locator('path[data-country="AF"]')).toHaveAttribute('aria-label', /^Afghanistan: \d+ events/);
  await shot('map-world');
  // Clicking a country on the map lists its events and the groups tied to it.
  await world.locator('path[data-country="AF"]').click();
  await expect(page).toHaveURL(/country=AF/);
  const panel = page.getByTestId('country-panel');
  await expect(panel).toContainText('Afghanistan');
  await expect(panel).toContainText('Haqqani network operates in Afghanistan');
  await expect(panel.getByTestId('map-event-2001-10-07-operation-enduring-freedom')).toBeVisible();
  // Russia, from the list of countries.
  await panel.getByRole('button', { name: '← All countries' }).click();
  await page.getByTestId('country-list').getByRole('button', { name: /^Russia/ }).click();
  await expect(page).toHaveURL(/country=RU/);
  await expect(panel).toContainText('Islamic State recruits from North Caucasus');
  await expect(panel).toContainText('al Qaeda recruits from Chechnya');
  await expect(panel.getByTestId('map-event-2024-03-22-moscow-concert-hall-attack')).toBeVisible();
  // Pakistan: no event, but groups operate there.
  await page.goto('/ui/map?view=world&country=PK');
  await expect(page.getByTestId('country-panel')).toContainText('Haqqani network operates in Pakistan');
});

test('the map is usable at phone width', async ({ page, signIn }) => {
  await signIn('reader');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/ui/map?province=Kabul');
  await expect(page.getByTestId('afghan-map')).toBeVisible();
  await expect(page.getByTestId('province-panel')).toContainText('Kabul province');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
