import { useI18n } from '../i18n';
import { useSession } from '../session';
import { DeskNav } from './desk-nav';

/** The desk's start: the situation of the day (map, attention list, KPIs). */
export default function SituationPage() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <>
      <DeskNav />
      <h1 class="kern-heading-x-large">{t('desk.title')}</h1>
      <p class="kern-body">{t('desk.welcome', { name: user?.name ?? '' })}</p>
    </>
  );
}
