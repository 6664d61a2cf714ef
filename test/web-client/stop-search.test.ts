import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesQuery } from '../../web/src/lib/normalize';

const finds = (name: string, typed: string) => matchesQuery(foldForSearch(name), foldForSearch(typed));

describe('finding a stop by what people type', () => {
  it('ignores case, accents and the spellings without umlauts', () => {
    expect(finds('Prüm Prüm, Busbahnhof', 'Pruem')).toBe(true);
    expect(finds('Prüm Prüm, Busbahnhof', 'prum')).toBe(true);
    expect(finds('Prüm Prüm, Busbahnhof', 'PRÜM')).toBe(true);
    expect(finds('Gerolstein Hauptstraße', 'hauptstrasse')).toBe(true);
    expect(finds('Schönecken Kirche', 'Schoenecken')).toBe(true);
    expect(finds('Bitburg Bitburg, Bahnhof/ZOB', 'bitburg zob')).toBe(true);
  });

  it('takes every word typed as the start of a word of the name, or a part of it from three letters', () => {
    expect(finds('Bitburg Bitburg, Krankenhaus', 'bit kranken')).toBe(true);
    expect(finds('Niederprüm Niederprüm, Kirche', 'prum')).toBe(true);
    expect(finds('Irrel Irrel, Kirche', 'rr')).toBe(false);
    expect(finds('Irrel Irrel, Kirche', 'bitburg')).toBe(false);
    expect(finds('Irrel Irrel, Kirche', '')).toBe(false);
  });
});
