import { useI18n } from '../../i18n';

export const BOOKING_STEPS = ['from', 'to', 'when', 'details', 'check'] as const;
export type BookingStep = (typeof BOOKING_STEPS)[number];
export const STEP_PATHS: Record<BookingStep, string> = {
  from: '/buchen',
  to: '/buchen/ziel',
  when: '/buchen/zeit',
  details: '/buchen/angaben',
  check: '/buchen/pruefen',
};

/** "Schritt 2 von 5" above the step's question, which is the page's heading. */
export function StepHeader(props: { step: BookingStep }) {
  const { t } = useI18n();
  return (
    <>
      <p class="kern-preline">{t('book.stepOf', { n: BOOKING_STEPS.indexOf(props.step) + 1, total: BOOKING_STEPS.length })}</p>
      <h1 class="kern-heading-x-large">{t(`book.${props.step}.heading`)}</h1>
    </>
  );
}
