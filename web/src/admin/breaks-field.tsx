import { Button, TextField } from '../components/fields';
import type { ShownError } from '../components/error-summary';
import { useI18n, type Translate } from '../i18n';
import type { FieldSpec } from '../lib/problems';
import type { TemplateBreak } from './admin-api';

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** As many as the API takes. */
const MOST_BREAKS = 5;

const breakId = (prefix: string, i: number, end: 'from' | 'to') => `${prefix}-break-${i + 1}-${end}`;

/** The API's names of each break's fields (`breaks.0`, `breaks.0.to`), for its answers' errors. */
export function breakFieldSpecs(prefix: string, count: number): Record<string, FieldSpec> {
  const specs: Record<string, FieldSpec> = {};
  for (let i = 0; i < count; i += 1) {
    specs[`breaks.${i}`] = { id: breakId(prefix, i, 'from'), textKey: 'admin.fleet.errors.breakAny' };
    specs[`breaks.${i}.from`] = { id: breakId(prefix, i, 'from'), textKey: 'admin.fleet.errors.breakAny' };
    specs[`breaks.${i}.to`] = { id: breakId(prefix, i, 'to'), textKey: 'admin.fleet.errors.breakAny' };
    // A dated shift's breaks are instants (`startAt`, `endAt`).
    specs[`breaks.${i}.startAt`] = specs[`breaks.${i}.from`];
    specs[`breaks.${i}.endAt`] = specs[`breaks.${i}.to`];
  }
  return specs;
}

/** Breaks the form finds wrong before asking: a time that is none, one that ends before it starts, lies outside the shift or overlaps another. */
export function breakErrors(prefix: string, breaks: TemplateBreak[], start: string, end: string, t: Translate): ShownError[] {
  const found: ShownError[] = [];
  breaks.forEach((b, i) => {
    const n = i + 1;
    if (!HHMM.test(b.from)) return found.push({ target: breakId(prefix, i, 'from'), text: t('admin.fleet.errors.breakTime', { n }) });
    if (!HHMM.test(b.to) || b.to <= b.from) return found.push({ target: breakId(prefix, i, 'to'), text: t('admin.fleet.errors.breakEnd', { n }) });
    if (b.from < start || b.to > end) return found.push({ target: breakId(prefix, i, 'from'), text: t('admin.fleet.errors.breakInside', { n }) });
    if (breaks.some((other, j) => j !== i && HHMM.test(other.from) && HHMM.test(other.to) && other.from < b.to && b.from < other.to)) {
      found.push({ target: breakId(prefix, i, 'from'), text: t('admin.fleet.errors.breakOverlap', { n }) });
    }
  });
  return found;
}

/** A weekly shift's breaks (local times): the bus serves no stop in them. Up to five, added and removed one by one. */
export function BreaksField(props: { prefix: string; breaks: TemplateBreak[]; errors: Record<string, string>; onChange: (breaks: TemplateBreak[]) => void }) {
  const { t } = useI18n();
  const { breaks } = props;
  const set = (i: number, part: Partial<TemplateBreak>) => props.onChange(breaks.map((b, j) => (j === i ? { ...b, ...part } : b)));
  return (
    <fieldset class="kern-fieldset breaks-field" aria-describedby={`${props.prefix}-breaks-hint`}>
      <legend class="kern-label">{t('admin.fleet.breaks')}</legend>
      <div class="kern-hint" id={`${props.prefix}-breaks-hint`}>{t(breaks.length === 0 ? 'admin.fleet.noBreaks' : 'admin.fleet.breaksHint')}</div>
      {breaks.map((b, i) => (
        <div class="admin-grid break-row" key={i}>
          <TextField id={breakId(props.prefix, i, 'from')} type="time" width="short" label={t('admin.fleet.breakFrom', { n: i + 1 })} value={b.from} error={props.errors[breakId(props.prefix, i, 'from')]} onInput={(from) => set(i, { from })} />
          <TextField id={breakId(props.prefix, i, 'to')} type="time" width="short" label={t('admin.fleet.breakTo', { n: i + 1 })} value={b.to} error={props.errors[breakId(props.prefix, i, 'to')]} onInput={(to) => set(i, { to })} />
          <Button kind="tertiary" onClick={() => props.onChange(breaks.filter((_, j) => j !== i))}>{t('admin.fleet.removeBreak', { n: i + 1 })}</Button>
        </div>
      ))}
      {breaks.length < MOST_BREAKS && (
        <Button kind="secondary" onClick={() => props.onChange([...breaks, { from: '12:00', to: '12:30' }])}>{t('admin.fleet.addBreak')}</Button>
      )}
    </fieldset>
  );
}
