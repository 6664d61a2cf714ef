import { useI18n } from '../i18n';
import { Link } from '../router';
import { loadAdminAreas } from './admin-api';
import { AdminNav } from './admin-nav';
import { useLoad } from './use-load';

/** The operator's start: the service areas of this deployment, each with its settings, and a new one. */
export default function AreasPage() {
  const { t } = useI18n();
  const areas = useLoad(loadAdminAreas, []);
  return (
    <>
      <AdminNav />
      <h1 class="kern-heading-x-large">{t('admin.areas.heading')}</h1>
      <p class="kern-body">{t('admin.areas.intro')}</p>
      {areas.failed ? <p class="kern-body">{t('admin.loadFailed')}</p> : !areas.data ? <p class="kern-body">{t('common.loading')}</p> : (
        <table class="kern-table">
          <caption class="kern-title">{t('admin.areas.caption', { n: areas.data.length })}</caption>
          <thead class="kern-table__header">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">{t('admin.areas.name')}</th>
              <th scope="col" class="kern-table__header">{t('admin.areas.timeZone')}</th>
              <th scope="col" class="kern-table__header">{t('admin.areas.hotline')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {areas.data.map((area) => (
              <tr class="kern-table__row" key={area.id}>
                <td class="kern-table__cell"><Link class="kern-link" href={`/verwaltung/gebiete/${area.id}`}>{area.name}</Link></td>
                <td class="kern-table__cell">{area.timeZone}</td>
                <td class="kern-table__cell">{area.hotline ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="button-row">
        <Link class="kern-btn kern-btn--primary" href="/verwaltung/neu"><span class="kern-label">{t('admin.areas.new')}</span></Link>
      </div>
    </>
  );
}
