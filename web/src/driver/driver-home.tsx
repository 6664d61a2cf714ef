import { useI18n } from '../i18n';
import { useSession } from '../session';

/** The driver's tablet: the current shift's stops. */
export default function DriverHome() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <>
      <h1 class="kern-heading-x-large">{t('driver.title')}</h1>
      <p class="kern-body">{t('driver.welcome', { name: user?.name ?? '' })}</p>
    </>
  );
}
