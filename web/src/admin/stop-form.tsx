import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Button, Checkbox, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FieldSpec, type FormErrors } from '../lib/problems';
import { change, type AdminStop } from './admin-api';
import { ReasonField } from './reason-field';

/** A new stop at a point of the map, or a stop being changed (moved by dragging, or by typing its coordinates). */
export type StopDraft = { stop: AdminStop | null; code: string; name: string; village: string; lat: string; lon: string; wheelchair: boolean };

export const draftOfStop = (stop: AdminStop): StopDraft => ({ stop, code: stop.code, name: stop.name, village: stop.village, lat: String(stop.lat), lon: String(stop.lon), wheelchair: stop.wheelchairAccessible });

const FIELDS: Record<string, FieldSpec> = {
  code: { id: 'stop-code', textKey: 'admin.stops.errors.code' },
  name: { id: 'stop-name', textKey: 'admin.stops.errors.name' },
  village: { id: 'stop-village', textKey: 'admin.stops.errors.village' },
  lat: { id: 'stop-lat', textKey: 'admin.stops.errors.lat' },
  lon: { id: 'stop-lon', textKey: 'admin.stops.errors.lon' },
  reason: { id: 'stop-reason', textKey: 'admin.reason.error' },
};

const coordinate = (text: string) => (text.trim() === '' ? NaN : Number(text.replace(',', '.')));

/**
 * The stop's form: saving creates or changes it; an existing stop can also be taken out of use or back.
 * Deactivating a stop that booked rides still use is refused with their list; it can then be forced.
 */
export function StopForm(props: { areaId: string; draft: StopDraft; onDraft: (draft: StopDraft) => void; onSaved: (stop: AdminStop, text: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const { draft } = props;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [inUse, setInUse] = useState<string[] | null>(null);
  const set = (patch: Partial<StopDraft>) => props.onDraft({ ...draft, ...patch });
  const existing = draft.stop;

  const send = async (body: Record<string, unknown>, savedKey: string) => {
    if (!reason.trim()) return setErrors(localErrors([{ target: 'stop-reason', text: t('admin.reason.error') }]));
    setBusy(true);
    try {
      const saved = existing
        ? await change<AdminStop>('PATCH', `/v1/admin/stops/${existing.id}`, { ...body, reason: reason.trim() })
        : await change<AdminStop>('POST', `/v1/admin/areas/${props.areaId}/stops`, { ...body, reason: reason.trim() });
      setErrors(noErrors);
      setInUse(null);
      props.onSaved(saved, t(savedKey, { name: saved.name }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'stop-in-use') setInUse((error.body.bookingIds as string[] | undefined) ?? []);
      else if (error instanceof ApiError && error.code === 'stop-code-taken') setErrors(localErrors([{ target: 'stop-code', text: t('admin.stops.errors.codeTaken') }]));
      else setErrors(formErrors(error, FIELDS, t));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    const [lat, lon] = [coordinate(draft.lat), coordinate(draft.lon)];
    const found = [
      ...(!existing && !draft.code.trim() ? [{ target: 'stop-code', text: t('admin.stops.errors.code') }] : []),
      ...(draft.name.trim() ? [] : [{ target: 'stop-name', text: t('admin.stops.errors.name') }]),
      ...(draft.village.trim() ? [] : [{ target: 'stop-village', text: t('admin.stops.errors.village') }]),
      ...(Number.isFinite(lat) ? [] : [{ target: 'stop-lat', text: t('admin.stops.errors.lat') }]),
      ...(Number.isFinite(lon) ? [] : [{ target: 'stop-lon', text: t('admin.stops.errors.lon') }]),
    ];
    if (found.length > 0) return setErrors(localErrors(found));
    const body = { name: draft.name.trim(), village: draft.village.trim(), lat, lon, wheelchairAccessible: draft.wheelchair };
    void send(existing ? body : { ...body, code: draft.code.trim() }, existing ? 'admin.stops.saved' : 'admin.stops.created');
  };

  const heading = existing ? t('admin.stops.editHeading', { name: existing.name }) : t('admin.stops.newHeading');
  return (
    <section aria-labelledby="stop-form-heading">
      <h2 class="kern-heading-medium" id="stop-form-heading">{heading}</h2>
      <Form errors={errors} onSubmit={save} busy={busy} label={heading}>
        {!existing && <TextField id="stop-code" width="short" label={t('admin.stops.code')} hint={t('admin.stops.codeHint')} value={draft.code} error={errors.byId['stop-code']} onInput={(code) => set({ code })} />}
        <TextField id="stop-name" label={t('admin.stops.name')} value={draft.name} error={errors.byId['stop-name']} onInput={(name) => set({ name })} />
        <TextField id="stop-village" label={t('admin.stops.village')} value={draft.village} error={errors.byId['stop-village']} onInput={(village) => set({ village })} />
        <div class="admin-grid">
          <TextField id="stop-lat" width="short" inputMode="text" label={t('admin.stops.lat')} value={draft.lat} error={errors.byId['stop-lat']} onInput={(lat) => set({ lat })} />
          <TextField id="stop-lon" width="short" inputMode="text" label={t('admin.stops.lon')} value={draft.lon} error={errors.byId['stop-lon']} onInput={(lon) => set({ lon })} />
        </div>
        <Checkbox id="stop-wheelchair" label={t('admin.stops.wheelchair')} checked={draft.wheelchair} onChange={(wheelchair) => set({ wheelchair })} />
        <ReasonField id="stop-reason" value={reason} error={errors.byId['stop-reason']} onInput={setReason} />
        {inUse && (
          <div class="kern-alert kern-alert--warning" role="alert">
            <div class="kern-alert__header">
              <span class="kern-icon kern-icon--warning" aria-hidden="true" />
              <p class="kern-title">{t('admin.stops.inUse', { n: inUse.length })}</p>
            </div>
            <div class="kern-alert__body">
              <ul class="kern-list">{inUse.map((id) => <li key={id}>{t('admin.stops.booking', { id: id.slice(0, 8) })}</li>)}</ul>
              <Button kind="secondary" onClick={() => void send({ active: false, force: true }, 'admin.stops.deactivated')}>{t('admin.stops.force')}</Button>
            </div>
          </div>
        )}
        <div class="button-row">
          <Button type="submit" disabled={busy}>{existing ? t('admin.stops.save') : t('admin.stops.create')}</Button>
          {existing && (existing.active
            ? <Button kind="secondary" disabled={busy} onClick={() => void send({ active: false }, 'admin.stops.deactivated')}>{t('admin.stops.deactivate')}</Button>
            : <Button kind="secondary" disabled={busy} onClick={() => void send({ active: true }, 'admin.stops.activated')}>{t('admin.stops.activate')}</Button>)}
          <Button kind="tertiary" onClick={props.onClose}>{t('admin.stops.close')}</Button>
        </div>
      </Form>
    </section>
  );
}
