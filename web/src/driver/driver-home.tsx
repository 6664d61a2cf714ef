import { useEffect, useState } from 'preact/hooks';
import { Checkbox } from '../components/fields';
import { loadAreas } from '../lib/catalogue';
import { useSession } from '../session';
import { chime, unlockAudio } from './chime';
import { usePositionReports, useWakeLock } from './device';
import { useTabletFormat } from './format';
import { NextStop } from './next-stop';
import { StopList } from './stop-list';
import { tabletState } from './tablet-state';
import { ChangeNotice, changeSentences, QueueStatus, UndoBar } from './tablet-status';
import { useTablet } from './use-tablet';
import './driver.css';

/** A switch the driver set once and the tablet keeps. */
function useSetting(key: string, initial: boolean): [boolean, (on: boolean) => void] {
  const [value, setValue] = useState(() => {
    try {
      const kept = localStorage.getItem(key);
      return kept === null ? initial : kept === 'true';
    } catch {
      return initial;
    }
  });
  return [value, (on) => {
    setValue(on);
    try {
      localStorage.setItem(key, String(on));
    } catch {
      // No storage: the switch holds for this visit.
    }
  }];
}

/** Whether the instant lies within the shift; checked every few seconds. */
function useShiftRuns(shift: { startAt: string; endAt: string } | undefined): boolean {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return !!shift && Date.parse(shift.startAt) <= now && now < Date.parse(shift.endAt);
}

/** The driver's tablet: the next stop large, one tap per event, the rest of the shift's stops below. */
export default function DriverHome() {
  const { user } = useSession();
  const tablet = useTablet(user?.id ?? 'anonymous');
  const [timeZone, setTimeZone] = useState('Europe/Berlin');
  const [sound, setSound] = useSetting('etb.driver.sound', true);
  const [sharePosition, setSharePosition] = useSetting('etb.driver.position', false);
  const [announcement, setAnnouncement] = useState('');
  const { t, time } = useTabletFormat(timeZone);
  const { manifest } = tablet;
  const shiftRuns = useShiftRuns(manifest?.shift);
  const state = manifest ? tabletState(manifest, tablet.events) : undefined;
  const position = usePositionReports(sharePosition, shiftRuns);
  useWakeLock();

  // Browsers play sound only after a tap: the driver's first tap opens the audio.
  useEffect(() => {
    document.addEventListener('pointerdown', unlockAudio);
    document.addEventListener('keydown', unlockAudio);
    return () => {
      document.removeEventListener('pointerdown', unlockAudio);
      document.removeEventListener('keydown', unlockAudio);
    };
  }, []);
  useEffect(() => {
    loadAreas().then((areas) => areas[0] && setTimeZone(areas[0].timeZone)).catch(() => undefined);
  }, []);
  // A plan change is said (aria-live), shown (highlighted) and, if the driver wants, heard.
  useEffect(() => {
    if (!tablet.lastChange || !manifest) return;
    setAnnouncement(changeSentences(manifest, tablet.lastChange.changes, t, time).join(' '));
    if (sound) chime();
  }, [tablet.lastChange]);

  const positionText = {
    off: sharePosition && !shiftRuns ? t('driver.settings.positionOffShift') : '',
    waiting: t('driver.settings.positionWaiting'),
    sent: position.kind === 'sent' ? t('driver.settings.positionSent', { time: time(position.at) }) : '',
    denied: t('driver.settings.positionDenied'),
    unavailable: t('driver.settings.positionUnavailable'),
  }[position.kind];

  return (
    <div class="tablet">
      <div class="tablet__top">
        <h1 class="kern-heading-large">{manifest ? t('driver.heading', { vehicle: manifest.vehicle.label }) : t('driver.title')}</h1>
        <p class="kern-body">
          {manifest && `${t('driver.shiftRuns', { from: time(manifest.shift.startAt), to: time(manifest.shift.endAt) })} · `}
          {t('driver.welcome', { name: user?.name ?? '' })}
        </p>
        <QueueStatus tablet={tablet} shiftId={manifest?.shiftId} />
      </div>
      <div class="sr-only" aria-live="polite">{announcement}</div>
      {tablet.sessionLost && <p class="kern-body tablet__alert" role="alert">{t('driver.sessionLost')}</p>}
      {manifest === undefined && <p class="kern-body" role="status">{t('driver.loading')}</p>}
      {manifest === null && (
        <section class="next-stop" aria-labelledby="no-shift">
          <h2 id="no-shift" class="kern-heading-large">{t('driver.noShift')}</h2>
          <p class="kern-body">{t('driver.noShiftHint')}</p>
        </section>
      )}
      <UndoBar tablet={tablet} />
      {manifest && (
        <>
          {Date.parse(manifest.shift.startAt) > Date.now() && <p class="kern-body tablet__notice">{t('driver.shiftLater', { time: time(manifest.shift.startAt) })}</p>}
          <ChangeNotice tablet={tablet} manifest={manifest} timeZone={timeZone} />
          <div class={state!.phase === 'done' ? 'tablet__body tablet__body--single' : 'tablet__body'}>
            <NextStop state={state!} highlights={tablet.highlights} timeZone={timeZone} report={tablet.report} quiet={tablet.quiet} />
            {state!.phase !== 'done' && <StopList calls={state!.rest} highlights={tablet.highlights} timeZone={timeZone} />}
          </div>
        </>
      )}
      <section class="tablet-settings" aria-labelledby="settings-heading">
        <h2 id="settings-heading" class="kern-heading-small">{t('driver.settings.heading')}</h2>
        <Checkbox id="driver-sound" label={t('driver.settings.sound')} checked={sound} onChange={setSound} />
        <Checkbox id="driver-position" label={t('driver.settings.position')} checked={sharePosition} onChange={setSharePosition} />
        {positionText && <p class="kern-body tablet-settings__status">{positionText}</p>}
      </section>
    </div>
  );
}
