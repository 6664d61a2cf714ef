import { Link } from '../router';
import { useI18n } from '../i18n';

/** The server's answer to a change, as a success message the screen reader reads out. */
export interface Saved {
  text: string;
  /** Booked rides no bus could take any more: the desk has to find them a bus (each linked to its booking). */
  openRides?: string[];
}

export function SavedNote(props: { text: string | null; openRides?: string[] }) {
  const { t } = useI18n();
  if (!props.text) return <div role="status" />;
  const open = props.openRides ?? [];
  return (
    <div role="status">
      <div class="kern-alert kern-alert--success">
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--success" aria-hidden="true" />
          <p class="kern-title">{props.text}</p>
        </div>
        {open.length > 0 && (
          <div class="kern-alert__body">
            <p class="kern-body">{t('admin.fleet.openRides')}</p>
            <ul class="kern-list">
              {open.map((id) => <li key={id}><Link class="kern-link" href={`/leitstelle/buchungen/${id}`}>{t('admin.fleet.openRide', { id: id.slice(0, 8) })}</Link></li>)}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
