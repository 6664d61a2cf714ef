import { useI18n } from '../i18n';
import { Link } from '../router';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <h1 class="kern-heading-x-large">{t('notFound.title')}</h1>
      <p class="kern-body">{t('notFound.text')}</p>
      <p class="kern-body"><Link class="kern-link" href="/">{t('notFound.home')}</Link></p>
    </>
  );
}
