import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import de from './i18n/de.json';
import en from './i18n/en.json';

export type Lang = 'de' | 'en';
export type Messages = { [key: string]: string | Messages };

const catalogues: Record<Lang, Messages> = { de: { ...de }, en: { ...en } };
const textListeners = new Set<() => void>();

/**
 * The texts of a part loaded on demand, under `key`: the desk's, the tablet's and the operator's
 * pages bring theirs with their code, so a villager's phone never downloads them.
 */
export function addTexts(key: string, texts: Record<Lang, Messages>): void {
  catalogues.de[key] = texts.de;
  catalogues.en[key] = texts.en;
  for (const listener of textListeners) listener();
}

/** Called whenever addTexts brought new texts (the app renders again with them); returns the unsubscribe. */
export function onTextsAdded(listener: () => void): () => void {
  textListeners.add(listener);
  return () => textListeners.delete(listener);
}
const STORAGE_KEY = 'etb.lang';

export function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode without storage: the switch still works for this visit.
  }
  document.documentElement.lang = lang;
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

/**
 * `{name}` is replaced by the parameter; `{name|one|other}` by the form that fits the number in the
 * language (`#` in it standing for the number), so a count of 1 reads "1 Fahrt ist", not "1 Fahrten sind".
 */
const PLACEHOLDER = /\{(\w+)(?:\|([^|{}]*)\|([^{}]*))?\}/g;

/** German is the source: a key missing in English falls back to it; a key missing in both shows itself (and fails the tests). */
export function translator(lang: Lang): Translate {
  const plurals = new Intl.PluralRules(lang);
  return (key, params) => {
    const text = lookup(catalogues[lang], key) ?? lookup(catalogues.de, key) ?? key;
    if (!params) return text;
    return text.replace(PLACEHOLDER, (whole, name: string, one: string | undefined, other: string | undefined) => {
      if (!(name in params)) return whole;
      const value = params[name];
      if (one === undefined || other === undefined) return String(value);
      const form = typeof value === 'number' && plurals.select(value) === 'one' ? one : other;
      return form.replaceAll('#', String(value));
    });
  };
}

/** Whether a key exists, for texts chosen by a server code (a rejection reason, a problem type). */
export function hasText(key: string): boolean {
  return lookup(catalogues.de, key) !== undefined;
}

export interface I18n {
  lang: Lang;
  t: Translate;
  setLang(lang: Lang): void;
}

export const I18nContext = createContext<I18n>({ lang: 'de', t: translator('de'), setLang: () => undefined });
export const useI18n = () => useContext(I18nContext);
