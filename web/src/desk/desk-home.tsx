import { useI18n } from '../i18n';
import { useSession } from '../session';

/** The dispatch desk's start page. */
export default function DeskHome() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <>
      <h1 class="kern-heading-x-large">{t('desk.title')}</h1>
      <p class="kern-body">{t('desk.welcome', { name: user?.name ?? '' })}</p>
    </>
  );
}
