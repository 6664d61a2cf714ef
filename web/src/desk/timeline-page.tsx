import { useI18n } from '../i18n';
import { DeskNav } from './desk-nav';

/** Placeholder until this section of the desk is built. */
export default function Page() {
  const { t } = useI18n();
  return (
    <>
      <DeskNav />
      <h1 class="kern-heading-x-large">{t('desk.nav.timeline')}</h1>
    </>
  );
}
