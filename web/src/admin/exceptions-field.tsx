import { Button, TextField } from '../components/fields';
import { useI18n } from '../i18n';

/** One dated exception as typed: the date, its hours ("" for closed) and a note such as "1. Weihnachtstag". */
export interface ExceptionDraft {
  date: string;
  hours: string;
  note: string;
}

/** Public holidays and closures: dated exceptions to the weekly hours, added and removed as rows. */
export function ExceptionsField(props: { rows: ExceptionDraft[]; errors: Record<string, string>; onChange: (rows: ExceptionDraft[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<ExceptionDraft>) => props.onChange(props.rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <>
      <h2 class="kern-heading-medium">{t('admin.exceptions.heading')}</h2>
      <p class="kern-body">{t('admin.exceptions.hint')}</p>
      {props.rows.map((row, i) => (
        <fieldset class="kern-fieldset exception-row" key={i}>
          <legend class="kern-label">{t('admin.exceptions.legend', { n: i + 1 })}</legend>
          <div class="admin-grid">
            <TextField id={`exc-${i}-date`} type="date" label={t('admin.exceptions.date')} value={row.date} error={props.errors[`exc-${i}-date`]} onInput={(date) => set(i, { date })} />
            <TextField id={`exc-${i}-hours`} label={t('admin.exceptions.hours')} value={row.hours} error={props.errors[`exc-${i}-hours`]} onInput={(hours) => set(i, { hours })} />
            <TextField id={`exc-${i}-note`} label={t('admin.exceptions.note')} value={row.note} onInput={(note) => set(i, { note })} />
          </div>
          <Button kind="tertiary" onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}>{t('admin.exceptions.remove', { n: i + 1 })}</Button>
        </fieldset>
      ))}
      <div class="button-row">
        <Button kind="secondary" onClick={() => props.onChange([...props.rows, { date: '', hours: '', note: '' }])}>{t('admin.exceptions.add')}</Button>
      </div>
    </>
  );
}
