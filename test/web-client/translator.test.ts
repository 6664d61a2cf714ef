import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addTexts, translator } from '../../web/src/i18n';

addTexts('pluralTest', {
  de: { moved: '{moved|# Fahrt ist|# Fahrten sind} verlegt; {bus} fährt.' },
  en: { moved: '{moved|# ride|# rides} moved; {bus} drives.' },
});

describe('texts with counts', () => {
  it('choose the form that fits the number in each language', () => {
    const de = translator('de');
    const en = translator('en');
    expect(de('pluralTest.moved', { moved: 1, bus: 'RB 1' })).toBe('1 Fahrt ist verlegt; RB 1 fährt.');
    expect(de('pluralTest.moved', { moved: 0, bus: 'RB 1' })).toBe('0 Fahrten sind verlegt; RB 1 fährt.');
    expect(de('pluralTest.moved', { moved: 3, bus: 'RB 1' })).toBe('3 Fahrten sind verlegt; RB 1 fährt.');
    expect(en('pluralTest.moved', { moved: 1, bus: 'RB 1' })).toBe('1 ride moved; RB 1 drives.');
    expect(en('pluralTest.moved', { moved: 2, bus: 'RB 1' })).toBe('2 rides moved; RB 1 drives.');
  });

  it('leave a placeholder without its parameter as it is', () => {
    expect(translator('de')('pluralTest.moved', { bus: 'RB 1' })).toBe('{moved|# Fahrt ist|# Fahrten sind} verlegt; RB 1 fährt.');
  });

  it('every count form in the catalogues has its two halves', () => {
    const dir = fileURLToPath(new URL('../../web/src/i18n/', import.meta.url));
    const broken: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const [whole] of text.matchAll(/\{\w+\|[^{}]*\}/g)) {
        if (whole.split('|').length !== 3) broken.push(`${file}: ${whole}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
