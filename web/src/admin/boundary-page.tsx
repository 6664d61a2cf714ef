import { useEffect, useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FieldSpec, type FormErrors } from '../lib/problems';
import type { PageProps } from '../page-props';
import { change, loadAdminAreas, type AdminArea, type AreaBoundary } from './admin-api';
import { AdminNav } from './admin-nav';
import { BoundaryEditor } from './boundary-editor';
import { boundaryProblem } from './boundary-errors';
import { ReasonField } from './reason-field';
import { SavedNote } from './saved-note';
import { useLoad } from './use-load';

const FIELDS: Record<string, FieldSpec> = {
  boundary: { id: 'area-boundary', textKey: 'admin.boundary.errors.shape' },
  reason: { id: 'boundary-reason', textKey: 'admin.reason.error' },
};

/** An area's boundary: redrawn or uploaded, saved with a reason; the service checks the shape. */
export default function BoundaryPage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params.id;
  const areas = useLoad(loadAdminAreas, [id]);
  const area = areas.data?.find((a) => a.id === id);
  const [boundary, setBoundary] = useState<AreaBoundary | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (area) setBoundary(area.boundary);
  }, [area?.id]);

  if (areas.failed || (areas.data && !area)) return <p class="kern-body">{t('admin.loadFailed')}</p>;
  if (!areas.data || !area) return <p class="kern-body">{t('common.loading')}</p>;

  const save = async () => {
    if (!reason.trim()) return setErrors(localErrors([{ target: 'boundary-reason', text: t('admin.reason.error') }]));
    setBusy(true);
    setSaved(null);
    try {
      const answer = await change<AdminArea>('PATCH', `/v1/admin/areas/${id}`, { boundary, reason: reason.trim() });
      setErrors(noErrors);
      setBoundary(answer.boundary);
      setSaved(t('admin.boundary.saved'));
    } catch (error) {
      const shown = formErrors(error, FIELDS, t);
      const problem = boundaryProblem(error, t);
      setErrors(problem ? { summary: [{ target: 'area-boundary', text: problem }], byId: { 'area-boundary': problem } } : shown);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <AdminNav areaId={id} areaName={area.name} />
      <h1 class="kern-heading-x-large">{t('admin.boundary.pageHeading', { name: area.name })}</h1>
      <SavedNote text={saved} />
      <Form errors={errors} onSubmit={() => void save()} busy={busy} label={t('admin.boundary.pageHeading', { name: area.name })}>
        <BoundaryEditor id="area-boundary" boundary={boundary} others={areas.data.filter((a) => a.id !== id).map((a) => a.boundary)} error={errors.byId['area-boundary']}
          onChange={(b) => { setBoundary(b); setSaved(null); }} />
        <ReasonField id="boundary-reason" value={reason} error={errors.byId['boundary-reason']} onInput={setReason} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t('admin.boundary.save')}</Button>
        </div>
      </Form>
    </>
  );
}
