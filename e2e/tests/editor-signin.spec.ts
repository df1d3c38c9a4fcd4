// The sign-in gate on a server with BATON_TOKEN: the app asks for the token once, then works through the cookie.
import { expect, test } from '@playwright/test';
import { type ExtraServer, startExtraServer } from '../support/extra-server';

const TOKEN = 'e2e-secret-token';
let server: ExtraServer;

test.beforeAll(async () => {
  server = await startExtraServer({ BATON_TOKEN: TOKEN });
});

test.afterAll(async () => {
  await server?.stop();
});

test('a protected server asks for the token once, refuses a wrong one, then carries on', async ({ page, context }) => {
  await page.goto(`${server.baseURL}/`);
  const signIn = page.getByTestId('sign-in');
  await expect(signIn).toBeVisible();
  await expect(page.getByTestId('graph-list')).toHaveCount(0);

  await signIn.getByLabel('Access token').fill('not-the-token');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByRole('alert')).toContainText('That token is not right');

  await signIn.getByLabel('Access token').fill(TOKEN);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn).toBeHidden();
  await expect(page.getByTestId('graph-list')).toBeVisible();

  // The session is an HttpOnly, SameSite=Strict cookie: no token in the page's reach.
  const cookie = (await context.cookies(server.baseURL)).find((c) => c.name === 'baton_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Strict');
  expect(await page.evaluate(() => document.cookie)).not.toContain('baton_session');

  // A reload keeps the session; signing out ends it.
  await page.reload();
  await expect(page.getByTestId('graph-list')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
});
