import type { Locator, Page } from '@playwright/test';
import { checkState, expect, test } from './fixtures';
import { signUp } from './support';

/** Presses Tab until the element has the focus, as a keyboard user would, and checks the focus can be seen. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 25; presses++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) {
      const ring = await target.evaluate((el) => {
        const style = el.ownerDocument.defaultView!.getComputedStyle(el);
        return { outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0, shadow: style.boxShadow !== 'none' };
      });
      expect(ring.outline || ring.shadow, 'a visible focus').toBe(true);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target} with the Tab key`);
}

test('a whole booking with the keyboard only, the focus always visible', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  await signUp(page, 'Peter Hoffmann');

  const from = page.getByRole('combobox', { name: 'Einstieg' });
  await tabTo(page, from);
  await page.keyboard.type('Pruem');
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(from).toHaveAttribute('aria-activedescendant', /option-0/);
  await checkState(page, testInfo, 'keyboard-suggestion');
  await page.keyboard.press('Enter');
  await expect(from).toHaveValue(/^Prüm, /);
  await page.keyboard.press('Enter');

  const to = page.getByRole('combobox', { name: 'Ziel' });
  await expect(page.getByRole('heading', { level: 1, name: 'Wohin möchten Sie?' })).toBeFocused();
  await tabTo(page, to);
  await page.keyboard.type('bitburg zob');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(to).toHaveValue('Bitburg, Bahnhof/ZOB');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Wann möchten Sie fahren?' })).toBeFocused();
  // Arrive by: the arrow keys move between the two choices.
  await tabTo(page, page.getByRole('radio', { name: /^Abfahrt/ }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /^Ankunft/ })).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Weiter' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Wer fährt mit?' })).toBeFocused();
  await tabTo(page, page.getByLabel('Anzahl der Personen'));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await tabTo(page, page.getByRole('button', { name: 'Weiter' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Bitte prüfen Sie Ihre Angaben' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Fahrt anfragen' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Der Bus kann Sie abholen' })).toBeVisible({ timeout: 30_000 });
  await tabTo(page, page.getByRole('button', { name: 'Fahrt bestätigen' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Ihre Fahrt ist gebucht' })).toBeVisible();
});
