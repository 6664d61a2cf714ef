import { ApiError, OfflineError } from '../api';
import { hasText, type Params, type Translate } from '../i18n';
import type { ShownError } from '../components/error-summary';

/** A form field as the API names it (`errors[].field`), with the element id and the text to show. */
export interface FieldSpec {
  id: string;
  /** The i18n key of the plain-language message for this field. */
  textKey: string;
}

export interface FormErrors {
  summary: ShownError[];
  /** By element id, the text shown next to the field. */
  byId: Record<string, string>;
}

export const noErrors: FormErrors = { summary: [], byId: {} };

/** Mistakes the form finds itself, before asking the API: each next to its field and in the summary. */
export function localErrors(found: ShownError[]): FormErrors {
  return { summary: found, byId: Object.fromEntries(found.map((e) => [e.target, e.text])) };
}

/**
 * Turns an API answer into errors next to the fields it names and in the summary. A field's own text
 * comes from the translations (the API's messages are for developers); a problem that names no field
 * is shown by its code (`errors.codes.<code>`), or as a general failure.
 */
export function formErrors(error: unknown, fields: Record<string, FieldSpec>, t: Translate, params: Params = {}): FormErrors {
  if (error instanceof OfflineError) return general(t('common.offline'), fields);
  if (!(error instanceof ApiError)) return general(t('errors.codes.unknown'), fields);
  const byId: Record<string, string> = {};
  const summary: ShownError[] = [];
  const codeKey = `errors.codes.${error.code}`;
  for (const { field } of error.errors) {
    const spec = fields[field] ?? fields[field.split('.')[0]];
    if (!spec || byId[spec.id]) continue;
    // A rule that names a field (e.g. lead-time on departAfter) says more than the field's general text.
    const text = error.code !== 'validation' && hasText(codeKey) ? t(codeKey, { ...params, ...numbersOf(error.body) }) : t(spec.textKey, params);
    byId[spec.id] = text;
    summary.push({ target: spec.id, text });
  }
  if (summary.length > 0) return { summary, byId };
  return general(hasText(codeKey) ? t(codeKey, { ...params, ...numbersOf(error.body) }) : t('errors.codes.unknown'), fields);
}

function general(text: string, fields: Record<string, FieldSpec>): FormErrors {
  const first = Object.values(fields)[0];
  return { summary: [{ target: first ? first.id : 'inhalt', text }], byId: {} };
}

function numbersOf(body: Record<string, unknown>): Params {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'number' || typeof v === 'string')) as Params;
}
