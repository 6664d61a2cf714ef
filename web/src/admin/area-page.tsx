import { useEffect, useState } from 'preact/hooks';
import { Button, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FieldSpec, type FormErrors } from '../lib/problems';
import type { PageProps } from '../page-props';
import { change, loadAdminArea, type AdminArea, type AdminRules } from './admin-api';
import { AdminNav } from './admin-nav';
import { ReasonField } from './reason-field';
import { parseHours, parseSpans, rulesInWords, spansText, WEEKDAYS } from './rules-text';
import { ExceptionsField, type ExceptionDraft } from './exceptions-field';
import { SavedNote } from './saved-note';
import { useLoad } from './use-load';

const RULES: Array<keyof AdminRules> = ['minLeadMin', 'maxHorizonDays', 'pickupWindowMin', 'maxRideAlpha', 'maxRideBetaMin', 'cancellationCutoffMin', 'maxActiveBookingsPerRider', 'maxPartySize'];
/** Rules that may stay empty: none set. */
const OPTIONAL: ReadonlySet<keyof AdminRules> = new Set(['maxPartySize']);

type Draft = { name: string; timeZone: string; hotline: string; infoUrl: string; reason: string; rules: Record<string, string>; hours: Record<string, string>; exceptions: ExceptionDraft[] };

const draftOf = (area: AdminArea): Draft => ({
  name: area.name,
  timeZone: area.timeZone,
  hotline: area.hotline ?? '',
  infoUrl: area.infoUrl ?? '',
  reason: '',
  rules: Object.fromEntries(RULES.map((key) => [key, String(area.rules[key] ?? '')])),
  hours: Object.fromEntries(WEEKDAYS.map((day) => [day, spansText(area.operatingHours[day])])),
  exceptions: area.operatingExceptions.map((e) => ({ date: e.date, hours: spansText(e.spans), note: e.note ?? '' })),
});

/** The API's field names → this form's fields, so the server's errors stand next to the field they are about. */
const FIELDS: Record<string, FieldSpec> = {
  name: { id: 'area-name', textKey: 'admin.area.errors.name' },
  timeZone: { id: 'area-tz', textKey: 'admin.area.errors.timeZone' },
  hotline: { id: 'area-hotline', textKey: 'admin.area.errors.hotline' },
  infoUrl: { id: 'area-info', textKey: 'admin.area.errors.infoUrl' },
  ...Object.fromEntries(RULES.map((key) => [`rules.${key}`, { id: `rule-${key}`, textKey: 'admin.area.errors.rule' }])),
  ...Object.fromEntries(WEEKDAYS.map((day) => [`operatingHours.${day}`, { id: `hours-${day}`, textKey: 'admin.area.errors.hours' }])),
  operatingHours: { id: 'hours-1', textKey: 'admin.area.errors.hours' },
  operatingExceptions: { id: 'exc-0-date', textKey: 'admin.exceptions.error' },
  reason: { id: 'area-reason', textKey: 'admin.reason.error' },
};

/** Reads the rules typed so far; undefined for a field that is not a number (the preview waits for it). */
function rulesOf(draft: Draft): AdminRules | undefined {
  const typed = RULES.filter((key) => !OPTIONAL.has(key) || draft.rules[key].trim() !== '');
  const values = typed.map((key) => Number(draft.rules[key].replace(',', '.')));
  if (values.some((v, i) => draft.rules[typed[i]].trim() === '' || !Number.isFinite(v))) return undefined;
  return Object.fromEntries(typed.map((key, i) => [key, values[i]])) as unknown as AdminRules;
}

