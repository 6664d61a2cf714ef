import { lazy, Suspense } from 'preact/compat';
import { useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { useI18n } from '../i18n';
import type { AreaBoundary } from './admin-api';
import { boundaryFromFile, polygonOf } from './boundary-file';

const BoundaryMap = lazy(() => import('./boundary-map'));

/**
 * Drawing or uploading an area's boundary: "Grenze zeichnen", click the corners, "Fertig"; or a
 * GeoJSON file. The result goes to `onChange`; saving it is the page's.
 */
export function BoundaryEditor(props: { id: string; boundary: AreaBoundary | null; others: AreaBoundary[]; error?: string; onChange: (boundary: AreaBoundary) => void }) {
  const { t } = useI18n();
  const [drawing, setDrawing] = useState(false);
  const [points, setPoints] = useState<Array<[number, number]>>([]);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const error = fileProblem ?? props.error;

  const upload = async (file: File | undefined) => {
    if (!file) return;
    const found = boundaryFromFile(await file.text());
    if (typeof found === 'string') return setFileProblem(t(`admin.boundary.file.${found}`));
    setFileProblem(null);
    setDrawing(false);
    props.onChange(found);
  };
  const finish = () => {
    setDrawing(false);
    props.onChange(polygonOf(points));
  };

  return (
    <div class={`boundary-editor${error ? ' kern-form-input--error' : ''}`}>
      <p class="kern-body" id={`${props.id}-state`}>
        {drawing ? t('admin.boundary.points', { n: points.length }) : props.boundary ? t('admin.boundary.has', { n: cornersOf(props.boundary) }) : t('admin.boundary.none')}
      </p>
      {error && (
        <p class="kern-error" id={`${props.id}-error`}>
          <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span class="kern-body">{error}</span>
        </p>
      )}
      <Suspense fallback={<p class="kern-body">{t('common.loading')}</p>}>
        <BoundaryMap boundary={props.boundary} others={props.others} drawing={drawing} points={points} onPoint={(p) => setPoints((all) => [...all, p])} />
      </Suspense>
      <div class="button-row">
        {drawing ? (
          <>
            <Button onClick={finish} disabled={points.length < 3}>{t('admin.boundary.finish')}</Button>
            <Button kind="secondary" onClick={() => setPoints((all) => all.slice(0, -1))} disabled={points.length === 0}>{t('admin.boundary.undo')}</Button>
            <Button kind="tertiary" onClick={() => setDrawing(false)}>{t('admin.boundary.cancel')}</Button>
          </>
        ) : (
          <Button kind="secondary" onClick={() => { setPoints([]); setDrawing(true); }}>{t('admin.boundary.draw')}</Button>
        )}
      </div>
      <div class="kern-form-input">
        <label class="kern-label" for={props.id}>{t('admin.boundary.upload')}</label>
        <div class="kern-hint" id={`${props.id}-hint`}>{t('admin.boundary.uploadHint')}</div>
        <input class="kern-form-input__input" type="file" id={props.id} accept=".geojson,.json,application/geo+json,application/json"
          aria-describedby={`${props.id}-hint${error ? ` ${props.id}-error` : ''}`} aria-invalid={error ? 'true' : undefined}
          onChange={(e) => void upload((e.currentTarget as HTMLInputElement).files?.[0])} />
      </div>
    </div>
  );
}

const cornersOf = (b: AreaBoundary) => (b.type === 'Polygon' ? b.coordinates[0].length - 1 : b.coordinates.reduce((n, p) => n + p[0].length - 1, 0));
