import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { loadMatrixState, type MatrixState } from './admin-api';

/** While the travel times are not current, the page asks again this often. */
const POLL_MS = 2_000;

type Shown = MatrixState['state'] | 'empty';
const ALERT_OF: Record<Shown, 'success' | 'info' | 'warning'> = { current: 'success', building: 'info', stale: 'warning', empty: 'info' };
/** An area without stops has no travel times to build: nothing to wait for. */
const shownOf = (matrix: MatrixState): Shown => (matrix.stops === 0 ? 'empty' : matrix.state);

/**
 * Whether the area's travel times between stops are those of today's stops: current, being rebuilt
 * (rows done of all) or not yet (a rebuild is queued). Asked again every POLL_MS until current;
 * `changes` counts the page's changes to the stops, each of which starts asking again.
 */
export function MatrixStatus(props: { areaId: string; changes: number }) {
  const { t } = useI18n();
  const [matrix, setMatrix] = useState<MatrixState | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const state = await loadMatrixState(props.areaId);
        if (!live) return;
        setMatrix(state);
        setFailed(false);
        if (shownOf(state) !== 'current' && shownOf(state) !== 'empty') timer = setTimeout(() => void ask(), POLL_MS);
      } catch {
        if (!live) return;
        setFailed(true);
        timer = setTimeout(() => void ask(), POLL_MS * 5);
      }
    };
    void ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [props.areaId, props.changes]);

  const state = matrix ? shownOf(matrix) : undefined;
  const progress = matrix?.progress;
  return (
    <section aria-labelledby="matrix-heading" class="matrix-status">
      <h2 class="kern-heading-medium" id="matrix-heading">{t('admin.matrix.heading')}</h2>
      {/* Only the state's title is read out when it changes, not every step of the progress. */}
      <div class={`kern-alert kern-alert--${state ? ALERT_OF[state] : 'info'}`}>
        <div class="kern-alert__header">
          <span class={`kern-icon kern-icon--${state ? ALERT_OF[state] : 'info'}`} aria-hidden="true" />
          <p class="kern-title" aria-live="polite">{failed ? t('admin.matrix.failed') : state ? t(`admin.matrix.${state}.title`) : t('common.loading')}</p>
        </div>
        {matrix && state && (
          <div class="kern-alert__body">
            <p class="kern-body">{t(`admin.matrix.${state}.text`, { n: matrix.stops })}</p>
            {progress && (
              <div class="kern-progress">
                <label class="kern-label" for="matrix-progress">{t('admin.matrix.progress', { done: progress.done, total: progress.total })}</label>
                <progress id="matrix-progress" max={progress.total} value={progress.done}>{Math.round((100 * progress.done) / Math.max(1, progress.total))} %</progress>
              </div>
            )}
            {(state === 'building' || state === 'stale') && <p class="kern-body">{t('admin.matrix.bookingsWait')}</p>}
            {state === 'current' && matrix.estimated && <p class="kern-body">{t('admin.matrix.estimated')}</p>}
          </div>
        )}
      </div>
    </section>
  );
}
