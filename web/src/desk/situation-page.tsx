import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { AttentionList } from './attention-list';
import { overviewAreaOf, useDeskArea } from './desk-area';
import { DeskNav } from './desk-nav';
import { KpiPanel } from './kpi-panel';
import { BusTable } from './map-bus-table';
import LiveMap from './map-live';
import type { OverrideAction } from './overrides-actions';
import { OverrideDialog } from './overrides-dialog';
import { OverviewHeader, useDeskDay } from './overview-header';
import { useLiveOverview } from './overview-live';
import './desk.css';

/** The desk's start: the day's situation — the map and the buses, what needs attention, the day in numbers — kept live. */
export default function SituationPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const [day, setDay] = useDeskDay();
  const { areas, chosen, choose } = useDeskArea();
  const area = overviewAreaOf(areas, chosen);
  const { overview, error, connection, reload } = useLiveOverview(day, area);
  const [action, setAction] = useState<OverrideAction | null>(null);
  return (
    <>
      <DeskNav />
      <h1 class="kern-heading-x-large">{t('desk.title')}</h1>
      <p class="kern-body">{t('desk.welcome', { name: user?.name ?? '' })}</p>
      <OverviewHeader day={day} onDay={setDay} overview={overview} connection={connection} areas={areas} area={area} onArea={choose} />
      {error && !overview && <p class="kern-body" role="alert">{t('desk.loadFailed')}</p>}
      {!overview && !error && <p class="kern-body">{t('desk.loading')}</p>}
      {overview && (
        <div class="desk-situation">
          <div class="desk-situation__main">
            <section class="desk-panel" aria-labelledby="map-heading">
              <h2 class="kern-heading-medium" id="map-heading">{t('desk.map.heading', { area: overview.area.name })}</h2>
              <LiveMap overview={overview} />
              <BusTable overview={overview} onAction={setAction} />
            </section>
          </div>
          <div class="desk-situation__side">
            <AttentionList overview={overview} onAction={setAction} />
            <KpiPanel overview={overview} />
          </div>
          <OverrideDialog action={action} overview={overview} onClose={() => setAction(null)} onChanged={reload} />
        </div>
      )}
    </>
  );
}
