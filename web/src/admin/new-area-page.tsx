import { useState } from 'preact/hooks';
import { Button, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FieldSpec, type FormErrors } from '../lib/problems';
import { navigate } from '../router';
import { change, loadAdminAreas, type AdminArea, type AreaBoundary } from './admin-api';
import { AdminNav } from './admin-nav';
import { BoundaryEditor } from './boundary-editor';
import { boundaryProblem } from './boundary-errors';
import { ReasonField } from './reason-field';
import { useLoad } from './use-load';

/** What a new area starts with; the operator changes it on the area's page right after. */
const WEEKDAY_HOURS = [{ from: '06:00', to: '20:00' }];
const STARTING_HOURS = { 1: WEEKDAY_HOURS, 2: WEEKDAY_HOURS, 3: WEEKDAY_HOURS, 4: WEEKDAY_HOURS, 5: WEEKDAY_HOURS, 6: [{ from: '08:00', to: '20:00' }], 7: [] };
const STARTING_RULES = { minLeadMin: 30, maxHorizonDays: 14, cancellationCutoffMin: 60, pickupWindowMin: 15, maxRideAlpha: 1.5, maxRideBetaMin: 10, maxActiveBookingsPerRider: 10 };

const FIELDS: Record<string, FieldSpec> = {
  name: { id: 'new-name', textKey: 'admin.area.errors.name' },
  timeZone: { id: 'new-tz', textKey: 'admin.area.errors.timeZone' },
  boundary: { id: 'new-boundary', textKey: 'admin.boundary.errors.shape' },
  reason: { id: 'new-reason', textKey: 'admin.reason.error' },
};

/** A new service area: its name, time zone and boundary, drawn on the map or uploaded. */
export default function NewAreaPage() {
  const { t } = useI18n();
  const areas = useLoad(loadAdminAreas, []);
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('Europe/Berlin');
  const [boundary, setBoundary] = useState<AreaBoundary | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    const found = [
      ...(name.trim() ? [] : [{ target: 'new-name', text: t('admin.area.errors.name') }]),
      ...(boundary ? [] : [{ target: 'new-boundary', text: t('admin.boundary.errors.missing') }]),
      ...(reason.trim() ? [] : [{ target: 'new-reason', text: t('admin.reason.error') }]),
    ];
    if (found.length > 0) return setErrors(localErrors(found));
    setBusy(true);
    try {
      const area = await change<AdminArea>('POST', '/v1/admin/areas', { name: name.trim(), timeZone: timeZone.trim(), boundary, operatingHours: STARTING_HOURS, rules: STARTING_RULES, reason: reason.trim() });
      navigate(`/verwaltung/gebiete/${area.id}`);
    } catch (error) {
      const shown = formErrors(error, FIELDS, t);
      const problem = boundaryProblem(error, t);
      setErrors(problem ? { summary: shown.summary.map((e) => (e.target === 'new-boundary' ? { ...e, text: problem } : e)), byId: { ...shown.byId, 'new-boundary': problem } } : shown);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <AdminNav />
      <h1 class="kern-heading-x-large">{t('admin.newArea.heading')}</h1>
      <p class="kern-body">{t('admin.newArea.intro')}</p>
      <Form errors={errors} onSubmit={() => void create()} busy={busy} label={t('admin.newArea.heading')}>
        <TextField id="new-name" label={t('admin.area.name')} value={name} error={errors.byId['new-name']} onInput={setName} />
        <TextField id="new-tz" label={t('admin.area.timeZone')} hint={t('admin.area.timeZoneHint')} value={timeZone} error={errors.byId['new-tz']} onInput={setTimeZone} />
        <h2 class="kern-heading-medium">{t('admin.boundary.heading')}</h2>
        {areas.data && <BoundaryEditor id="new-boundary" boundary={boundary} others={areas.data.map((a) => a.boundary)} error={errors.byId['new-boundary']} onChange={setBoundary} />}
        <ReasonField id="new-reason" value={reason} error={errors.byId['new-reason']} onInput={setReason} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t('admin.newArea.create')}</Button>
        </div>
      </Form>
    </>
  );
}
