import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, OfflineError } from '../api';
import { useI18n } from '../i18n';
import { reasonRequired, sendOverride, undoOf, type OverrideAction, type OverrideAnswer } from './overrides-actions';
import type { Overview } from './overview-live';
import { bookingLabel, busLabel } from './overview-names';

interface Violation {
  rule: string;
  requestId?: string;
  detail: string;
}

type Phase =
  | { step: 'ask' }
  | { step: 'infeasible'; violations: Violation[] }
  | { step: 'done'; answer: OverrideAnswer; action: OverrideAction; undone: boolean; forced: boolean }
  | { step: 'failed'; message: string };

/**
 * Every dispatcher action goes through this dialog: it asks for the reason (required where the API
 * wants one), sends the action, and shows the service's answer — an infeasible change with the
 * promises it would break and "Trotzdem …" to force it with a reason, a done one with its undo.
 */
export function OverrideDialog(props: { action: OverrideAction | null; overview: Overview; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [action, setAction] = useState<OverrideAction | null>(props.action);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [phase, setPhase] = useState<Phase>({ step: 'ask' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setAction(props.action);
    setReason('');
    setReasonError('');
    setPhase({ step: 'ask' });
    const box = dialog.current;
    if (!box) return;
    if (props.action && !box.open) box.showModal();
    if (!props.action && box.open) box.close();
  }, [props.action]);

  const o = props.overview;
  const force = phase.step === 'infeasible';
  const needsReason = action ? reasonRequired(action, force) : false;
  const buses = o.buses.filter((b) => b.inService);

  async function run(what: OverrideAction, why: string, forced: boolean) {
    setBusy(true);
    try {
      const answer = await sendOverride(what, why, forced);
      // An undo is forced only in case the old state no longer passes; the service says so for a sequence, not for an assignment.
      const undone = what !== action;
      setPhase({ step: 'done', answer, action: what, undone, forced: answer.forced ?? (forced && !undone) });
      props.onChanged();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'assignment-infeasible' || e.code === 'sequence-infeasible')) {
        setPhase({ step: 'infeasible', violations: (e.body.violations as Violation[] | undefined) ?? [] });
      } else if (e instanceof ApiError) {
        setPhase({ step: 'failed', message: t('desk.override.failed', { detail: String(e.body.detail ?? e.body.title ?? e.code) }) });
      } else if (e instanceof OfflineError) {
        setPhase({ step: 'failed', message: t('desk.override.offline') });
      } else throw e;
    } finally {
      setBusy(false);
    }
  }

  function submit(e: Event) {
    e.preventDefault();
    if (!action) return;
    if (needsReason && !reason.trim()) {
      setReasonError(t('desk.override.reasonMissing'));
      document.getElementById('override-reason')?.focus();
      return;
    }
    setReasonError('');
    void run(action, reason, force);
  }

  function undo() {
    if (phase.step !== 'done') return;
    const back = undoOf(phase.action);
    if (!back) return;
    const why = back.action.kind === 'out-of-service' && phase.action.kind === 'in-service' ? phase.action.previousReason ?? '' : t('desk.override.undoReason', { reason: reason.trim() || '—' });
    void run(back.action, why, back.force);
  }

  const title = action ? t(`desk.override.title.${action.kind}`) : '';
  const subject = action ? ('bookingId' in action ? bookingLabel(o, action.bookingId, t) : busLabel(o, action.vehicleId)) : '';
  const canUndo = phase.step === 'done' && !phase.undone && undoOf(phase.action) !== null;
  return (
    <dialog class="kern-dialog desk-dialog" ref={dialog} aria-labelledby="override-title" onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <header class="kern-dialog__header">
          <h2 class="kern-title" id="override-title">{title}</h2>
        </header>
        <section class="kern-dialog__body">
          <p class="kern-body">{subject}</p>
          {action?.kind === 'assign' && phase.step !== 'done' && (
            <div class="kern-form-input">
              <label class="kern-label" for="override-bus">{t('desk.override.bus')}</label>
              <div class="kern-form-input__select-wrapper">
                <select
                  class="kern-form-input__select"
                  id="override-bus"
                  value={action.vehicleId ?? ''}
                  onChange={(e) => {
                    setAction({ ...action, vehicleId: (e.currentTarget as HTMLSelectElement).value });
                    setPhase({ step: 'ask' });
                  }}
                >
                  {buses.map((b) => <option key={b.id} value={b.id}>{b.label}{b.id === action.previousVehicleId ? ` (${t('desk.override.current')})` : ''}</option>)}
                </select>
              </div>
            </div>
          )}
          {phase.step === 'infeasible' && (
            <div class="kern-alert kern-alert--warning" role="alert">
              <div class="kern-alert__header"><span class="kern-title kern-title--small">{t('desk.override.infeasible')}</span></div>
              <div class="kern-alert__body">
                <ul class="kern-list">
                  {phase.violations.map((v, i) => (
                    <li key={i} class="kern-body">
                      {v.requestId ? `${bookingLabel(o, v.requestId, t)}: ` : ''}{t(`desk.rules.${v.rule}`)}
                    </li>
                  ))}
                </ul>
                <p class="kern-body">{t('desk.override.forceHint')}</p>
              </div>
            </div>
          )}
          {phase.step === 'failed' && (
            <div class="kern-alert kern-alert--danger" role="alert">
              <div class="kern-alert__body"><p class="kern-body">{phase.message}</p></div>
            </div>
          )}
          {phase.step === 'done' && (
            <div class="kern-alert kern-alert--success" role="status">
              <div class="kern-alert__body"><p class="kern-body">{doneText(phase, o, t)}</p></div>
            </div>
          )}
          {phase.step !== 'done' && (
            <div class={`kern-form-input${reasonError ? ' kern-form-input--error' : ''}`}>
              <label class="kern-label" for="override-reason">{needsReason ? t('desk.override.reasonRequired') : t('desk.override.reason')}</label>
              {reasonError && <p class="kern-error" id="override-reason-error"><span class="kern-body">{reasonError}</span></p>}
              <textarea
                class={`kern-form-input__input${reasonError ? ' kern-form-input__input--error' : ''}`}
                id="override-reason"
                rows={2}
                value={reason}
                aria-invalid={reasonError ? 'true' : undefined}
                aria-describedby={reasonError ? 'override-reason-error' : undefined}
                onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
              />
            </div>
          )}
        </section>
        <footer class="kern-dialog__footer">
          {phase.step === 'done' ? (
            <>
              {canUndo && <button type="button" class="kern-btn kern-btn--secondary" disabled={busy} onClick={undo}><span class="kern-label">{t('desk.override.undo')}</span></button>}
              <button type="button" class="kern-btn kern-btn--primary" onClick={() => dialog.current?.close()}><span class="kern-label">{t('desk.override.close')}</span></button>
            </>
          ) : (
            <>
              <button type="button" class="kern-btn kern-btn--secondary" onClick={() => dialog.current?.close()}><span class="kern-label">{t('desk.override.cancel')}</span></button>
              <button type="submit" class="kern-btn kern-btn--primary" disabled={busy}>
                <span class="kern-label">{force ? t(`desk.override.force.${action?.kind === 'sequence' ? 'sequence' : 'assign'}`) : t(`desk.override.submit.${action?.kind ?? 'assign'}`)}</span>
              </button>
            </>
          )}
        </footer>
      </form>
    </dialog>
  );
}