/** An area's settings: name, time zone, hotline, info page, booking rules (with their plain-language preview) and weekly hours. */
export default function AreaPage(props: PageProps) {
  const { t, lang } = useI18n();
  const id = props.params.id;
  const area = useLoad(() => loadAdminArea(id), [id]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (area.data) setDraft(draftOf(area.data));
  }, [area.data]);

  if (area.failed) return <p class="kern-body">{t('admin.loadFailed')}</p>;
  if (!area.data || !draft) return <p class="kern-body">{t('common.loading')}</p>;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const rules = rulesOf(draft);

  const save = async () => {
    const hours = parseHours(draft.hours);
    const found = [
      ...(draft.name.trim() ? [] : [{ target: 'area-name', text: t('admin.area.errors.name') }]),
      ...(rules ? [] : [{ target: `rule-${RULES.find((k) => !Number.isFinite(Number(draft.rules[k].replace(',', '.'))) || (!OPTIONAL.has(k) && !draft.rules[k].trim()))}`, text: t('admin.area.errors.rule') }]),
      ...WEEKDAYS.filter((day) => !parseHours({ ...Object.fromEntries(WEEKDAYS.map((d) => [d, ''])), [day]: draft.hours[day] })).map((day) => ({ target: `hours-${day}`, text: t('admin.area.errors.hours') })),
      ...draft.exceptions.flatMap((e, i) => [
        ...(/^\d{4}-\d{2}-\d{2}$/.test(e.date) ? [] : [{ target: `exc-${i}-date`, text: t('admin.exceptions.error') }]),
        ...(parseSpans(e.hours) ? [] : [{ target: `exc-${i}-hours`, text: t('admin.area.errors.hours') }]),
      ]),
      ...(draft.reason.trim() ? [] : [{ target: 'area-reason', text: t('admin.reason.error') }]),
    ];
    if (found.length > 0 || !rules || !hours) return setErrors(localErrors(found));
    setBusy(true);
    setSaved(null);
    try {
      const answer = await change<AdminArea>('PATCH', `/v1/admin/areas/${id}`, {
        name: draft.name.trim(), timeZone: draft.timeZone.trim(), hotline: draft.hotline.trim() || null, infoUrl: draft.infoUrl.trim() || null,
        rules, operatingHours: hours, reason: draft.reason.trim(),
        operatingExceptions: draft.exceptions.map((e) => ({ date: e.date, spans: parseSpans(e.hours) ?? [], ...(e.note.trim() && { note: e.note.trim() }) })),
      });
      setErrors(noErrors);
      setDraft(draftOf(answer));
      setSaved(t('admin.area.saved', { name: answer.name }));
    } catch (error) {
      setErrors(formErrors(error, FIELDS, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <AdminNav areaId={id} areaName={area.data.name} />
      <h1 class="kern-heading-x-large">{t('admin.area.heading', { name: area.data.name })}</h1>
      <SavedNote text={saved} />
      <Form errors={errors} onSubmit={() => void save()} busy={busy} label={t('admin.area.heading', { name: area.data.name })}>
        <h2 class="kern-heading-medium">{t('admin.area.general')}</h2>
        <TextField id="area-name" label={t('admin.area.name')} value={draft.name} error={errors.byId['area-name']} onInput={(name) => set({ name })} />
        <TextField id="area-tz" label={t('admin.area.timeZone')} hint={t('admin.area.timeZoneHint')} value={draft.timeZone} error={errors.byId['area-tz']} onInput={(timeZone) => set({ timeZone })} />
        <TextField id="area-hotline" type="tel" label={t('admin.area.hotline')} value={draft.hotline} error={errors.byId['area-hotline']} onInput={(hotline) => set({ hotline })} />
        <TextField id="area-info" label={t('admin.area.infoUrl')} hint={t('admin.area.infoUrlHint')} value={draft.infoUrl} error={errors.byId['area-info']} onInput={(infoUrl) => set({ infoUrl })} />

        <h2 class="kern-heading-medium">{t('admin.area.rules')}</h2>
        <div class="admin-grid">
          {RULES.map((key) => (
            <TextField key={key} id={`rule-${key}`} width="short" inputMode={key === 'maxRideAlpha' ? 'text' : 'numeric'} label={t(`admin.rules.${key}`)} hint={OPTIONAL.has(key) ? t(`admin.rules.${key}Hint`) : undefined} value={draft.rules[key]} error={errors.byId[`rule-${key}`]}
              onInput={(value) => set({ rules: { ...draft.rules, [key]: value } })} />
          ))}
        </div>
        <div class="kern-alert kern-alert--info rules-preview" role="note" aria-labelledby="rules-preview-title">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--info" aria-hidden="true" />
            <h3 class="kern-title" id="rules-preview-title">{t('admin.preview.title')}</h3>
          </div>
          <div class="kern-alert__body" aria-live="polite">
            {rules ? <ul class="kern-list">{rulesInWords(t, rules, lang).map((line) => <li key={line}>{line}</li>)}</ul> : <p class="kern-body">{t('admin.preview.incomplete')}</p>}
          </div>
        </div>

        <h2 class="kern-heading-medium">{t('admin.area.hours')}</h2>
        <p class="kern-body">{t('admin.area.hoursHint')}</p>
        <div class="admin-grid">
          {WEEKDAYS.map((day) => (
            <TextField key={day} id={`hours-${day}`} label={t(`admin.weekdays.${day}`)} value={draft.hours[day]} error={errors.byId[`hours-${day}`]}
              onInput={(value) => set({ hours: { ...draft.hours, [day]: value } })} />
          ))}
        </div>

        <ExceptionsField rows={draft.exceptions} errors={errors.byId} onChange={(exceptions) => set({ exceptions })} />

        <ReasonField id="area-reason" value={draft.reason} error={errors.byId['area-reason']} onInput={(reason) => set({ reason })} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t('admin.area.save')}</Button>
        </div>
      </Form>
    </>
  );
}
