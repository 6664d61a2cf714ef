import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';

export { expect };

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Every test's page: requests to any other origin than the service's are aborted and fail the test
 * (the app must work with no third party at all), and so does an error in the page's console.
 */
export const test = base.extend<{ outsideRequests: string[]; allowedConsoleErrors: RegExp | null }>({
  /** Console errors a test causes on purpose (a page loaded offline). */
  allowedConsoleErrors: [null, { option: true }],
  outsideRequests: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const outside: string[] = [];
    await page.context().route(
      (url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:',
      async (route) => {
        outside.push(route.request().url());
        await route.abort('blockedbyclient');
      },
    );
    await use(outside);
    expect(outside, 'requests to other origins').toEqual([]);
  },
  page: async ({ page, allowedConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      // A refused request (401 of a logged-out check, 422 of a refused booking) is logged by the browser; the app handles it.
      const text = message.text();
      if (message.type() !== 'error' || /Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
      if (!allowedConsoleErrors?.test(text)) errors.push(text);
    });
    await use(page);
    expect(errors, 'errors in the page').toEqual([]);
  },
});

/** axe-core over the whole page in its current state: no WCAG 2.0/2.1/2.2 A or AA violation. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations in state "${state}"`).toEqual([]);
}

type Sizes = ReadonlyArray<readonly [string, { width: number; height: number }]>;
/** Phone and desktop: the villagers' pages and the desk. */
export const PAGE_SIZES: Sizes = [['390x844', { width: 390, height: 844 }], ['1280x800', { width: 1280, height: 800 }]];
/** The driver's tablet in its cradle, landscape and portrait. */
export const TABLET_SIZES: Sizes = [['1280x800', { width: 1280, height: 800 }], ['800x1280', { width: 800, height: 1280 }]];

/** Screenshots at phone and desktop size (or the sizes given), kept as test artefacts under test-results/screenshots (one set, from the embedded database's run). */
export async function screenshots(page: Page, testInfo: TestInfo, name: string, sizes: Sizes = PAGE_SIZES): Promise<void> {
  if (!testInfo.project.name.startsWith('pglite')) return;
  const dir = 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  const size = page.viewportSize();
  for (const [label, viewport] of sizes) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}

/** Checks accessibility and takes the screenshots of one state of a page. */
export async function checkState(page: Page, testInfo: TestInfo, name: string, sizes: Sizes = PAGE_SIZES): Promise<void> {
  await expectAccessible(page, name);
  await screenshots(page, testInfo, name, sizes);
}