function doneText(phase: Extract<Phase, { step: 'done' }>, o: Overview, t: (key: string, params?: Record<string, string | number>) => string): string {
  const a = phase.action;
  const forced = phase.forced ? ` ${t('desk.override.forcedNote')}` : '';
  switch (a.kind) {
    case 'assign':
      return t('desk.override.done.assign', { booking: bookingLabel(o, a.bookingId, t), bus: busLabel(o, a.vehicleId ?? '') }) + forced;
    case 'unassign':
    case 'lock':
    case 'unlock':
      return t(`desk.override.done.${a.kind}`, { booking: bookingLabel(o, a.bookingId, t) });
    case 'decide':
      return t(`desk.override.done.decide.${phase.answer.status === 'pending' ? 'pending' : phase.answer.status === 'rejected' ? 'rejected' : 'offered'}`, { booking: bookingLabel(o, a.bookingId, t) });
    case 'sequence':
      return t('desk.override.done.sequence', { bus: busLabel(o, a.vehicleId) }) + forced;
    case 'out-of-service':
      return t('desk.override.done.outOfService', {
        bus: busLabel(o, a.vehicleId),
        reassigned: phase.answer.reassigned?.length ?? 0,
        unplaceable: phase.answer.unplaceable?.length ?? 0,
        onBoard: phase.answer.onBoard?.length ?? 0,
      });
    case 'in-service':
      return t('desk.override.done.inService', { bus: busLabel(o, a.vehicleId) });
  }
}
