import type { Page } from '@playwright/test';
import { checkState, expect, expectAccessible, test } from './fixtures';
import { signUp } from './support';

/** Nothing wider than the window: no sideways scrolling (WCAG 1.4.10 reflow). */
async function expectNoSidewaysScroll(page: Page, state: string) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `page wider than the window in "${state}"`).toBeLessThanOrEqual(width);
}

/** Buttons, fields and the navigation are at least 44 × 44 px; the text is at least 18 px. */
async function expectTargetsAndText(page: Page, state: string) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, input:not([type=radio]):not([type=checkbox]), textarea, nav a, .kern-form-check')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ what: `${el.tagName} ${el.textContent?.trim() || el.id}`, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ what, box }) => `${what}: ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small, `targets under 44 px in "${state}"`).toEqual([]);
  const fontPx = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(fontPx).toBeGreaterThanOrEqual(18);
}

test('reflow at 320 px and at 200 % zoom, 44 px targets, 18 px text, dark mode without contrast failures', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  const pages = async (label: string) => {
    for (const path of ['/', '/datenschutz', '/anmelden']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page, `${label} ${path}`);
      await expectTargetsAndText(page, `${label} ${path}`);
    }
  };
  // 320 CSS pixels is the phone width of WCAG's reflow rule; 640 is a 1280-pixel window at 200 % zoom.
  await page.setViewportSize({ width: 320, height: 640 });
  await pages('320 px');
  await page.setViewportSize({ width: 640, height: 400 });
  await pages('200 %');

  await signUp(page, 'Lena Schmitt');
  await page.setViewportSize({ width: 320, height: 640 });
  await page.getByRole('combobox', { name: 'Einstieg' }).fill('Bitburg');
  await expect(page.getByRole('option').first()).toBeVisible();
  await expectNoSidewaysScroll(page, '320 px suggestions');
  await expectTargetsAndText(page, '320 px suggestions');

  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await checkState(page, testInfo, 'dark-suggestions');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
  await page.goto('/');
  await expectAccessible(page, 'dark-start');
  await page.goto('/datenschutz');
  await expectAccessible(page, 'dark privacy');
});
