import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Button } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FieldSpec, type FormErrors } from '../lib/problems';
import { uploadStopsFile, type StopsFileLine, type StopsFileResult } from './admin-api';
import { ReasonField } from './reason-field';

const FILE_ID = 'stops-file';
const REASON_ID = 'stops-file-reason';
/** The service takes up to 5 MiB (a stops.txt of a whole Land is about 2 MiB). */
const MAX_BYTES = 5 * 1024 * 1024;

const FIELDS: Record<string, FieldSpec> = {
  body: { id: FILE_ID, textKey: 'admin.stopsFile.errors.empty' },
  reason: { id: REASON_ID, textKey: 'admin.reason.error' },
};

/**
 * A GTFS stops.txt for the area: stops added by `stop_id`, known ones changed or moved. A file with a
 * bad line is refused whole by the service; every such line is listed next to the file field.
 */
export function StopsFile(props: { areaId: string; onImported: (result: StopsFileResult) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [lines, setLines] = useState<StopsFileLine[]>([]);
  const [result, setResult] = useState<StopsFileResult | null>(null);
  const [busy, setBusy] = useState(false);

  const refuse = (found: FormErrors, refused: StopsFileLine[] = []) => {
    setErrors(found);
    setLines(refused);
    setResult(null);
  };

  const send = async () => {
    const local = [
      ...(file ? [] : [{ target: FILE_ID, text: t('admin.stopsFile.errors.choose') }]),
      ...(file && file.size > MAX_BYTES ? [{ target: FILE_ID, text: t('admin.stopsFile.errors.tooLarge') }] : []),
      ...(file && file.size === 0 ? [{ target: FILE_ID, text: t('admin.stopsFile.errors.empty') }] : []),
      ...(reason.trim() ? [] : [{ target: REASON_ID, text: t('admin.reason.error') }]),
    ];
    if (local.length > 0 || !file) return refuse(localErrors(local));
    setBusy(true);
    try {
      const imported = await uploadStopsFile(props.areaId, await file.text(), reason.trim());
      refuse(noErrors);
      setResult(imported);
      props.onImported(imported);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'gtfs-stops-invalid') {
        const refused = (error.body.lines as StopsFileLine[] | undefined) ?? [];
        refuse({ summary: [{ target: FILE_ID, text: t('admin.stopsFile.errors.refusedSummary', { n: refused.length }) }], byId: { [FILE_ID]: t('admin.stopsFile.errors.refused', { n: refused.length }) } }, refused);
      } else if (error instanceof ApiError && error.code === 'body-too-large') {
        refuse(localErrors([{ target: FILE_ID, text: t('admin.stopsFile.errors.tooLarge') }]));
      } else {
        refuse(formErrors(error, FIELDS, t));
      }
    } finally {
      setBusy(false);
    }
  };

  const error = errors.byId[FILE_ID];
  return (
    <section aria-labelledby="stops-file-heading">
      <h2 class="kern-heading-medium" id="stops-file-heading">{t('admin.stopsFile.heading')}</h2>
      <Form errors={errors} onSubmit={() => void send()} busy={busy} label={t('admin.stopsFile.heading')}>
        <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for={FILE_ID}>{t('admin.stopsFile.label')}</label>
          <div class="kern-hint" id={`${FILE_ID}-hint`}>{t('admin.stopsFile.hint')}</div>
          {error && (
            <div class="kern-error" id={`${FILE_ID}-error`}>
              <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
              <div>
                <p class="kern-body">{error}</p>
                {lines.length > 0 && (
                  <ul class="kern-list stops-file__lines">
                    {lines.map((l) => <li key={`${l.line}-${l.field}-${l.problem}`}>{t(`admin.stopsFile.problems.${l.problem}`, { line: l.line, field: l.field })}</li>)}
                  </ul>
                )}
              </div>
            </div>
          )}
          <input class="kern-form-input__input" type="file" id={FILE_ID} accept=".txt,.csv,text/csv,text/plain"
            aria-describedby={`${FILE_ID}-hint${error ? ` ${FILE_ID}-error` : ''}`} aria-invalid={error ? 'true' : undefined}
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
        </div>
        <ReasonField id={REASON_ID} label={t('admin.stopsFile.reason')} value={reason} error={errors.byId[REASON_ID]} onInput={setReason} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t('admin.stopsFile.submit')}</Button>
        </div>
      </Form>
      <div aria-live="polite" class="stops-file__result">
        {result && (
          <div class="kern-alert kern-alert--success">
            <div class="kern-alert__header">
              <span class="kern-icon kern-icon--success" aria-hidden="true" />
              <p class="kern-title">{t('admin.stopsFile.done', { inserted: result.inserted, moved: result.moved, changed: result.updated - result.moved, unchanged: result.unchanged })}</p>
            </div>
            {result.outside.length > 0 && (
              <div class="kern-alert__body">
                <p class="kern-body">{t('admin.stopsFile.outside', { n: result.outside.length })}</p>
                <ul class="kern-list">{result.outside.map((s) => <li key={s.code}>{s.code}: {s.name}</li>)}</ul>
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
