import { lazy, Suspense } from 'preact/compat';
import { useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { useI18n } from '../i18n';
import type { PageProps } from '../page-props';
import { loadAdminArea, loadAdminStops, type AdminStop } from './admin-api';
import { AdminNav } from './admin-nav';
import { MatrixStatus } from './matrix-status';
import { SavedNote } from './saved-note';
import { draftOfStop, StopForm, type StopDraft } from './stop-form';
import { StopsFile } from './stops-file';
import { useLoad } from './use-load';

const StopsMap = lazy(() => import('./stops-map'));
const BLANK: StopDraft = { stop: null, code: '', name: '', village: '', lat: '', lon: '', wheelchair: false };

const upsert = (all: AdminStop[], stop: AdminStop) => (all.some((s) => s.id === stop.id) ? all.map((s) => (s.id === stop.id ? stop : s)) : [...all, stop]);

/** An area's stops: the map to place and drag them, the list to open each, and the form beside. */
export default function StopsPage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params.id;
  const area = useLoad(() => loadAdminArea(id), [id]);
  const stops = useLoad(() => loadAdminStops(id), [id]);
  const [draft, setDraft] = useState<StopDraft | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Each change of the stops restarts the travel-time status's questions.
  const [changes, setChanges] = useState(0);

  if (area.failed || stops.failed) return <p class="kern-body">{t('admin.loadFailed')}</p>;
  if (!area.data || !stops.data) return <p class="kern-body">{t('common.loading')}</p>;
  const shown = stops.data.map((s) => (draft?.stop?.id === s.id ? { ...s, lat: Number(draft.lat) || s.lat, lon: Number(draft.lon) || s.lon } : s));
  const open = (next: StopDraft) => {
    setSaved(null);
    setDraft(next);
  };

  return (
    <>
      <AdminNav areaId={id} areaName={area.data.name} />
      <h1 class="kern-heading-x-large">{t('admin.stops.heading', { name: area.data.name })}</h1>
      <SavedNote text={saved} />
      <div class="admin-columns">
        <Suspense fallback={<p class="kern-body">{t('common.loading')}</p>}>
          <StopsMap boundary={area.data.boundary} stops={shown} selectedId={draft?.stop?.id ?? null}
            onPlace={(lat, lon) => open({ ...(draft && !draft.stop ? draft : BLANK), lat: String(lat), lon: String(lon) })}
            onMove={(stop, lat, lon) => open({ ...(draft?.stop?.id === stop.id ? draft : draftOfStop(stop)), lat: String(lat), lon: String(lon) })} />
        </Suspense>
        <div>
          {draft ? (
            <StopForm key={draft.stop?.id ?? 'new'} areaId={id} draft={draft} onDraft={setDraft} onClose={() => setDraft(null)}
              onSaved={(stop, text) => { setDraft(null); setSaved(text); stops.replace(upsert(stops.data ?? [], stop)); stops.reload(); setChanges((n) => n + 1); }} />
          ) : <p class="kern-body">{t('admin.stops.pick')}</p>}
        </div>
      </div>
      <MatrixStatus areaId={id} changes={changes} />
      <div class="admin-table-wrap">
        <table class="kern-table">
          <caption class="kern-title">{t('admin.stops.caption', { n: stops.data.length })}</caption>
          <thead class="kern-table__header">
            <tr class="kern-table__row">
              {['code', 'name', 'village', 'wheelchair', 'state'].map((key) => <th key={key} scope="col" class="kern-table__header">{t(`admin.stops.col.${key}`)}</th>)}
              <th scope="col" class="kern-table__header"><span class="sr-only">{t('admin.stops.col.action')}</span></th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {stops.data.map((stop) => (
              <tr class="kern-table__row" key={stop.id}>
                <td class="kern-table__cell">{stop.code}</td>
                <td class="kern-table__cell">{stop.name}</td>
                <td class="kern-table__cell">{stop.village}</td>
                <td class="kern-table__cell">{t(stop.wheelchairAccessible ? 'admin.yes' : 'admin.no')}</td>
                <td class="kern-table__cell">{t(stop.active ? 'admin.stops.active' : 'admin.stops.inactive')}</td>
                <td class="kern-table__cell">
                  <Button kind="tertiary" onClick={() => open(draftOfStop(stop))}>{t('admin.stops.edit')}<span class="sr-only"> {stop.name}</span></Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <StopsFile areaId={id} onImported={() => { setDraft(null); stops.reload(); setChanges((n) => n + 1); }} />
    </>
  );
}
