import { checkState, expect, expectAccessible, test } from './fixtures';

test.describe('public pages', () => {
  test('the start page is in German, accessible, and switches to English and back (remembered)', async ({ page, outsideRequests }, testInfo) => {
    void outsideRequests;
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Mit dem Taxibus durch die Eifel' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await checkState(page, testInfo, 'start-de');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'By taxibus through the Eifel' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'By taxibus through the Eifel' })).toBeVisible();
    await checkState(page, testInfo, 'start-en');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mit dem Taxibus durch die Eifel' })).toBeVisible();
  });

  test('the privacy page and an unknown page', async ({ page, outsideRequests }, testInfo) => {
    void outsideRequests;
    await page.goto('/');
    await page.getByRole('link', { name: 'Datenschutz' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Datenschutz' })).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Wie lange?' })).toBeVisible();
    await checkState(page, testInfo, 'privacy');

    await page.goto('/gibt-es-nicht');
    await expect(page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeVisible();
    await expectAccessible(page, 'not-found');
  });

  test('the API documentation at /docs shows the OpenAPI document of this service, with nothing from elsewhere', async ({ page, outsideRequests }, testInfo) => {
    void outsideRequests;
    await page.goto('/docs');
    await expect(page.getByRole('heading', { level: 1, name: 'API-Dokumentation' })).toBeVisible();
    const booking = page.getByRole('region', { name: 'POST /v1/bookings', exact: true });
    await expect(booking.getByRole('heading', { level: 3 })).toBeVisible();
    const created = booking.getByRole('group').filter({ hasText: 'Schema der Antwort 201 (application/json)' });
    await created.getByText('Schema der Antwort 201 (application/json)').click();
    await expect(created.locator('pre')).toBeVisible();
    await expect(created.locator('pre')).toContainText('"wheelchairs"');
    await expect(page.getByRole('link', { name: 'Das Dokument als OpenAPI 3.1 (JSON)' })).toHaveAttribute('href', '/v1/openapi.json');
    await expectAccessible(page, 'api-docs');
    // The whole document is pages long: one screen of it is the artefact.
    if (testInfo.project.name.startsWith('pglite')) await page.screenshot({ path: 'test-results/screenshots/api-docs.png' });
  });

  test('the service keeps its own paths: an unknown API path is a problem, not the app', async ({ request }) => {
    const api = await request.get('/v1/gibt-es-nicht', { headers: { accept: 'text/html' } });
    expect(api.status()).toBeGreaterThanOrEqual(400);
    expect(api.headers()['content-type']).toContain('application/problem+json');
    const page = await request.get('/fahrten/123');
    expect(page.status()).toBe(200);
    expect(page.headers()['cache-control']).toBe('no-cache');
    expect(page.headers()['content-security-policy']).toContain("script-src 'self'");
  });

  test('installable: a manifest with icons the service serves, and a service worker', async ({ request }) => {
    const manifest = await (await request.get('/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ start_url: '/', display: 'standalone', lang: 'de' });
    for (const icon of manifest.icons as Array<{ src: string; type: string }>) {
      const answer = await request.get(icon.src);
      expect(answer.status(), icon.src).toBe(200);
      expect(answer.headers()['content-type']).toContain(icon.type);
    }
    const worker = await request.get('/sw.js');
    expect(worker.status()).toBe(200);
    expect(worker.headers()['cache-control']).toBe('no-cache');
  });
});
