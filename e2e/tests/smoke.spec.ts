import { expect, test } from '@playwright/test';

test('the API answers its health check', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ ok: true, authRequired: false });
  expect(typeof body.version).toBe('string');
});

test('the app loads at / without errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/Baton/);
  await expect(page.locator('#root')).not.toBeEmpty();
  expect(errors).toEqual([]);
});
