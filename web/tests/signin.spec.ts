// Sign-in with a token, a wrong token, signing out, and the role limits the
// UI shows (a reader sees no screening views).
import { test, expect, tokenFor } from './fixtures';

test('a token signs in, a wrong one is refused in the API\'s words', async ({ page, shot }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/ui\/$/);
  await expect(page.getByLabel('API token')).toBeVisible();
  await shot('signin');
  await page.getByLabel('API token').fill('vigil_000000000000_wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/token/i);

  await page.getByLabel('API token').fill(tokenFor('screener'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('who')).toHaveText('ui-screener · screener');
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Screen' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('API token')).toBeVisible();
});

test('a reader sees no screening views and is told why at their URL', async ({ page, signIn }) => {
  await signIn('reader');
  await page.goto('/ui/');
  await expect(page.getByTestId('who')).toHaveText('ui-reader · reader');
  const nav = page.getByRole('navigation', { name: 'Views' });
  await expect(nav.getByRole('link', { name: 'Search' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Screen' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Batch' })).toHaveCount(0);
  await page.goto('/ui/screen');
  await expect(page.getByRole('alert')).toContainText('needs the screener role');
});

test('when vigil cannot be reached at start-up, Try again signs in once it can', async ({ page, signIn }) => {
  await signIn('reader');
  await page.route('**/v1/me', (route) => route.abort('connectionrefused'));
  await page.goto('/ui/search');
  await expect(page.getByRole('alert')).toContainText('vigil cannot be reached');
  await page.unroute('**/v1/me');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('who')).toHaveText('ui-reader · reader');
});
