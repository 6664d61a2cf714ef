import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface ShownError {
  /** The id of the field the error is about (the link moves the focus there), or a path to another step. */
  target: string;
  text: string;
}

/**
 * GOV.UK's error summary in KERN's danger alert: above the form, focused when it appears, one link
 * per error to the field it names.
 */
export function ErrorSummary(props: { errors: ShownError[] }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.errors.length > 0) box.current?.focus();
  }, [props.errors]);
  if (props.errors.length === 0) return null;
  const follow = (event: Event, target: string) => {
    if (target.startsWith('/')) return;
    const field = document.getElementById(target);
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: 'center' });
  };
  return (
    <div class="kern-alert kern-alert--danger error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={box}>
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 class="kern-title" id="error-summary-title">{t('errors.summaryTitle')}</h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {props.errors.map((error) => (
            <li key={error.target + error.text}>
              <a class="kern-link" href={error.target.startsWith('/') ? error.target : `#${error.target}`} onClick={(e) => follow(e, error.target)}>
                {error.text}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
